import { execFile, spawn } from "node:child_process";
import { readdir, readFile, rm } from "node:fs/promises";
import { promisify } from "node:util";
import { E2E_OWNER } from "./settings";

// Extra portal processes for tests that kill a server or run two on one database. They use
// the production build the Playwright web server made, each on its own port.

const run = promisify(execFile);

/** A fresh SQLite database with every migration applied. */
export const freshDatabase = async (file: string) => {
  await Promise.all(["", "-journal", "-wal", "-shm"].map((suffix) => rm(`${file}${suffix}`, { force: true })));
  const databaseUrl = `file:${file}`;
  await run("node", ["scripts/migrate.mjs"], { env: { ...process.env, DATABASE_URL: databaseUrl }, timeout: 60_000 });
  return databaseUrl;
};

export type PortalProcess = {
  url: string;
  /** `toGroup`: to every process of the group at once, as Ctrl+C in a terminal and systemd's stop do. */
  kill: (signal: NodeJS.Signals, options?: { toGroup?: boolean }) => Promise<void>;
  /** The process group (npm, the shell and the server), for finding the server's pid. */
  processGroup: number;
};

/**
 * Starts a portal exactly as the README says an operator adds an instance: `PORT=... npm run
 * serve` (migrations checked first, beside any instance already running on the database).
 */
export const startPortal = async (port: number, env: Record<string, string>): Promise<PortalProcess> => {
  const child = spawn("npm", ["run", "serve"], {
    detached: true,
    // Each extra portal has its own database, so its own first Owner (the e2e Owner's credentials).
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      ADMIN_EMAIL: E2E_OWNER.email,
      ADMIN_PASSWORD: E2E_OWNER.password,
      PORT: String(port),
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  /**
   * SIGTERM/SIGINT go to npm, which passes them on to the server once and waits for it (a
   * second signal would mean "stop waiting" to the server). SIGKILL goes to the whole group.
   */
  const kill = async (signal: NodeJS.Signals, { toGroup = signal === "SIGKILL" } = {}) => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(toGroup ? -child.pid! : child.pid!, signal);
    }
    await exited;
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    const isUp = await fetch(`${url}/sign-in`).then((response) => response.ok, () => false);
    if (isUp) return { url, kill, processGroup: child.pid! };
    if (child.exitCode !== null || Date.now() > deadline) {
      await kill("SIGKILL");
      throw new Error(`The portal on port ${port} did not start:\n${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

/**
 * The pids in a portal's process group (Linux /proc): the server's is among them, and it names
 * the instance (lib/lifecycle/instance-id.ts: host:pid:random) in the leases it takes.
 */
export const processGroupMembers = async (processGroup: number): Promise<number[]> => {
  const pids = (await readdir("/proc")).filter((name) => /^\d+$/.test(name));
  const members = await Promise.all(
    pids.map(async (pid) => {
      // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so read after the last ")".
      const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      return Number(fields[2]) === processGroup ? [Number(pid)] : [];
    }),
  );
  return members.flat();
};
