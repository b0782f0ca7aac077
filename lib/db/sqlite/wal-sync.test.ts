import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fileDataSync, groupedSync } from "./wal-sync";

// Ingest answers the registry only after a sync of the WAL that started after its commit: a
// sync already running when it committed may have missed its frames. These tests drive the
// grouping with a sync whose end the test decides.

/** A sync that counts its runs and ends when the test says. */
const controlledSync = () => {
  const ends: { resolve: () => void; reject: (error: Error) => void }[] = [];
  const sync = () => new Promise<void>((resolve, reject) => ends.push({ resolve, reject }));
  return { sync, ends };
};

/** Lets promise callbacks run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("groupedSync", () => {
  it("answers a caller only with a sync that started after it called", async () => {
    const { sync, ends } = controlledSync();
    const request = groupedSync(sync);
    const done: string[] = [];
    void request().then(() => done.push("first"));
    await settle();
    // Committed while the first sync runs: must wait for a second one.
    void request().then(() => done.push("second"));
    ends[0].resolve();
    await settle();
    expect(done).toEqual(["first"]);
    expect(ends).toHaveLength(2);
    ends[1].resolve();
    await settle();
    expect(done).toEqual(["first", "second"]);
  });

  it("shares one sync among everyone who arrives while another runs", async () => {
    const { sync, ends } = controlledSync();
    const request = groupedSync(sync);
    void request();
    const waiting = Array.from({ length: 50 }, () => request());
    ends[0].resolve();
    await settle();
    ends[1].resolve();
    await Promise.all(waiting);
    expect(ends).toHaveLength(2);
  });

  it("fails the callers of a failed sync, and the next caller starts a new one", async () => {
    const { sync, ends } = controlledSync();
    const request = groupedSync(sync);
    const failed = request();
    ends[0].reject(new Error("EIO: i/o error, fdatasync"));
    await expect(failed).rejects.toThrow("EIO");
    const next = request();
    await settle();
    expect(ends).toHaveLength(2);
    ends[1].resolve();
    await expect(next).resolves.toBeUndefined();
  });
});

describe("fileDataSync", () => {
  const directory = mkdtempSync(path.join(tmpdir(), "rw-wal-sync-"));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it("syncs a file that exists and says so when it does not", async () => {
    const file = path.join(directory, "portal.db-wal");
    writeFileSync(file, "frames");
    await expect(fileDataSync(file)()).resolves.toBeUndefined();
    await expect(fileDataSync(path.join(directory, "missing-wal"))()).rejects.toThrow("ENOENT");
  });
});
