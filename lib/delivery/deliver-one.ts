import "server-only";
import type { Claimed, Settlement } from "../db/delivery-store-types";
import { env } from "../env";
import { httpStatusText, outcomeOf } from "../events/http-status";
import type { HeaderPair } from "../webhooks/headers";
import type { Plaintext } from "../webhooks/stored-secrets";
import { attemptData, retryAfterHeader } from "./attempt-data";
import { toStoredBody } from "./body";
import { judgeAttempt, parseRetryAfter, type Verdict } from "./retry-policy";
import type { DeliveryResult } from "./send";
import { sendDelivery } from "./send-delivery";

// One attempt of a claimed delivery, from the opened target to what must be recorded: the
// attempt's row and the delivery's new state. Runs in a delivery thread (lib/delivery/
// delivery-thread.ts), or on the main thread when there is none; never throws.

/**
 * What a sender needs to send a webhook's deliveries, or why it cannot: when the secrets
 * cannot be decrypted (SECRET_KEY changed) nothing is sent to a guessed address or unsigned.
 * Plain data, so it crosses to a sender thread as it is.
 */
export type Target = { isEnabled: boolean } & (
  | { isReadable: true; serviceUri: Plaintext; headers: HeaderPair[]; secrets: Plaintext[] }
  | { isReadable: false }
);

/** An attempt's outcome, ready to record (the claim it belongs to stays with the loop). */
export type Outcome = Omit<Settlement, "claimed">;

export const UNREADABLE_STATUS = "Not sent: the service URI, custom headers or signing secret cannot be decrypted (was SECRET_KEY changed?)";

/** What to do after an attempt that got `status` (null: no response), by the retry policy. */
const verdictFor = (claimed: Claimed, status: number | null, retryAfterMs: number | null = null) =>
  judgeAttempt({ status, retryAfterMs }, claimed.attemptCount + 1, env.WEBHOOK_RETRY_SCHEDULE);

const toOutcome = (claimed: Claimed, result: DeliveryResult | null, verdict: Verdict, lastStatus: string): Outcome => ({
  attempt: result ? attemptData(claimed.id, claimed.attemptCount + 1, result) : null,
  state: verdict.state,
  lastStatus,
  nextAttemptAt: verdict.state === "pending" ? Date.now() + verdict.delayMs : 0,
});

const send = async (claimed: Claimed, target: Target | undefined): Promise<Outcome> => {
  if (!target?.isEnabled) {
    // Disabled since it was queued: stop here, as a disabled webhook gets no events.
    return toOutcome(claimed, null, { state: "failed" }, "Not sent: the webhook is disabled");
  }
  if (!target.isReadable) return toOutcome(claimed, null, { state: "failed" }, UNREADABLE_STATUS);
  const { serviceUri, headers, secrets } = target;
  const result = await sendDelivery({ serviceUri, headers, secrets }, claimed);
  const lastStatus = httpStatusText(outcomeOf(result));
  // A refused destination stays refused until an admin changes the allowlist: do not retry.
  if (result.isBlocked) return toOutcome(claimed, result, { state: "failed" }, lastStatus);
  const retryAfterMs = parseRetryAfter(retryAfterHeader(result), Date.now());
  return toOutcome(claimed, result, verdictFor(claimed, result.response?.status ?? null, retryAfterMs), lastStatus);
};

/**
 * A bug, an odd stored row or a sender thread that died made sending fail: record it as an
 * attempt with the reason and let the retry policy decide, so it shows on the event and the
 * retries end like any other.
 */
export const unexpectedFailure = (claimed: Claimed, uri: string, error: unknown): Outcome => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`[delivery] delivery ${claimed.id} failed unexpectedly: ${message}`);
  const result: DeliveryResult = {
    request: { method: "POST", uri, headers: [], body: toStoredBody(Buffer.from(claimed.payload, "utf8")) },
    response: null,
    error: `Internal error, not sent: ${message}`,
    isBlocked: false,
    durationMs: 0,
  };
  return toOutcome(claimed, result, verdictFor(claimed, null), result.error!);
};

/** Sends one claimed delivery and says what to record; every failure becomes a recorded outcome. */
export const deliverOne = (claimed: Claimed, target: Target | undefined): Promise<Outcome> =>
  send(claimed, target).catch((error) => unexpectedFailure(claimed, target?.isReadable ? target.serviceUri : "", error));
