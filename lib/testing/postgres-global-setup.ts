import { tmpdir } from "node:os";
import path from "node:path";
import { startCluster, stopCluster } from "../../scripts/postgres/cluster.mjs";

// Vitest's global setup: one throw-away PostgreSQL cluster for the whole run, so the tests that
// run on both databases (temporaryDatabase(name, "postgresql")) have a server. Each test file
// makes a database of its own on it. Needs Debian's `postgresql` package (.ci/run installs it).
const PORT = Number(process.env.TEST_POSTGRES_PORT || 55_432);

export default function setup() {
  const dir = path.join(tmpdir(), `rw-vitest-pg-${PORT}`);
  process.env.TEST_POSTGRES_URL = startCluster({ dir, port: PORT, durable: false });
  return () => stopCluster(dir);
}
