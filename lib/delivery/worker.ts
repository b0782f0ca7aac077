import "server-only";
import { secretKey } from "../crypto/secret-key";
import { deliveryStore, type Claimed, type TargetRow } from "../db/delivery-store";
import { isPostgres } from "../db/kind";
import { listenForWakeUps } from "../db/postgres/wake-listener";
import { env } from "../env";
import { httpStatusText, outcomeOf } from "../events/http-status";
import type { HeaderPair } from "../webhooks/headers";
import { secretsInForce } from "../webhooks/signing";
import { openWebhook, type Plaintext } from "../webhooks/stored-secrets";
import { attemptData, retryAfterHeader } from "./attempt-data";
import { judgeAttempt, parseRetryAfter, type Verdict } from "./retry-policy";
import { toStoredBody } from "./body";
import type { DeliveryResult } from "./send";
import { sendDelivery } from "./send-delivery";
import { waitForWake, wakeDeliveryWorker } from "../db/queue-wake";
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
/** Tries to record a batch, a second apart, while the database is away: well within a lease. */
const RECORD_TRIES = 8;

type Finished = { claimed: Claimed; result: DeliveryResult | null; verdict: Verdict; lastStatus: string };
/**
 * What the worker needs to send a webhook's deliveries, or why it cannot: when the secrets
 * cannot be decrypted (SECRET_KEY changed) nothing is sent to a guessed address or unsigned.
 */
type Target = { isEnabled: boolean } & (
  | { isReadable: true; serviceUri: Plaintext; headers: HeaderPair[]; secrets: Plaintext[] }
  | { isReadable: false }
);

const UNREADABLE_STATUS = "Not sent: the service URI, custom headers or signing secret cannot be decrypted (was SECRET_KEY changed?)";

const claimDue = (limit: number) =>
  deliveryStore.claimDue(OWNER, Date.now() + env.WEBHOOK_TIMEOUT_MS + LEASE_MARGIN_MS, limit);

/** Opens a webhook's secrets (decryptions are cached: the same webhooks come back every batch). */
const openTarget = (row: TargetRow): Target => {
  const isEnabled = row.status === "enabled";
  try {
    const opened = openWebhook(row, secretKey());
    return { isEnabled, isReadable: true, serviceUri: opened.serviceUri, headers: opened.customHeaders, secrets: secretsInForce(opened) };
  } catch (error) {
    console.error(`[delivery-worker] cannot decrypt the secrets of webhook ${row.id}`, error);
    return { isEnabled, isReadable: false };
  }
};

const loadTargets = async (webhookIds: string[]) => {
  const rows = await deliveryStore.targets(webhookIds);
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
  const now = Date.now();
  return deliveryStore.settle(
    OWNER,
    finished.map(({ claimed, result, verdict, lastStatus }) => ({
      claimed,
      attempt: result ? attemptData(claimed.id, claimed.attemptCount + 1, result) : null,
      state: verdict.state,
      lastStatus,
      nextAttemptAt: verdict.state === "pending" ? now + verdict.delayMs : 0,
    })),
    new Date(now),
  );
};

class DeliveryWorker {
  private inFlight = 0;
  private finished: Finished[] = [];
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  private recordFailures = 0;
  private isStopping = false;
  private onDrained: (() => void) | null = null;
  private running: Promise<void> = Promise.resolve();

  start() {
    this.running = this.run();
  }

  private async run() {
    let failures = 0;
    while (!this.isStopping) {
      try {
        await this.tick();
        if (failures > 0) console.info(`[delivery-worker] claiming again after ${failures} failed cycle(s)`);
        failures = 0;
      } catch (error) {
        // Once per outage (the database away for a minute must not write 60 stack traces).
        if (failures === 0) console.error("[delivery-worker] cycle failed; retrying each second", error);
        failures += 1;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  private async tick() {
    const free = env.DELIVERY_CONCURRENCY - this.inFlight;
    const claimed = free > 0 ? await claimDue(free) : [];
    if (claimed.length > 0) {
      const targets = await loadTargets(claimed.map((delivery) => delivery.webhookId));
      for (const delivery of claimed) this.send(delivery, targets.get(delivery.webhookId));
      // Every slot taken: wait until half are free (or the poll) before claiming more. Only
      // while more than half are busy: on PostgreSQL the claim is a round trip, during which
      // requests finish, and a count already at or below half never passes the wake-up at half
      // (the worker then slept 500 ms per batch: 410 deliveries/s instead of 2,700).
      if (claimed.length === free && this.inFlight > Math.floor(env.DELIVERY_CONCURRENCY / 2)) await waitForWake(IDLE_POLL_MS);
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
    this.flushing = this.flushing.then(() => recordFinished(batch)).then(
      () => {
        if (this.recordFailures > 0) console.info("[delivery-worker] recording attempts again");
        this.recordFailures = 0;
      },
      (error) => this.recordLater(batch, error),
    );
    return this.flushing;
  }

  /**
   * The database did not take the batch (PostgreSQL restarting, a locked file): the requests
   * were sent, so keep their outcomes and try again each second rather than send them twice.
   * After RECORD_TRIES the leases are about to expire and another worker will send them again
   * anyway: give up on this batch, saying so.
   */
  private recordLater(batch: Finished[], error: unknown) {
    this.recordFailures += 1;
    if (this.recordFailures === 1) console.error(`[delivery-worker] could not record ${batch.length} attempts; retrying each second`, error);
    if (this.recordFailures > RECORD_TRIES || this.isStopping) {
      console.error(`[delivery-worker] gave up recording ${batch.length} attempts (${(error as Error).message}); they are sent again when their leases expire`);
      this.recordFailures = 0;
      return;
    }
    this.finished.unshift(...batch);
    this.flushTimer ??= setTimeout(() => this.flush(), 1000);
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
    const changes = await deliveryStore.releaseLeases(OWNER);
    console.info(`[delivery-worker] stopped; ${changes} unfinished lease(s) released, ${this.inFlight} request(s) cut short.`);
  }
}

const globalForWorker = globalThis as unknown as { deliveryWorker?: DeliveryWorker };

/** Starts this process's worker once (called from instrumentation.ts); it stops on shutdown. */
export const startDeliveryWorker = () => {
  if (globalForWorker.deliveryWorker) return;
  const worker = (globalForWorker.deliveryWorker = new DeliveryWorker());
  worker.start();
  // Other instances' ingest wakes this worker too (LISTEN/NOTIFY); SQLite has one file and
  // polls for other processes' work.
  const listener = isPostgres ? listenForWakeUps(wakeDeliveryWorker) : null;
  onShutdown(async () => {
    await listener?.stop();
    await worker.stop();
  });
};
