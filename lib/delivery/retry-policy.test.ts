import { describe, expect, it } from "vitest";
import { parseRetrySchedule } from "../config/retry-schedule";
import { judgeAttempt, parseRetryAfter } from "./retry-policy";

const schedule = [10_000, 60_000, 600_000];
const noJitter = () => 0.5;

describe("parseRetrySchedule", () => {
  it.each([
    { text: "10s,1m,10m,1h,4h", ms: [10_000, 60_000, 600_000, 3_600_000, 14_400_000] },
    { text: " 500ms , 1.5s ", ms: [500, 1500] },
    { text: "", ms: [] },
  ])("parses '$text'", ({ text, ms }) => expect(parseRetrySchedule(text)).toEqual(ms));

  it.each(["10", "1d", "s", "10s,,1m"])("refuses '%s'", (text) => {
    expect(() => parseRetrySchedule(text)).toThrow(/is not a delay like 10s, 5m or 2h/);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-22T10:00:00Z");
  it.each([
    { value: "120", ms: 120_000 },
    { value: "Sun, 22 Nov 2026 10:00:30 GMT", ms: 30_000 },
    { value: "Sun, 22 Nov 2026 09:00:00 GMT", ms: 0 },
    { value: "soon", ms: null },
    { value: undefined, ms: null },
  ])("$value -> $ms", ({ value, ms }) => expect(parseRetryAfter(value, now)).toBe(ms));
});

describe("judgeAttempt", () => {
  it.each([
    { status: 200, attempt: 1, verdict: { state: "delivered" } },
    { status: 204, attempt: 3, verdict: { state: "delivered" } },
    { status: 503, attempt: 1, verdict: { state: "pending", delayMs: 10_000 } },
    { status: 500, attempt: 2, verdict: { state: "pending", delayMs: 60_000 } },
    { status: 429, attempt: 1, verdict: { state: "pending", delayMs: 10_000 } },
    { status: null, attempt: 3, verdict: { state: "pending", delayMs: 600_000 } },
    { status: 503, attempt: 4, verdict: { state: "failed" } },
    { status: 301, attempt: 1, verdict: { state: "failed" } },
    { status: 302, attempt: 1, verdict: { state: "failed" } },
    { status: 400, attempt: 1, verdict: { state: "failed" } },
    { status: 404, attempt: 1, verdict: { state: "failed" } },
    { status: 410, attempt: 1, verdict: { state: "failed" } },
  ])("status $status on attempt $attempt", ({ status, attempt, verdict }) => {
    expect(judgeAttempt({ status, retryAfterMs: null }, attempt, schedule, noJitter)).toEqual(verdict);
  });

  it("never retries with an empty schedule, as ACR", () => {
    expect(judgeAttempt({ status: 503, retryAfterMs: null }, 1, [], noJitter)).toEqual({ state: "failed" });
  });

  it("spreads delays by at most ±20%", () => {
    expect(judgeAttempt({ status: 503, retryAfterMs: null }, 1, schedule, () => 0)).toEqual({ state: "pending", delayMs: 8000 });
    expect(judgeAttempt({ status: 503, retryAfterMs: null }, 1, schedule, () => 1)).toEqual({ state: "pending", delayMs: 12_000 });
  });

  it("honours Retry-After within the schedule's bounds", () => {
    const later = judgeAttempt({ status: 429, retryAfterMs: 120_000 }, 1, schedule, noJitter);
    expect(later).toEqual({ state: "pending", delayMs: 120_000 });
    const capped = judgeAttempt({ status: 429, retryAfterMs: 86_400_000 }, 1, schedule, noJitter);
    expect(capped).toEqual({ state: "pending", delayMs: 600_000 });
    const sooner = judgeAttempt({ status: 503, retryAfterMs: 1000 }, 2, schedule, noJitter);
    expect(sooner).toEqual({ state: "pending", delayMs: 60_000 });
  });
});
