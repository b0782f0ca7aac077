// Playwright's web server for the `postgres` project: starts a throw-away PostgreSQL cluster
// (scripts/postgres/cluster.mjs; fsync off, it is deleted at the end), creates the database
// DATABASE_URL names on it, then runs e2e/support/start-portal.sh on that database (reusing the
// build the SQLite web server, started first, just made). Stops the cluster when the portal
// exits or Playwright stops it (SIGTERM to the group: playwright.config.ts's gracefulShutdown).
// (A global teardown cannot do it: Playwright runs it before it stops the web servers.) Should
// this process be killed outright, the next run stops the cluster it left before starting one.
// Plain JavaScript: the web server command runs under plain Node.
import { spawn } from "node:child_process";
import { createDatabase, startCluster, stopCluster } from "../../scripts/postgres/cluster.mjs";

const dir = process.env.E2E_POSTGRES_DIR;
const port = Number(process.env.E2E_POSTGRES_PORT);
const target = new URL(process.env.DATABASE_URL ?? "");
if (!dir || !port || target.protocol !== "postgresql:") {
  console.error("[e2e-postgres] needs E2E_POSTGRES_DIR, E2E_POSTGRES_PORT and a postgresql:// DATABASE_URL (see playwright.config.ts)");
  process.exit(1);
}
const log = (message) => console.log(`[e2e-postgres] ${message}`);

// A cluster left running by a run that was killed holds the port: stop it first.
stopCluster(dir);
const serverUrl = startCluster({ dir, port, durable: false });
const url = await createDatabase(serverUrl, target.pathname.slice(1));
log(`cluster on 127.0.0.1:${port} (${dir}), database ${url}`);

const portal = spawn("bash", ["e2e/support/start-portal.sh"], { stdio: "inherit", env: { ...process.env, E2E_SKIP_BUILD: "1" } });
const exited = new Promise((resolve) => portal.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));

let isStopping = false;
const stop = async (code) => {
  if (isStopping) return;
  isStopping = true;
  // The portal got the same signal (it is in this process group); give it time to drain.
  const timer = setTimeout(() => portal.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
  try {
    stopCluster(dir);
    log("cluster stopped and deleted");
  } catch (error) {
    console.error(`[e2e-postgres] could not stop the cluster in ${dir}: ${error.message}`);
  }
  process.exit(code);
};
process.once("SIGTERM", () => void stop(0));
process.once("SIGINT", () => void stop(0));
exited.then((code) => stop(Number(code)));
