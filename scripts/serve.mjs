// `npm run serve` (after the migrations): the built portal on PORT (3000), every address, as
// `next start` would serve it, with one difference: the port is the ingest
// thread's (lib/registry/notifications-listener.ts). Next.js listens on a loopback port of its
// own, and the ingest thread, started by instrumentation.ts while Next.js prepares, answers the
// registries' notifications itself and passes every other request to it. So an envelope never
// waits behind a page render, which holds the main thread (Next.js renders there) for tens of
// milliseconds. A build without the thread's bundle is served by Next.js on the port directly.
//
// `--port`/`-p` and `--hostname`/`-H` are taken as `next start` takes them.
import http from "node:http";

// As `next start` sets them, before Next.js is loaded: a production server, whose shutdown (SIGTERM:
// drain, then exit) is ours (lib/lifecycle/shutdown.ts), not Next.js's.
process.env.NODE_ENV = "production";
process.env.NEXT_MANUAL_SIG_HANDLE = "true";
const { default: next } = await import("next");

const argument = (long, short) => {
  const args = process.argv.slice(2);
  const at = args.findIndex((arg) => arg === long || arg === short);
  const inline = args.find((arg) => arg.startsWith(`${long}=`));
  return at >= 0 ? args[at + 1] : inline?.slice(long.length + 1);
};

const port = Number(argument("--port", "-p") ?? process.env.PORT ?? 3000);
// Not read from HOSTNAME, as `next start` does not: containers set it to their own name.
const hostname = argument("--hostname", "-H") ?? null;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`[serve] PORT must be a port number (0-65535), not "${argument("--port", "-p") ?? process.env.PORT}"`);
  process.exit(1);
}
// Keep-alive longer than a load balancer's idle reuse (60 s on most): a reused connection is never closed under a request.
const KEEP_ALIVE_MS = 65_000;
const shown = (host) => (host === null || host === "0.0.0.0" || host === "::" ? "localhost" : host.includes(":") ? `[${host}]` : host);

const app = next({ dev: false, hostname: hostname ?? "localhost", port });
let handle = null;
const pages = http.createServer((request, response) => handle(request, response));
// Only the ingest thread connects here, over connections it keeps: never close them idle (0),
// so a reused connection is never closed under a request.
pages.keepAliveTimeout = 0;
await new Promise((resolve, reject) => pages.once("error", reject).listen(0, "127.0.0.1", resolve));
process.env.PORTAL_LISTEN = JSON.stringify({ host: hostname, port, upstream: { host: "127.0.0.1", port: pages.address().port } });

await app.prepare();
handle = app.getRequestHandler();
// Next.js runs instrumentation.ts (the delivery and ingest threads started) before it answers
// its first request: ask for one, so that the ingest thread has said whether it takes the port.
await new Promise((resolve) => {
  const { port: pagesPort } = pages.address();
  http.get({ host: "127.0.0.1", port: pagesPort, path: "/api/health", agent: false }, (answer) => answer.resume().once("end", resolve)).once("error", resolve);
});

if (globalThis.portalListening) {
  try {
    await globalThis.portalListening;
  } catch (error) {
    console.error(`[serve] cannot listen on ${hostname ?? "every address"} port ${port}: ${error.message}`);
    process.exit(1);
  }
} else {
  // No ingest thread (a build without its bundle): Next.js takes the port itself.
  pages.close();
  const direct = http.createServer((request, response) => handle(request, response));
  direct.keepAliveTimeout = KEEP_ALIVE_MS;
  direct.headersTimeout = KEEP_ALIVE_MS + 1000;
  await new Promise((resolve, reject) => direct.once("error", reject).listen(port, hostname ?? undefined, resolve)).catch((error) => {
    console.error(`[serve] cannot listen on ${hostname ?? "every address"} port ${port}: ${error.message}`);
    process.exit(1);
  });
}
console.info(`[serve] Ready on http://${shown(hostname)}:${port}`);
