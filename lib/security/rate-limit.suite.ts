import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openSecondConnection, type SecondConnection } from "../testing/second-connection";
import { temporaryDatabase, type DatabaseKind } from "../testing/temporary-database";
import type { RateLimitVerdict } from "./rate-limit";

/**
 * The rate limiter's tests, run on each database by rate-limit.<kind>.test.ts: against a real
 * database with the real migrations; each limiter on its own connection (PostgreSQL: its own
 * pool), as each server process has its own.
 */
export const describeRateLimiter = (kind: DatabaseKind) => {
  const database = temporaryDatabase("rate-limit", kind);

  let limits: typeof import("./rate-limit");
  let sqliteRateLimitHits: typeof import("../db/sqlite/rate-limits").sqliteRateLimitHits;
  let postgresRateLimitHits: typeof import("../db/postgres/rate-limits").postgresRateLimitHits;
  const connections: SecondConnection[] = [];

  /** A connection of its own to the test database, as another server process would open one. */
  const connect = (busyTimeoutMs = 10_000) => {
    const connection = openSecondConnection(kind, database.url, { busyTimeoutMs });
    connections.push(connection);
    return connection;
  };

  /** A limiter as a server process has one, on its own connection to the shared database. */
  const newLimiter = (connection = connect()) =>
    limits.createRateLimiter(
      connection.kind === "sqlite" ? sqliteRateLimitHits(() => connection.sqlite) : postgresRateLimitHits(() => connection.pool),
    );

  let ruleCount = 0;
  /** 5 a minute by default, under a name no other test uses (the tests share one database). */
  const newRule = (limit = 5, windowMs = 60_000) => ({ name: `test-${ruleCount++}`, limit, windowMs });

  let observer: SecondConnection | undefined;
  /** One connection for the tests' own reads. */
  const observe = () => (observer ??= connect());

  const allowed = async (verdict: Promise<RateLimitVerdict>) => (await verdict).isAllowed;

  const hitsOf = async (rule: { name: string }) => {
    const [row] = await observe().rows<{ keys: number | string; hits: number | string }>(
      `SELECT COUNT(DISTINCT "key") AS "keys", COUNT(*) AS "hits" FROM "RateLimitHit" WHERE "key" LIKE ?`,
      [`${rule.name}:%`],
    );
    // PostgreSQL's COUNT is a BIGINT, which pg gives as a string.
    return { keys: Number(row.keys), hits: Number(row.hits) };
  };

  beforeAll(async () => {
    await database.open();
    limits = await import("./rate-limit");
    ({ sqliteRateLimitHits } = await import("../db/sqlite/rate-limits"));
    ({ postgresRateLimitHits } = await import("../db/postgres/rate-limits"));
  }, 60_000);

  afterAll(async () => {
    for (const connection of connections) await connection.close();
    await database.close();
  });

  describe("createRateLimiter", () => {
    it("allows 5 a minute per key, then says when to retry", async () => {
      const limiter = newLimiter();
      const rule = newRule(5, 60_000);
      for (let i = 0; i < 5; i += 1) expect(await allowed(limiter.take(rule, "hook", 1000 + i))).toBe(true);
      expect(await limiter.take(rule, "hook", 2000)).toEqual({ isAllowed: false, retryInSeconds: 59 });
      expect(await allowed(limiter.take(rule, "other", 2000))).toBe(true);
      expect(await allowed(limiter.take(rule, "hook", 61_000))).toBe(true);
    });

    it("slides: each hit frees its slot a window after it was taken, not at a window's boundary", async () => {
      const limiter = newLimiter();
      const rule = newRule(2, 10_000);
      expect(await allowed(limiter.take(rule, "key", 0))).toBe(true);
      expect(await allowed(limiter.take(rule, "key", 6_000))).toBe(true);
      expect(await limiter.take(rule, "key", 9_999)).toEqual({ isAllowed: false, retryInSeconds: 1 });
      // The first hit expired; the second still counts until 16 s.
      expect(await allowed(limiter.take(rule, "key", 10_000))).toBe(true);
      expect(await limiter.take(rule, "key", 12_500)).toEqual({ isAllowed: false, retryInSeconds: 4 });
      expect(await allowed(limiter.take(rule, "key", 16_000))).toBe(true);
    });

    it("counts keys and limits independently, and does not count refused requests", async () => {
      const limiter = newLimiter();
      const [strict, loose] = [newRule(1), newRule(3)];
      expect(await allowed(limiter.take(strict, "a", 0))).toBe(true);
      expect(await allowed(limiter.take(strict, "b", 0))).toBe(true);
      expect(await allowed(limiter.take(loose, "a", 0))).toBe(true);
      for (let i = 0; i < 10; i += 1) expect(await allowed(limiter.take(strict, "a", 1000 + i))).toBe(false);
      expect(await hitsOf(strict)).toEqual({ keys: 2, hits: 2 });
    });

    it("takes several limits in order in one go and stops at the first that is full", async () => {
      const limiter = newLimiter();
      const [first, full, last] = [newRule(30), newRule(1), newRule(10)];
      expect(await allowed(limiter.take(full, "x", 0))).toBe(true);
      expect(await limiter.takeInOrder([[first, "x"], [full, "x"], [last, "x"]], 30_000)).toEqual({ isAllowed: false, retryInSeconds: 30 });
      expect([(await hitsOf(first)).hits, (await hitsOf(full)).hits, (await hitsOf(last)).hits]).toEqual([1, 1, 0]);
    });

    it("stores a short hash of the key, however long the key", async () => {
      const limiter = newLimiter();
      const rule = newRule();
      await limiter.take(rule, `${"x".repeat(10_000)}@example.test`, 0);
      const [{ key }] = await observe().rows<{ key: string }>(`SELECT "key" FROM "RateLimitHit" WHERE "key" LIKE ?`, [`${rule.name}:%`]);
      expect(key).toMatch(new RegExp(`^${rule.name}:[A-Za-z0-9_-]{22}$`));
    });
  });

  describe("createRateLimiter across server processes", () => {
    it("two connections to one database share the count", async () => {
      const [first, second] = [newLimiter(), newLimiter()];
      const rule = newRule(5, 60_000);
      for (let i = 0; i < 5; i += 1) expect(await allowed((i % 2 ? second : first).take(rule, "hook", 1000 + i))).toBe(true);
      expect(await first.take(rule, "hook", 2000)).toEqual({ isAllowed: false, retryInSeconds: 59 });
      expect(await second.take(rule, "hook", 2000)).toEqual({ isAllowed: false, retryInSeconds: 59 });
    });

    it("two instances racing for the slots: exactly `limit` get one", async () => {
      const [first, second] = [newLimiter(), newLimiter()];
      const race = (rule: { name: string; limit: number; windowMs: number }, key: string) =>
        Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2 ? second : first).take(rule, key, 1000)));
      // Connections opened first (on PostgreSQL each limiter has a pool), so the takes overlap.
      await race(newRule(100), "warm-up");
      for (let round = 0; round < 5; round += 1) {
        const rule = newRule(5, 60_000);
        const verdicts = await race(rule, "hook");
        expect(verdicts.filter((verdict) => verdict.isAllowed)).toHaveLength(5);
        expect(await hitsOf(rule)).toEqual({ keys: 1, hits: 5 });
      }
    });

    it("takers of overlapping limits in opposite orders both finish (no deadlock)", async () => {
      const [first, second] = [newLimiter(), newLimiter()];
      const [a, b] = [newRule(100), newRule(100)];
      const rounds = Array.from({ length: 20 }, (_, i) =>
        i % 2 ? second.takeInOrder([[a, "x"], [b, "x"]], 0) : first.takeInOrder([[b, "x"], [a, "x"]], 0),
      );
      expect((await Promise.all(rounds)).every((verdict) => verdict.isAllowed)).toBe(true);
      expect([(await hitsOf(a)).hits, (await hitsOf(b)).hits]).toEqual([20, 20]);
    });

    it.runIf(kind === "sqlite")("checks and records under the write lock: while another process writes, it waits instead of counting", async () => {
      const holder = connect();
      const waiting = newLimiter(connect(0));
      const rule = newRule();
      if (holder.kind !== "sqlite") throw new Error("SQLite only");
      holder.sqlite.exec("BEGIN IMMEDIATE");
      try {
        await expect(waiting.take(rule, "hook", 0)).rejects.toThrow(/database is locked/);
      } finally {
        holder.sqlite.exec("ROLLBACK");
      }
      expect(await allowed(waiting.take(rule, "hook", 0))).toBe(true);
    });
  });

  describe("createRateLimiter memory", () => {
    it("forgets keys that have been idle for a whole window", async () => {
      const limiter = newLimiter();
      const rule = newRule(5, 60_000);
      for (let i = 0; i < 1000; i += 1) await limiter.take(rule, `guess-${i}@example.test`, 1000);
      expect((await hitsOf(rule)).keys).toBe(1000);
      await limiter.take(rule, "later", 62_000);
      // Housekeeping's prune (every 30 s, in batches), not the request path, forgets idle keys.
      expect(await limiter.pruneExpired(62_000)).toBeGreaterThanOrEqual(1000);
      expect((await hitsOf(rule)).keys).toBe(1);
    });

    it("a key's own expired hits go when it is next used", async () => {
      const limiter = newLimiter();
      const rule = newRule(5, 60_000);
      for (let i = 0; i < 5; i += 1) await limiter.take(rule, "busy", 1000 + i);
      await limiter.take(rule, "busy", 70_000);
      expect((await hitsOf(rule)).hits).toBe(1);
    });
  });
};
