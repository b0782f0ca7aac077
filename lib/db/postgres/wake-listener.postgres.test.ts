import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { temporaryDatabase } from "../../testing/temporary-database";

// Workers of other instances are woken through PostgreSQL: a NOTIFY on any connection reaches
// the listener, and a listener whose connection is killed reconnects by itself.
const database = temporaryDatabase("wake", "postgresql");
let listener: typeof import("./wake-listener");
let other: pg.Client;

beforeAll(async () => {
  await database.open();
  listener = await import("./wake-listener");
  other = new pg.Client({ connectionString: database.url });
  await other.connect();
}, 60_000);

afterAll(async () => {
  await other.end();
  await database.close();
});

const notify = () => other.query(`SELECT pg_notify('${listener.WAKE_CHANNEL}', '')`);

describe("listenForWakeUps", () => {
  it("wakes on another connection's NOTIFY, and again after its own connection was killed", async () => {
    const onWake = vi.fn();
    const listening = listener.listenForWakeUps(onWake);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const info = vi.spyOn(console, "info").mockImplementation(() => {});
    try {
      // Connected: it wakes once at once (whatever was recorded before it listened).
      await vi.waitFor(() => expect(onWake).toHaveBeenCalledTimes(1), { timeout: 5000 });
      await notify();
      await vi.waitFor(() => expect(onWake).toHaveBeenCalledTimes(2), { timeout: 5000 });

      // PostgreSQL drops the connection (a restart, a failover): it comes back and listens again.
      await other.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'registry-webhooks listen' AND datname = current_database()`);
      await vi.waitFor(() => expect(onWake).toHaveBeenCalledTimes(3), { timeout: 10_000 });
      expect(warn).toHaveBeenCalledWith(expect.stringMatching(/lost the PostgreSQL LISTEN connection/));
      await notify();
      await vi.waitFor(() => expect(onWake).toHaveBeenCalledTimes(4), { timeout: 5000 });
    } finally {
      await listening.stop();
      warn.mockRestore();
      info.mockRestore();
    }
    // Stopped: nothing wakes it any more.
    await notify();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(onWake).toHaveBeenCalledTimes(4);
  });
});
