import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { closedPort } from "./receiver";

// A real CNCF Distribution registry (Debian's `docker-registry`, 2.8) on 127.0.0.1 that sends
// its push/delete notifications to a URL the test chooses, plus skopeo helpers to push and
// delete images in it. Needs: apt-get install -y docker-registry skopeo.

export type RunningRegistry = {
  /** "127.0.0.1:PORT" — what goes in front of a repository in an image reference. */
  host: string;
  stop: () => Promise<void>;
};

export type StartRegistryOptions = {
  /** Where the registry POSTs its notification envelopes. */
  notifyUrl: string;
  /** Sent as `Authorization: Bearer <token>` on every notification. */
  token: string;
  /** A scratch directory: config.yml and the registry's storage go here. */
  workDir: string;
  /** When set, the API needs Basic auth (Distribution's `auth: htpasswd`): the htpasswd file's lines, bcrypt hashes. */
  htpasswd?: string;
};

const REGISTRY_BIN = process.env.DOCKER_REGISTRY_BIN ?? "/usr/bin/docker-registry";
const SKOPEO_BIN = process.env.SKOPEO_BIN ?? "skopeo";
const START_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;
const SKOPEO_TIMEOUT_MS = 60_000;

/** JSON strings are valid YAML double-quoted scalars, so this quotes any value safely. */
const q = (value: string) => JSON.stringify(value);

const registryConfig = (options: { port: number; storageDir: string; notifyUrl: string; token: string; htpasswdPath?: string }) =>
  [
    "version: 0.1",
    "log:",
    "  level: warn",
    "  formatter: text",
    "  accesslog:",
    "    disabled: true",
    "storage:",
    "  filesystem:",
    `    rootdirectory: ${q(options.storageDir)}`,
    "  delete:",
    "    enabled: true",
    "http:",
    `  addr: ${q(`127.0.0.1:${options.port}`)}`,
    `  secret: ${q("e2e-registry-http-secret")}`,
    "notifications:",
    "  endpoints:",
    "    - name: portal",
    `      url: ${q(options.notifyUrl)}`,
    "      headers:",
    `        Authorization: [${q(`Bearer ${options.token}`)}]`,
    "      timeout: 2s",
    "      threshold: 5",
    "      backoff: 1s",
    ...(options.htpasswdPath ? ["auth:", "  htpasswd:", `    realm: ${q("e2e-registry")}`, `    path: ${q(options.htpasswdPath)}`] : []),
    "",
  ].join("\n");

/** The environment without REGISTRY_* variables, which Distribution would read as config overrides. */
// Distribution reads REGISTRY_* variables as config overrides: keep ours away from it.
const registryEnv = (): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("REGISTRY_"))) as NodeJS.ProcessEnv;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const startRegistry = async (options: StartRegistryOptions): Promise<RunningRegistry> => {
  const workDir = path.resolve(options.workDir);
  const storageDir = path.join(workDir, "storage");
  await mkdir(storageDir, { recursive: true });
  const port = await closedPort();
  const host = `127.0.0.1:${port}`;
  const configPath = path.join(workDir, "config.yml");
  const htpasswdPath = options.htpasswd === undefined ? undefined : path.join(workDir, "htpasswd");
  if (htpasswdPath) await writeFile(htpasswdPath, options.htpasswd!);
  await writeFile(configPath, registryConfig({ port, storageDir, notifyUrl: options.notifyUrl, token: options.token, htpasswdPath }));

  const child = spawn(REGISTRY_BIN, ["serve", configPath], {
    cwd: workDir,
    env: registryEnv(),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString("utf8")).slice(-20_000);
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);

  let exited = false;
  let exitDescription = "";
  const exitPromise = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exited = true;
      exitDescription = signal ? `signal ${signal}` : `code ${code}`;
      resolve();
    });
  });
  let spawnError: Error | undefined;
  child.once("error", (error) => {
    spawnError = error;
    exited = true;
  });

  const stop = async () => {
    if (exited) return;
    child.kill("SIGTERM");
    const stopped = await Promise.race([exitPromise.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
    if (!stopped) {
      child.kill("SIGKILL");
      await Promise.race([exitPromise, sleep(STOP_TIMEOUT_MS)]);
    }
  };

  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    if (spawnError) throw new Error(`could not start ${REGISTRY_BIN}: ${spawnError.message}`);
    if (exited) {
      throw new Error(`${REGISTRY_BIN} exited (${exitDescription}) before answering on ${host}:\n${output}`);
    }
    try {
      const response = await fetch(`http://${host}/v2/`, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      // Behind htpasswd, /v2/ answers 401 once it is up.
      if (response.ok || (htpasswdPath && response.status === 401)) return { host, stop };
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${REGISTRY_BIN} did not answer GET http://${host}/v2/ within ${START_TIMEOUT_MS} ms:\n${output}`);
    }
    await sleep(100);
  }
};

const POLICY_FILES = [
  path.join(os.homedir(), ".config", "containers", "policy.json"),
  "/etc/containers/policy.json",
];

/** skopeo refuses to run without a signature policy; Debian's containers-common ships one, a bare machine may not. */
const skopeoGlobalArgs = () => (POLICY_FILES.some((file) => existsSync(file)) ? [] : ["--insecure-policy"]);

const runSkopeo = (args: string[]) =>
  new Promise<void>((resolve, reject) => {
    const fullArgs = [...skopeoGlobalArgs(), ...args];
    execFile(
      SKOPEO_BIN,
      fullArgs,
      { timeout: SKOPEO_TIMEOUT_MS, killSignal: "SIGKILL", maxBuffer: 10 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (!error) return resolve();
        const reason = error.killed ? `timed out after ${SKOPEO_TIMEOUT_MS} ms` : error.message.split("\n")[0];
        reject(new Error(`skopeo ${fullArgs.join(" ")} failed (${reason}):\n${stderr || stdout}`));
      },
    );
  });

/** Pushes the layout's `tag` (see writeOciImageLayout) to `host` as `reference` ("repo:tag"), over plain HTTP. */
export const skopeoCopy = (layoutDir: string, tag: string, host: string, reference: string, credentials?: string): Promise<void> =>
  runSkopeo([
    "copy",
    "--dest-tls-verify=false",
    ...(credentials ? [`--dest-creds=${credentials}`] : []),
    `oci:${path.resolve(layoutDir)}:${tag}`,
    `docker://${host}/${reference}`,
  ]);

/** Deletes `reference` ("repo:tag" or "repo@digest") from `host`. skopeo resolves a tag to its digest and deletes the manifest. */
export const skopeoDelete = (host: string, reference: string): Promise<void> =>
  runSkopeo(["delete", "--tls-verify=false", `docker://${host}/${reference}`]);
