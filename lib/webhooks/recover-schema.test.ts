import { describe, expect, it } from "vitest";
import { recoverSchema, SINCE_FORMAT_MESSAGE, SINCE_FUTURE_MESSAGE, sinceProblem } from "./recover-schema";

// Recover's start time: each rule with a case that passes and one that fails with its message.

const NOW = Date.parse("2026-12-03T12:00:00Z");

describe("the start time of a recovery", () => {
  it.each([
    ["2026-12-02T12:00:00Z"],
    ["2026-12-02T12:00Z"],
    ["2026-12-02T12:00:00.123Z"],
    ["2026-12-03T13:30:00+02:00"],
    ["2026-12-03T12:00:00Z"],
  ])("accepts %s", (since) => {
    expect(sinceProblem(since, NOW)).toBeNull();
  });

  it.each([
    ["", SINCE_FORMAT_MESSAGE],
    ["yesterday", SINCE_FORMAT_MESSAGE],
    ["24h", SINCE_FORMAT_MESSAGE],
    ["2026-12-02T12:00:00", SINCE_FORMAT_MESSAGE],
    ["2026-13-02T12:00:00Z", SINCE_FORMAT_MESSAGE],
    ["2026-12-03T12:00:01Z", SINCE_FUTURE_MESSAGE],
    ["2026-12-03T12:30:00+00:00", SINCE_FUTURE_MESSAGE],
  ])("refuses %j", (since, message) => {
    expect(sinceProblem(since, NOW)).toBe(message);
  });

  it("refuses a body without since, with another type, or with other keys", () => {
    expect(recoverSchema.safeParse({}).error?.issues[0].message).toBe(SINCE_FORMAT_MESSAGE);
    expect(recoverSchema.safeParse({ since: 1733227200 }).error?.issues[0].message).toBe(SINCE_FORMAT_MESSAGE);
    expect(recoverSchema.safeParse({ since: "2020-01-01T00:00:00Z", until: "x" }).success).toBe(false);
    expect(recoverSchema.safeParse({ since: "2020-01-01T00:00:00Z" }).success).toBe(true);
  });
});
