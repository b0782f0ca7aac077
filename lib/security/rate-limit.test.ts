import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "../testing/temporary-database";

// Against a real SQLite file with the real migrations; each limiter on its own connection, as
// each server process has its own.
const database = temporaryDatabase("rate-limit");

let limits: typeof import("./rate-limit");
const connections: Database.Database[] = [];

/** A connection of its own to the test database, as another server process would open one. */
const connect = (busyTimeoutMs = 10_000) => {
  const connection = new Database(process.env.DATABASE_URL!.slice("file:".length));
  connection.pragma("journal_mode = WAL");
  connection.pragma("synchronous = NORMAL");
  connection.pragma(`busy_timeout = ${busyTimeoutMs}`);
  connections.push(connection);
  return connection;
};

/** A limiter as a server process has one, on its own connection to the shared file. */
const newLimiter = (connection = connect()) => limits.createRateLimiter(() => connection);

let ruleCount = 0;
/** 5 a minute by default, under a name no other test uses (the tests share one file). */
const newRule = (limit = 5, windowMs = 60_000) => ({ name: `test-${ruleCount++}`, limit, windowMs });

const hitsOf = (rule: { name: string }) =>
  connect().prepare(`SELECT COUNT(DISTINCT "key") AS keys, COUNT(*) AS hits FROM "RateLimitHit" WHERE "key" LIKE ?`).get(`${rule.name}:%`) as {
    keys: number;
    hits: number;
  };

beforeAll(async () => {
  await database.open();
  limits = await import("./rate-limit");
}, 60_000);

afterAll(async () => {
  for (const connection of connections) connection.close();
  await database.close();
});

describe("createRateLimiter", () => {
  it("allows 5 a minute per key, then says when to retry", () => {
    const limiter = newLimiter();
    const rule = newRule(5, 60_000);
    for (let i = 0; i < 5; i += 1) expect(limiter.take(rule, "hook", 1000 + i).isAllowed).toBe(true);
    expect(limiter.take(rule, "hook", 2000)).toEqual({ isAllowed: false, retryInSeconds: 59 });
    expect(limiter.take(rule, "other", 2000).isAllowed).toBe(true);
    expect(limiter.take(rule, "hook", 61_000).isAllowed).toBe(true);
  });

  it("slides: each hit frees its slot a window after it was taken, not at a window's boundary", () => {
    const limiter = newLimiter();
    const rule = newRule(2, 10_000);
    expect(limiter.take(rule, "key", 0).isAllowed).toBe(true);
    expect(limiter.take(rule, "key", 6_000).isAllowed).toBe(true);
    expect(limiter.take(rule, "key", 9_999)).toEqual({ isAllowed: false, retryInSeconds: 1 });
    // The first hit expired; the second still counts until 16 s.
    expect(limiter.take(rule, "key", 10_000).isAllowed).toBe(true);
    expect(limiter.take(rule, "key", 12_500)).toEqual({ isAllowed: false, retryInSeconds: 4 });
    expect(limiter.take(rule, "key", 16_000).isAllowed).toBe(true);
  });

  it("counts keys and limits independently, and does not count refused requests", () => {
    const limiter = newLimiter();
    const [strict, loose] = [newRule(1), newRule(3)];
    expect(limiter.take(strict, "a", 0).isAllowed).toBe(true);
    expect(limiter.take(strict, "b", 0).isAllowed).toBe(true);
    expect(limiter.take(loose, "a", 0).isAllowed).toBe(true);
    for (let i = 0; i < 10; i += 1) expect(limiter.take(strict, "a", 1000 + i).isAllowed).toBe(false);
    expect(hitsOf(strict)).toEqual({ keys: 2, hits: 2 });
  });

  it("takes several limits in order in one go and stops at the first that is full", () => {
    const limiter = newLimiter();
    const [first, full, last] = [newRule(30), newRule(1), newRule(10)];
    expect(limiter.take(full, "x", 0).isAllowed).toBe(true);
    expect(limiter.takeInOrder([[first, "x"], [full, "x"], [last, "x"]], 30_000)).toEqual({ isAllowed: false, retryInSeconds: 30 });
    expect([hitsOf(first).hits, hitsOf(full).hits, hitsOf(last).hits]).toEqual([1, 1, 0]);
  });

  it("stores a short hash of the key, however long the key", () => {
    const limiter = newLimiter();
    const rule = newRule();
    limiter.take(rule, `${"x".repeat(10_000)}@example.test`, 0);
    const { key } = connect().prepare(`SELECT "key" FROM "RateLimitHit" WHERE "key" LIKE ?`).get(`${rule.name}:%`) as { key: string };
    expect(key).toMatch(new RegExp(`^${rule.name}:[A-Za-z0-9_-]{22}$`));
  });
});

describe("createRateLimiter across server processes", () => {
  it("two connections to one database share the count", () => {
    const [first, second] = [newLimiter(), newLimiter()];
    const rule = newRule(5, 60_000);
    for (let i = 0; i < 5; i += 1) expect((i % 2 ? second : first).take(rule, "hook", 1000 + i).isAllowed).toBe(true);
    expect(first.take(rule, "hook", 2000)).toEqual({ isAllowed: false, retryInSeconds: 59 });
    expect(second.take(rule, "hook", 2000)).toEqual({ isAllowed: false, retryInSeconds: 59 });
  });

  it("checks and records under the write lock: while another process writes, it waits instead of counting", () => {
    const holder = connect();
    const waiting = newLimiter(connect(0));
    const rule = newRule();
    holder.exec("BEGIN IMMEDIATE");
    try {
      expect(() => waiting.take(rule, "hook", 0)).toThrow(/database is locked/);
    } finally {
      holder.exec("ROLLBACK");
    }
    expect(waiting.take(rule, "hook", 0).isAllowed).toBe(true);
  });
});

describe("createRateLimiter memory", () => {
  it("forgets keys that have been idle for a whole window", async () => {
    const limiter = newLimiter();
    const rule = newRule(5, 60_000);
    for (let i = 0; i < 1000; i += 1) limiter.take(rule, `guess-${i}@example.test`, 1000);
    expect(hitsOf(rule).keys).toBe(1000);
    limiter.take(rule, "later", 62_000);
    // Housekeeping's prune (every 30 s, in batches), not the request path, forgets idle keys.
    expect(await limiter.pruneExpired(62_000)).toBeGreaterThanOrEqual(1000);
    expect(hitsOf(rule).keys).toBe(1);
  });

  it("a key's own expired hits go when it is next used", () => {
    const limiter = newLimiter();
    const rule = newRule(5, 60_000);
    for (let i = 0; i < 5; i += 1) limiter.take(rule, "busy", 1000 + i);
    limiter.take(rule, "busy", 70_000);
    expect(hitsOf(rule).hits).toBe(1);
  });
});
