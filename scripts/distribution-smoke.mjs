// Smoke test for the e2e registry harness (e2e/support/distribution.ts + oci-image.ts): starts a
// loopback receiver, a real Distribution registry notifying it, pushes an image with skopeo,
// deletes it, and prints every notification envelope the registry sent.
//
//   node scripts/distribution-smoke.mjs
//
// Node 20 cannot run TypeScript, so the harness files are transpiled with the project's own
// `typescript` into a temporary directory and imported from there (they only import node:*).
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import ts from "typescript";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tmp = await mkdtemp(path.join(os.tmpdir(), "distribution-smoke-"));

const importTs = async (relativePath) => {
  const source = await readFile(path.join(root, relativePath), "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: relativePath,
  });
  const out = path.join(tmp, "compiled", path.basename(relativePath).replace(/\.ts$/, ".mjs"));
  await import("node:fs/promises").then((fs) => fs.mkdir(path.dirname(out), { recursive: true }));
  await writeFile(out, outputText);
  return import(pathToFileURL(out).href);
};

const { startRegistry, skopeoCopy, skopeoDelete } = await importTs("e2e/support/distribution.ts");
const { writeOciImageLayout } = await importTs("e2e/support/oci-image.ts");

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Receiver: records every POST.
const received = [];
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    received.push({ at: Date.now(), method: req.method, path: req.url, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end("{}");
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const notifyUrl = `http://127.0.0.1:${server.address().port}/hook`;

const events = () => received.flatMap((r) => JSON.parse(r.body).events ?? []);
/** Waits (bounded) until `predicate(events)` holds, then a little longer to catch stragglers. */
const waitFor = async (label, predicate, timeoutMs = 15_000, settleMs = 1_500) => {
  const deadline = Date.now() + timeoutMs;
  while (!predicate(events())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}; got ${events().length} events`);
    await sleep(50);
  }
  await sleep(settleMs);
};

let registry;
let exitCode = 0;
const timings = {};
try {
  const t0 = Date.now();
  registry = await startRegistry({ notifyUrl, token: "smoke-token-123", workDir: path.join(tmp, "registry") });
  timings.registryStartMs = Date.now() - t0;
  console.log(`registry up on ${registry.host} in ${timings.registryStartMs} ms; notifying ${notifyUrl}`);

  const layoutDir = path.join(tmp, "layout");
  const image = await writeOciImageLayout(layoutDir, { tag: "v1" });
  console.log("layout written:", JSON.stringify(image));

  const tPush = Date.now();
  await skopeoCopy(layoutDir, "v1", registry.host, "hello-world:v1");
  timings.skopeoCopyMs = Date.now() - tPush;
  await waitFor("manifest push", (evs) => evs.some((e) => e.action === "push" && e.target?.digest === image.manifestDigest), 15_000, 0);
  timings.pushNotifiedMs = Date.now() - tPush;
  await sleep(1_500);
  const pushEnvelopes = received.length;

  const tDelete = Date.now();
  await skopeoDelete(registry.host, "hello-world:v1");
  timings.skopeoDeleteMs = Date.now() - tDelete;
  await waitFor("manifest delete", (evs) => evs.some((e) => e.action === "delete"), 15_000, 0);
  timings.deleteNotifiedMs = Date.now() - tDelete;
  timings.pushPlusDeleteRoundTripMs = Date.now() - tPush;
  await sleep(3_000); // watch for re-sends / stragglers

  console.log(`\ntimings: ${JSON.stringify(timings)}`);
  console.log(`${received.length} envelope(s): ${pushEnvelopes} after push, ${received.length - pushEnvelopes} after delete\n`);
  received.forEach((r, i) => {
    console.log(`=== envelope ${i + 1} (${r.method} ${r.path}, +${r.at - tPush} ms after push start) ===`);
    console.log(`Content-Type: ${r.headers["content-type"]}`);
    console.log(`Authorization: ${r.headers["authorization"]}`);
    console.log(`User-Agent: ${r.headers["user-agent"]}`);
    console.log("all headers:", JSON.stringify(r.headers));
    console.log("summary:");
    for (const e of JSON.parse(r.body).events ?? []) {
      console.log(
        "  " +
          JSON.stringify({
            id: e.id,
            action: e.action,
            mediaType: e.target?.mediaType,
            digest: e.target?.digest,
            tag: e.target?.tag,
            repository: e.target?.repository,
            size: e.target?.size,
            length: e.target?.length,
            host: e.request?.host,
            method: e.request?.method,
            useragent: e.request?.useragent,
          }),
      );
    }
    console.log("body (verbatim):");
    console.log(r.body);
    console.log();
  });
} catch (error) {
  console.error(error);
  exitCode = 1;
} finally {
  await registry?.stop();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await rm(tmp, { recursive: true, force: true });
}
process.exit(exitCode);
