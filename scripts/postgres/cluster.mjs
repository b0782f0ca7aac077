// A throw-away PostgreSQL cluster for tests and benchmarks: its own data folder, its own port
// on 127.0.0.1, trust authentication, gone when stopped. Uses Debian's `postgresql` package
// (.ci/run installs it); PostgreSQL refuses to run as root, so as root it runs as `postgres`.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";

const isRoot = process.getuid?.() === 0;

/** The server binaries' folder, newest version first; explains how to install them if missing. */
export const postgresBin = () => {
  const base = "/usr/lib/postgresql";
  const versions = existsSync(base) ? readdirSync(base).filter((name) => /^\d+$/.test(name)).sort((a, b) => b - a) : [];
  const bin = versions.map((version) => path.join(base, version, "bin")).find((dir) => existsSync(path.join(dir, "pg_ctl")));
  if (!bin) throw new Error("PostgreSQL server binaries not found: install them with `apt-get install postgresql` (the tests and `--db postgres` need them)");
  return bin;
};

const run = (command, args) => {
  const [file, argv] = isRoot ? ["runuser", ["-u", "postgres", "--", command, ...args]] : [command, args];
  return execFileSync(file, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
};

/**
 * Starts a new cluster in `dir` (emptied first) listening on 127.0.0.1:`port`; returns the
 * superuser's URL of its `postgres` database. `durable: false` turns fsync off (tests only).
 * @param {{ dir: string, port: number, durable?: boolean, maxConnections?: number }} options
 */
export const startCluster = ({ dir, port, durable = true, maxConnections = 200 }) => {
  const bin = postgresBin();
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  if (isRoot) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  run(path.join(bin, "initdb"), ["-D", dir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  const options = [
    `-p ${port}`, `-k ${dir}`, "-c listen_addresses=127.0.0.1", `-c max_connections=${maxConnections}`,
    ...(durable ? [] : ["-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off"]),
  ].join(" ");
  run(path.join(bin, "pg_ctl"), ["-D", dir, "-o", options, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"]);
  return `postgresql://postgres@127.0.0.1:${port}/postgres`;
};

/** Stops the cluster in `dir` (fast shutdown) and deletes it. */
export const stopCluster = (dir, { keep = false } = {}) => {
  if (!existsSync(path.join(dir, "postmaster.pid"))) {
    if (!keep) rmSync(dir, { recursive: true, force: true });
    return;
  }
  try {
    run(path.join(postgresBin(), "pg_ctl"), ["-D", dir, "-m", "fast", "-w", "stop"]);
  } finally {
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }
};

/** Restarts the cluster in `dir` (a fault test: PostgreSQL going away under running portals). */
export const pgCtl = (dir, ...args) => run(path.join(postgresBin(), "pg_ctl"), ["-D", dir, ...args]);

const postgresUser = () => {
  const id = (flag) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
};

/** A database URL on the same server, for a database of another name. */
export const databaseUrl = (serverUrl, name) => {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
};

/**
 * Runs `work` with one connection to `url`, closed afterwards (whatever `work` did).
 * @template T
 * @param {string} url
 * @param {(client: pg.Client) => Promise<T>} work
 * @returns {Promise<T>}
 */
export const withConnection = async (url, work) => {
  const client = new pg.Client({ connectionString: url });
  // The server going away mid-test (a fault test stops it) must not crash the runner.
  client.on("error", () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
};

/**
 * An empty database `name` on the server at `serverUrl` (one a killed run left behind is dropped
 * first), or a copy of `template`; returns its URL.
 * @param {string} serverUrl @param {string} name @param {{ template?: string }} [options]
 */
export const createDatabase = async (serverUrl, name, { template } = {}) => {
  await withConnection(serverUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  });
  return databaseUrl(serverUrl, name);
};

/** SQLSTATE of DROP DATABASE while other sessions are still connected to it. */
const OBJECT_IN_USE = "55006";

/**
 * Drops `name` on the server at `serverUrl`. Connections a caller has just closed may take a
 * moment to leave: waits up to 2 s for them before terminating the rest (WITH (FORCE)), since a
 * client terminated while it is closing gets a FATAL "terminating connection" it no longer
 * listens for (an unhandled error in a test run).
 * @param {string} serverUrl @param {string} name
 */
export const dropDatabase = (serverUrl, name) =>
  withConnection(serverUrl, async (client) => {
    for (let tries = 0; tries < 20; tries += 1) {
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}"`);
        return;
      } catch (error) {
        if (error?.code !== OBJECT_IN_USE) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
