import "server-only";
import { secretKey } from "../crypto/secret-key";
import { deliveryStore, type Claimed, type Settlement, type TargetRow } from "../db/delivery-store";
import { waitForWake, wakeDeliveryWorker } from "../db/queue-wake";
import { env } from "../env";
import { secretsInForce } from "../webhooks/signing";
import { openWebhook } from "../webhooks/stored-secrets";
import type { Outcome, Target } from "./deliver-one";
import { tallyOf, type RecordedTally } from "../metrics/recorded-tally";

// The delivery loop, one per delivery thread (lib/delivery/delivery-thread.ts; on the main
// thread under `next dev` or DELIVERY_WORKERS=0): claims due deliveries with a lease (an atomic
// UPDATE ... RETURNING, so several loops on one database never claim the same one), sends each
// (`dispatch`) with up to `concurrency` in flight and no webhook beyond its `cap`, and writes
// each attempt and the delivery's new state together, in batches. It claims ahead: up to
// `concurrency` more wait in a backlog (at most `cap` of each webhook), so a claim that waits
// for the database (behind ingest's transaction, on SQLite) does not leave the requests' slots
// empty meanwhile: measured with `npm run bench:delivery`, the loop kept 12 to 22 of its 64
// requests in flight during a burst's ingest, each claim waiting 10 to 17 ms for the lock.
// It runs off the thread that serves pages and ingest, so neither waits for the other. Every claimed delivery ends in a recorded attempt (or a recorded reason it
// was not sent) and follows the retry policy, whatever went wrong.
// On SIGTERM it stops claiming, lets the requests in flight finish and records them, and
// hands back any lease it still holds. A process killed with SIGKILL leaves its claims to
// expire; whatever was not recorded as done is sent again after restart.

/** Sends one claimed delivery to its opened target and resolves with what to record; never rejects. */
export type Dispatch = (claimed: Claimed, target: Target | undefined) => Promise<Outcome>;

/**
 * How long a claim outlives the request before another process may take it over. A claimed
 * delivery may wait in the backlog until a request of its webhook ends (WEBHOOK_TIMEOUT_MS at
 * most), then takes up to WEBHOOK_TIMEOUT_MS itself: the lease covers both.
 */
const LEASE_MARGIN_MS = 10_000;
/** Without a wake-up, look for due retries (and other processes' deliveries) this often. */
const IDLE_POLL_MS = 500;
const FLUSH_SIZE = 256;
const FLUSH_DELAY_MS = 20;
/** Tries to record a batch, a second apart, while the database is away: well within a lease. */
const RECORD_TRIES = 8;

const claimDue = (owner: string, limit: number, cap: number, held: ReadonlyMap<string, number>) =>
  deliveryStore.claimDue(owner, Date.now() + 2 * env.WEBHOOK_TIMEOUT_MS + LEASE_MARGIN_MS, limit, cap, held);

/** Adds `change` to `key`'s count, forgetting keys that reach 0 (the maps stay as small as what is held). */
const addTo = (counts: Map<string, number>, key: string, change: number) => {
  const count = (counts.get(key) ?? 0) + change;
  if (count === 0) counts.delete(key);
  else counts.set(key, count);
  return count;
};

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

/**
 * Writes finished attempts and their deliveries' new state, in one transaction per batch, and
 * disables a webhook whose deliveries keep failing (WEBHOOK_DISABLE_AFTER).
 */
const recordFinished = (owner: string, finished: Settlement[]) => deliveryStore.settle(owner, finished, new Date(), env.WEBHOOK_DISABLE_AFTER);

export type LoopOptions = {
  /** Requests one webhook may have in flight from this loop (its share of WEBHOOK_MAX_IN_FLIGHT). */
  cap?: number;
  /** Told what each recorded batch was, for the metrics (counted once recorded). */
  onRecorded?: (tally: RecordedTally) => void;
};

/** `owner` names this loop on the leases it takes; `concurrency` bounds its requests in flight. */
export class DeliveryLoop {
  private readonly cap: number;
  private readonly onRecorded: (tally: RecordedTally) => void;

  constructor(
    private readonly owner: string,
    private readonly concurrency: number,
    private readonly dispatch: Dispatch,
    options: LoopOptions = {},
  ) {
    this.cap = options.cap ?? env.WEBHOOK_MAX_IN_FLIGHT;
    this.onRecorded = options.onRecorded ?? (() => undefined);
  }

  private inFlight = 0;
  /** Requests in flight by webhook id, for its cap (WEBHOOK_MAX_IN_FLIGHT); finished ones leave at once. */
  private inFlightByWebhook = new Map<string, number>();
  /** Claimed and waiting for a slot, oldest first. */
  private backlog: { claimed: Claimed; target: Target | undefined }[] = [];
  /** In flight or in the backlog, by webhook id: a claim takes at most `cap` more of each than are in flight. */
  private heldByWebhook = new Map<string, number>();
  private finished: Settlement[] = [];
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

  /** Room for more claims: the slots, and a backlog as large again. */
  private get room() {
    return 2 * this.concurrency - this.inFlight - this.backlog.length;
  }

  private async tick() {
    const room = this.room;
    const claimed = room > 0 ? await claimDue(this.owner, room, 2 * this.cap, this.heldByWebhook) : [];
    if (claimed.length > 0) {
      const targets = await loadTargets(claimed.map((delivery) => delivery.webhookId));
      for (const delivery of claimed) {
        this.backlog.push({ claimed: delivery, target: targets.get(delivery.webhookId) });
        addTo(this.heldByWebhook, delivery.webhookId, 1);
      }
      this.sendFromBacklog();
      // Less than half the room free: wait until it is (or the poll) before claiming more.
      // Only then: on PostgreSQL the claim is a round trip, during which requests finish, and a
      // room already at or past half never passes the wake-up at half (the worker then slept
      // 500 ms per batch: 410 deliveries/s instead of 2,700).
      if (claimed.length === room && this.room < this.concurrency) await waitForWake(IDLE_POLL_MS);
      return;
    }
    await waitForWake(IDLE_POLL_MS);
  }

  /** Starts the backlog's oldest deliveries whose webhooks are below their cap, while slots are free. */
  private sendFromBacklog() {
    for (let i = 0; i < this.backlog.length && this.inFlight < this.concurrency && !this.isStopping; ) {
      const { claimed, target } = this.backlog[i];
      if ((this.inFlightByWebhook.get(claimed.webhookId) ?? 0) >= this.cap) i += 1;
      else {
        this.backlog.splice(i, 1);
        this.send(claimed, target);
      }
    }
  }

  private send(claimed: Claimed, target: Target | undefined) {
    this.inFlight += 1;
    const { webhookId } = claimed;
    addTo(this.inFlightByWebhook, webhookId, 1);
    void this.dispatch(claimed, target).then((outcome) => {
      this.finished.push({ claimed, ...outcome });
      this.inFlight -= 1;
      const left = addTo(this.inFlightByWebhook, webhookId, -1);
      addTo(this.heldByWebhook, webhookId, -1);
      this.scheduleFlush();
      this.sendFromBacklog();
      if (this.inFlight === 0) this.onDrained?.();
      // Half the room is free, or a webhook that was at its cap has a slot the backlog could
      // not fill: claim more now rather than at the next poll (a busy webhook alone never frees
      // half the room). Not when the backlog refilled it: a claim per finished request of a
      // busy webhook made claims of one or two deliveries, and the drain slowed by a fifth.
      const refilled = (this.inFlightByWebhook.get(webhookId) ?? 0) > left;
      if (this.room === this.concurrency || (left === this.cap - 1 && !refilled)) wakeDeliveryWorker();
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
    this.flushing = this.flushing.then(() => recordFinished(this.owner, batch)).then(
      (disabled) => {
        // Counted once recorded: a batch given up on is sent again, and counted then.
        this.onRecorded(tallyOf(batch, disabled));
        for (const { registry, webhook } of disabled) {
          console.info(`[delivery-worker] disabled webhook ${registry}/${webhook}: its deliveries kept failing (WEBHOOK_DISABLE_AFTER)`);
        }
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
  private recordLater(batch: Settlement[], error: unknown) {
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
    // Never sent: their leases are handed back below.
    this.backlog = [];
    if (this.inFlight > 0) {
      const drained = new Promise<void>((resolve) => (this.onDrained = resolve));
      const deadline = new Promise((resolve) => setTimeout(resolve, env.WEBHOOK_TIMEOUT_MS + 1000).unref());
      await Promise.race([drained, deadline]);
    }
    await this.flush();
    const changes = await deliveryStore.releaseLeases(this.owner);
    console.info(`[delivery-worker] stopped; ${changes} unfinished lease(s) released, ${this.inFlight} request(s) cut short.`);
  }
}
