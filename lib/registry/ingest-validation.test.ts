import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "../testing/temporary-database";
import type { RawEvent } from "./distribution";

// Against a real SQLite database with the real migrations: ignored events leave no row.
const database = temporaryDatabase("ingest-validation");
process.env.SECRET_KEY = "ingest-validation unit test secret key";

type Db = typeof import("../db").db;
let db: Db;
let ingestNotifications: typeof import("./ingest").ingestNotifications;
let MAX_IGNORED_REASONS: number;
let registry: { id: string; name: string; host: string };

beforeAll(async () => {
  db = await database.open();
  ({ ingestNotifications, MAX_IGNORED_REASONS } = await import("./ingest"));
  registry = await db.registry.create({ data: { name: "ingestcheck", host: "" } });
}, 60_000);

afterAll(async () => {
  const { rawDb } = await import("../db-raw");
  rawDb().close();
  await database.close();
});

let counter = 0;
const push = (repository: string, tag: string, id = `evt-${++counter}`): RawEvent => ({
  id,
  timestamp: "2026-11-22T04:01:02Z",
  action: "push",
  target: { mediaType: "application/vnd.oci.image.manifest.v1+json", size: 1, digest: `sha256:${"d".repeat(64)}`, repository, tag },
});

describe("ingestNotifications with events that break the grammar", () => {
  it("stores the good events, none of the bad ones, and says why each was ignored", async () => {
    const bad = [push("app\u0000", "v1"), push("app\r\nx", "v1"), push("app\ud800", "v1"), push("a".repeat(500 * 1024), "v1"), push("app", "v1\n")];
    const good = push("app", "v1");
    const summary = await ingestNotifications(registry, [...bad, good, push("app", "v2", "bad id\u0000")]);
    expect(summary).toMatchObject({ received: 7, ignored: 6, duplicates: 0, accepted: 1, deliveries: 0 });
    expect(summary.ignoredReasons.map(({ index, id }) => [index, id])).toEqual([
      [0, bad[0].id],
      [1, bad[1].id],
      [2, bad[2].id],
      [3, bad[3].id],
      [4, bad[4].id],
      [6, null],
    ]);
    expect(summary.ignoredReasons[3].reason).toMatch(/^target\.repository: expected a repository name/);
    const stored = await db.registryEvent.findMany({ where: { registryId: registry.id }, select: { sourceId: true, repository: true } });
    expect(stored).toEqual([{ sourceId: good.id, repository: "app" }]);
  });

  it("lists at most 10 reasons but counts every ignored event", async () => {
    const events = Array.from({ length: 25 }, () => push("Bad", "v1"));
    const summary = await ingestNotifications(registry, events);
    expect(summary).toMatchObject({ received: 25, ignored: 25, accepted: 0 });
    expect(summary.ignoredReasons).toHaveLength(MAX_IGNORED_REASONS);
  });
});
