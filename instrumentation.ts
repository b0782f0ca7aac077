// Before any zod schema is built on the server too, so both sides parse the same way.
import "./lib/security/zod-jitless";

// Runs once when the server starts, before it serves a request.
export const register = async () => {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads this file too; the worker must only run in a real server.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { configureDatabase } = await import("./lib/db-setup");
  const { env } = await import("./lib/env");
  const { ensureDefaultRegistry } = await import("./lib/registry/default-registry");
  const { startDeliveryWorker } = await import("./lib/delivery/worker");
  const { startIngestThread } = await import("./lib/registry/ingest-threads");
  const { startHousekeeping } = await import("./lib/delivery/housekeeping");
  const { installShutdownHandlers } = await import("./lib/lifecycle/shutdown");
  const { ensureAdminFromEnv } = await import("./lib/auth/users");
  const { encryptPlaintextWebhookSecrets } = await import("./lib/webhooks/encrypt-at-rest");
  await configureDatabase();
  const encrypted = await encryptPlaintextWebhookSecrets();
  if (encrypted > 0) console.info(`[registry-webhooks] Encrypted the service URI and headers, or stored the service URI hash, of ${encrypted} webhook(s).`);
  await ensureDefaultRegistry();
  await ensureAdminFromEnv();
  // Every send ends within WEBHOOK_TIMEOUT_MS; the rest of the grace is for recording them.
  installShutdownHandlers(env.WEBHOOK_TIMEOUT_MS + 5000);
  startDeliveryWorker();
  // After the delivery worker: it starts the WAL checkpoint thread the ingest thread leaves checkpoints to.
  startIngestThread();
  startHousekeeping();
};
