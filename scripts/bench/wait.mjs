// Bounded waiting: nothing in the benchmark waits without a deadline.

import { performance } from "node:perf_hooks";
import { POLL_MS } from "./settings.mjs";

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a truthy value or `timeoutMs` passes (then returns null). */
export const waitFor = async (check, { timeoutMs, everyMs = POLL_MS, onTick }) => {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const value = await check();
    if (value) return value;
    onTick?.();
    await sleep(everyMs);
  }
  return null;
};
