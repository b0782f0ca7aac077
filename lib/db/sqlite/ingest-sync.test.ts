import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { manifestPush } from "../../../e2e/support/distribution-events";
import { temporaryDatabase } from "../../testing/temporary-database";

// Ingest on SQLite commits without a sync and answers the registry only once a sync of the WAL
// has returned (lib/db/sqlite/wal-sync.ts): a 2xx means the events are on disk. Here the sync of
// the real WAL file is held until the test lets it go, or made to fail, on a migrated database.

const syncs: { path: string; release: () => void; fail: (error: Error) => void }[] = [];

vi.mock("./wal-sync", async (importOriginal) => ({
  ...(await importOriginal<typeof import("./wal-sync")>()),
  fileDataSync: (path: string) => () => new Promise<void>((resolve, reject) => syncs.push({ path, release: resolve, fail: reject })),
}));

describe("SQLite ingest and the WAL sync", () => {
  const database = temporaryDatabase("ingest-sync", "sqlite");
  process.env.SECRET_KEY ||= "ingest sync unit test secret key";

  type Db = typeof import("../../db").db;
  let db: Db;
  let ingestNotifications: typeof import("../../registry/ingest").ingestNotifications;
  let registry: { id: string; name: string; host: string };

  beforeAll(async () => {
    db = await database.open();
    ({ ingestNotifications } = await import("../../registry/ingest"));
    registry = await db.registry.create({ data: { name: "ingestsync" } });
    await db.webhook.create({ data: { registryId: registry.id, name: "hook", serviceUri: "http://127.0.0.1:9/x", actions: "push" } });
  }, 60_000);

  afterAll(async () => {
    const { ingestDb } = await import("../../db-raw");
    ingestDb().close();
    await database.close();
  });

  /** Lets the store's turn and its promise callbacks run. */
  const turns = async () => {
    for (let i = 0; i < 5; i += 1) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  it("answers only after the WAL is synced, with the events already stored", async () => {
    let answered = false;
    const ingesting = ingestNotifications(registry, [manifestPush("app", "v1")]).then((summary) => {
      answered = true;
      return summary;
    });
    await turns();
    // Committed (another connection sees it) but not yet synced: no answer.
    expect(await db.registryEvent.count({ where: { registryId: registry.id } })).toBe(1);
    expect(syncs).toHaveLength(1);
    expect(syncs[0].path).toMatch(/-wal$/);
    expect(answered).toBe(false);
    syncs.shift()!.release();
    expect((await ingesting).accepted).toBe(1);
  });

  it("gives no answer when the sync fails, and the registry's resend counts the stored event once", async () => {
    const event = manifestPush("app", "v2");
    const ingesting = ingestNotifications(registry, [event]);
    await turns();
    syncs.shift()!.fail(new Error("EIO: i/o error, fdatasync"));
    await expect(ingesting).rejects.toThrow("EIO");
    const again = ingestNotifications(registry, [event]);
    await turns();
    syncs.shift()!.release();
    expect(await again).toMatchObject({ accepted: 0, duplicates: 1 });
  });
});
