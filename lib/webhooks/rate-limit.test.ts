import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limit";

describe("createRateLimiter", () => {
  it("allows 5 a minute per key, then says when to retry", () => {
    const limiter = createRateLimiter(5, 60_000);
    for (let i = 0; i < 5; i += 1) expect(limiter.take("hook", 1000 + i).isAllowed).toBe(true);
    expect(limiter.take("hook", 2000)).toEqual({ isAllowed: false, retryInSeconds: 59 });
    expect(limiter.take("other", 2000).isAllowed).toBe(true);
    expect(limiter.take("hook", 61_000).isAllowed).toBe(true);
  });
});

describe("createRateLimiter memory", () => {
  it("forgets keys that have been idle for a whole window", () => {
    const limiter = createRateLimiter(5, 60_000);
    for (let i = 0; i < 1000; i += 1) limiter.take(`guess-${i}@example.test`, 1000);
    expect(limiter.size()).toBe(1000);
    limiter.take("later", 62_000);
    expect(limiter.size()).toBe(1);
  });
});
