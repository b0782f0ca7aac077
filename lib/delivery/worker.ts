import "server-only";
import { secretKey } from "../crypto/secret-key";
import { preparedStatements, queueDb, sqlDate } from "../db-raw";
import { env } from "../env";
import { httpStatusText, outcomeOf } from "../events/http-status";
import type { HeaderPair } from "../webhooks/headers";
import { secretsInForce } from "../webhooks/signing";
import { openWebhookSecrets } from "../webhooks/stored-secrets";
import { attemptData, retryAfterHeader } from "./attempt-data";
import { judgeAttempt, parseRetryAfter, type Verdict } from "./retry-policy";
import { toStoredBody } from "./body";
import type { DeliveryResult } from "./send";
import { sendDelivery } from "./send-delivery";
import { waitForWake, wakeDeliveryWorker } from "./wake";
import { INSTANCE_ID } from "../lifecycle/instance-id";
import { onShutdown } from "../lifecycle/shutdown";

// The delivery worker: claims due deliveries with a lease (an atomic UPDATE ... RETURNING,
// so several server processes on one database never claim the same one), sends them with
// up to DELIVERY_CONCURRENCY in flight, and writes each attempt and the delivery's new state
// together, in batches. Every claimed delivery ends in a recorded attempt (or a recorded
// reason it was not sent) and follows the retry policy, whatever went wrong.
// On SIGTERM it stops claiming, lets the requests in flight finish and records them, and
// hands back any lease it still holds. A process killed with SIGKILL leaves its claims to
// expire; whatever was not recorded as done is sent again after restart.

const OWNER = INSTANCE_ID;
/** How long a claim outlives the request timeout before another process may take it over. */
const LEASE_MARGIN_MS = 10_000;
/** Without a wake-up, look for due retries (and other processes' deliveries) this often. */
const IDLE_POLL_MS = 500;
const FLUSH_SIZE = 256;
const FLUSH_DELAY_MS = 20;

type Claimed = { id: string; webhookId: string; payload: string; attemptCount: number };
type Finished = { claimed: Claimed; result: DeliveryResult | null; verdict: Verdict; lastStatus: string };
/**
 * What the worker needs to send a webhook's deliveries, or why it cannot: when the secrets
 * cannot be decrypted (SECRET_KEY changed) nothing is sent to a guessed address or unsigned.
 */
type Target = { isEnabled: boolean } & (
  | { isReadable: true; serviceUri: string; headers: HeaderPair[]; secrets: string[] }
  | { isReadable: false }
);

const UNREADABLE_STATUS = "Not sent: the service URI, custom headers or signing secret cannot be decrypted (was SECRET_KEY changed?)";

const statements = preparedStatements({
  claim: `UPDATE "Delivery" SET "leaseOwner" = ?, "leaseUntil" = ?
          WHERE "seq" IN (
            SELECT "seq" FROM "Delivery"
            WHERE "state" = 'pending' AND "nextAttemptAt" <= ? AND "leaseUntil" <= ?
            ORDER BY "nextAttemptAt", "seq" LIMIT ?)
          RETURNING "id", "webhookId", "payload", "attemptCount"`,
  targets: `SELECT "id", "serviceUri", "customHeaders", "status", "signingSecret", "previousSigningSecret",
                   "previousSecretExpiresAt"
            FROM "Webhook" WHERE "id" IN (SELECT "value" FROM json_each(?))`,
  // Only while the delivery still exists: its webhook may have been deleted while the request
  // was in flight, and one missing row must not fail the whole batch's transaction.
  insertAttempt: `INSERT INTO "Attempt" ("deliveryId", "number", "createdAt", "requestMethod", "requestUri",
                    "requestHeaders", "requestBody", "requestBodyTruncated", "responseStatus", "responseReason",
                    "responseHeaders", "responseBody", "responseBodyTruncated", "error", "durationMs")
                  SELECT @deliveryId, @number, @createdAt, @requestMethod, @requestUri, @requestHeaders,
                    @requestBody, @requestBodyTruncated, @responseStatus, @responseReason, @responseHeaders,
                    @responseBody, @responseBodyTruncated, @error, @durationMs
                  WHERE EXISTS (SELECT 1 FROM "Delivery" WHERE "id" = @deliveryId)`,
  settle: `UPDATE "Delivery" SET "state" = ?, "lastStatus" = ?, "nextAttemptAt" = ?, "leaseUntil" = 0,
             "leaseOwner" = '', "attemptCount" = "attemptCount" + ?
           WHERE "id" = ? AND "leaseOwner" = ?`,
  release: `UPDATE "Delivery" SET "leaseUntil" = 0, "leaseOwner" = '' WHERE "leaseOwner" = ? AND "state" = 'pending'`,
}, queueDb);

const claimDue = (limit: number): Claimed[] => {
  const now = Date.now();
  return statements().claim.all(OWNER, now + env.WEBHOOK_TIMEOUT_MS + LEASE_MARGIN_MS, now, now, limit) as Claimed[];
};

type TargetRow = {
  id: string;
  serviceUri: string;
  customHeaders: string;
  status: string;
  signingSecret: string;
  previousSigningSecret: string;
  previousSecretExpiresAt: string | null;
};

/** Opens a webhook's secrets (decryptions are cached: the same webhooks come back every batch). */
const openTarget = (row: TargetRow): Target => {
  const isEnabled = row.status === "enabled";
  try {
    const { serviceUri, customHeaders } = openWebhookSecrets(row, secretKey());
    const previousSecretExpiresAt = row.previousSecretExpiresAt ? new Date(row.previousSecretExpiresAt) : null;
    const secrets = secretsInForce({ ...row, previousSecretExpiresAt });
    return { isEnabled, isReadable: true, serviceUri, headers: JSON.parse(customHeaders) as HeaderPair[], secrets };
  } catch (error) {
    console.error(`[delivery-worker] cannot decrypt the secrets of webhook ${row.id}`, error);
    return { isEnabled, isReadable: false };
  }
};

const loadTargets = (webhookIds: string[]) => {
  const rows = statements().targets.all(JSON.stringify([...new Set(webhookIds)])) as TargetRow[];
  return new Map<string, Target>(rows.map((row) => [row.id, openTarget(row)]));
};

/** What to do after an attempt that got `status` (null: no response), by the retry policy. */
const verdictFor = (claimed: Claimed, status: number | null, retryAfterMs: number | null = null) =>
  judgeAttempt({ status, retryAfterMs }, claimed.attemptCount + 1, env.WEBHOOK_RETRY_SCHEDULE);

const deliverOne = async (claimed: Claimed, target: Target | undefined): Promise<Finished> => {
  if (!target?.isEnabled) {
    // Disabled since it was queued: stop here, as a disabled webhook gets no events.
    return { claimed, result: null, verdict: { state: "failed" }, lastStatus: "Not sent: the webhook is disabled" };
  }
  if (!target.isReadable) return { claimed, result: null, verdict: { state: "failed" }, lastStatus: UNREADABLE_STATUS };
  const { serviceUri, headers, secrets } = target;
  const result = await sendDelivery({ serviceUri, headers, secrets }, claimed);
  const lastStatus = httpStatusText(outcomeOf(result));
  // A refused destination stays refused until an admin changes the allowlist: do not retry.
  if (result.isBlocked) return { claimed, result, verdict: { state: "failed" }, lastStatus };
  const retryAfterMs = parseRetryAfter(retryAfterHeader(result), Date.now());
  return { claimed, result, verdict: verdictFor(claimed, result.response?.status ?? null, retryAfterMs), lastStatus };
};

/**
 * A bug or an odd stored row made sending throw: record it as an attempt with the reason and
 * let the retry policy decide, so it shows on the event and the retries end like any other.
 */
const unexpectedFailure = (claimed: Claimed, target: Target | undefined, error: unknown): Finished => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[delivery-worker] delivery ${claimed.id} failed unexpectedly: ${message}`);
  const result: DeliveryResult = {
    request: {
      method: "POST",
      uri: target?.isReadable ? target.serviceUri : "",
      headers: [],
      body: toStoredBody(Buffer.from(claimed.payload, "utf8")),
    },
    response: null,
    error: `Internal error, not sent: ${message}`,
    isBlocked: false,
    durationMs: 0,
  };
  return { claimed, result, verdict: verdictFor(claimed, null), lastStatus: result.error! };
};

/** Writes finished attempts and their deliveries' new state, in one transaction per batch. */
const recordFinished = (finished: Finished[]) => {
  const sql = statements();
  const now = Date.now();
  const createdAt = sqlDate(new Date(now));
  queueDb().transaction(() => {
    for (const { claimed, result, verdict, lastStatus } of finished) {
      if (result) {
        const attempt = attemptData(claimed.id, claimed.attemptCount + 1, result);
        sql.insertAttempt.run({
          ...attempt,
          createdAt,
          requestBodyTruncated: attempt.requestBodyTruncated ? 1 : 0,
          responseBodyTruncated: attempt.responseBodyTruncated ? 1 : 0,
        });
      }
      const nextAttemptAt = verdict.state === "pending" ? now + verdict.delayMs : 0;
      sql.settle.run(verdict.state, lastStatus, nextAttemptAt, result ? 1 : 0, claimed.id, OWNER);
    }
  })();
};

class DeliveryWorker {
  private inFlight = 0;
  private finished: Finished[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private isStopping = false;
  private onDrained: (() => void) | null = null;
  private running: Promise<void> = Promise.resolve();

  start() {
    this.running = this.run();
  }

  private async run() {
    while (!this.isStopping) {
      try {
        await this.tick();
      } catch (error) {
        console.error("[delivery-worker] cycle failed; retrying in 1 s", error);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  private async tick() {
    const free = env.DELIVERY_CONCURRENCY - this.inFlight;
    const claimed = free > 0 ? claimDue(free) : [];
    if (claimed.length > 0) {
      const targets = loadTargets(claimed.map((delivery) => delivery.webhookId));
      for (const delivery of claimed) this.send(delivery, targets.get(delivery.webhookId));
      // Every slot taken: wait until half are free (or the poll) before claiming more.
      if (claimed.length === free) await waitForWake(IDLE_POLL_MS);
      return;
    }
    await waitForWake(IDLE_POLL_MS);
  }

  private send(claimed: Claimed, target: Target | undefined) {
    this.inFlight += 1;
    void deliverOne(claimed, target)
      .catch((error) => unexpectedFailure(claimed, target, error))
      .then((done) => {
        this.finished.push(done);
        this.inFlight -= 1;
        this.scheduleFlush();
        if (this.inFlight === 0) this.onDrained?.();
        // Half the slots are free: claim more now rather than at the next poll.
        if (this.inFlight === Math.floor(env.DELIVERY_CONCURRENCY / 2)) wakeDeliveryWorker();
      });
  }

  private scheduleFlush() {
    if (this.finished.length >= FLUSH_SIZE) return this.flush();
    this.flushTimer ??= setTimeout(() => this.flush(), FLUSH_DELAY_MS);
  }

  private flush() {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const batch = this.finished.splice(0);
    if (batch.length === 0) return this.flushing;
    this.flushing = this.flushing
      .then(() => recordFinished(batch))
      .catch((error) => console.error(`[delivery-worker] could not record ${batch.length} attempts`, error));
    return this.flushing;
  }

  /**
   * Stops claiming, waits for the requests in flight (each ends within WEBHOOK_TIMEOUT_MS),
   * records them, and releases the leases of anything still unfinished, so another instance
   * (or this one after its restart) takes them at once instead of after the lease expires.
   */
  async stop() {
    this.isStopping = true;
    wakeDeliveryWorker();
    await this.running;
    if (this.inFlight > 0) {
      const drained = new Promise<void>((resolve) => (this.onDrained = resolve));
      const deadline = new Promise((resolve) => setTimeout(resolve, env.WEBHOOK_TIMEOUT_MS + 1000).unref());
      await Promise.race([drained, deadline]);
    }
    await this.flush();
    const { changes } = statements().release.run(OWNER);
    console.info(`[delivery-worker] stopped; ${changes} unfinished lease(s) released, ${this.inFlight} request(s) cut short.`);
  }
}

const globalForWorker = globalThis as unknown as { deliveryWorker?: DeliveryWorker };

/** Starts this process's worker once (called from instrumentation.ts); it stops on shutdown. */
export const startDeliveryWorker = () => {
  if (globalForWorker.deliveryWorker) return;
  const worker = (globalForWorker.deliveryWorker = new DeliveryWorker());
  worker.start();
  onShutdown(() => worker.stop());
};
