// The checks after a portal run: every delivery arrived exactly once, with one attempt each,
// and the database agrees.

import { fmtInt, log } from "./format.mjs";
import { LIMITS } from "./settings.mjs";
import { waitFor } from "./wait.mjs";

const deliveriesOf = (state) => Object.values(state.states).reduce((sum, n) => sum + n, 0);

/**
 * Waits (bounded) for the worker's batched writes to reach the expected counts: the receiver
 * can have every delivery before the portal has recorded them all.
 */
const waitForDatabase = async (db, expected) => {
  let state;
  await waitFor(
    async () => {
      state = await db.readDeliveryState();
      return state.attempts >= expected && (state.states.delivered ?? 0) >= expected;
    },
    { timeoutMs: LIMITS.dbSettleMs, everyMs: 200 },
  );
  return state;
};

/** Prints each check and any reasons for failed deliveries; true when every check holds. */
export const verifyPortalRun = async (db, expected, portalRun, expectedAtReceiver = expected) => {
  const state = await waitForDatabase(db, expected);
  const deliveries = deliveriesOf(state);
  const delivered = state.states.delivered ?? 0;
  const checks = [
    { ok: portalRun.received === expectedAtReceiver, text: `receiver got ${fmtInt(portalRun.received)} of ${fmtInt(expectedAtReceiver)} distinct deliveries (measured)` },
    { ok: portalRun.duplicates === 0, text: `duplicates at the receiver: ${fmtInt(portalRun.duplicates)}` },
    { ok: state.attempts === expected, text: `SELECT COUNT(*) FROM "Attempt" = ${fmtInt(state.attempts)} (expected ${fmtInt(expected)})` },
    { ok: state.repeated === 0, text: `deliveries with more than one attempt: ${fmtInt(state.repeated)}` },
    {
      ok: deliveries === expected && delivered === expected,
      text: `"Delivery" rows: ${fmtInt(deliveries)}, by state ${JSON.stringify(state.states)} (expected ${fmtInt(expected)} delivered)`,
    },
  ];
  log("[checks]");
  for (const check of checks) log(`           ${check.ok ? "ok  " : "FAIL"} ${check.text}`);
  for (const { lastStatus, n } of state.notDelivered) log(`           not delivered: ${fmtInt(n)} × ${JSON.stringify(lastStatus)}`);
  return checks.every((check) => check.ok);
};
