import "server-only";
import pg from "pg";
import { env } from "../../env";

// Wakes this instance's worker when any instance records deliveries (ingest NOTIFYs on commit,
// lib/db/postgres/delivery-store.ts), so an event ingested on instance A is sent within
// milliseconds by whichever worker is free, not at the next poll. One dedicated connection per
// instance (LISTEN needs a session of its own, outside the pool). If it drops (PostgreSQL
// restarted), the worker's poll still finds the work, and this reconnects with a growing pause.

export const WAKE_CHANNEL = "registry_webhooks_deliveries";

const MAX_PAUSE_MS = 10_000;

export const listenForWakeUps = (onWake: () => void) => {
  let client: pg.Client | null = null;
  let isStopped = false;
  let failures = 0;
  let retry: NodeJS.Timeout | null = null;

  const reconnectLater = (reason: string) => {
    client = null;
    if (isStopped || retry) return;
    if (failures === 0) console.warn(`[wake] lost the PostgreSQL LISTEN connection (${reason}); polling until it is back`);
    failures += 1;
    retry = setTimeout(() => {
      retry = null;
      void connect();
    }, Math.min(250 * 2 ** failures, MAX_PAUSE_MS));
    retry.unref();
  };

  const connect = async () => {
    const connection = new pg.Client({ connectionString: env.DATABASE_URL, application_name: "registry-webhooks listen", connectionTimeoutMillis: 5_000 });
    connection.on("notification", () => onWake());
    connection.on("error", (error) => reconnectLater(error.message));
    connection.on("end", () => {
      if (client === connection) reconnectLater("connection ended");
    });
    try {
      await connection.connect();
      await connection.query(`LISTEN ${WAKE_CHANNEL}`);
      if (isStopped) return void (await connection.end());
      client = connection;
      if (failures > 0) console.info("[wake] listening for other instances' deliveries again");
      failures = 0;
      // Whatever was recorded while we were not listening.
      onWake();
    } catch (error) {
      await connection.end().catch(() => undefined);
      reconnectLater((error as Error).message);
    }
  };

  void connect();
  return {
    stop: async () => {
      isStopped = true;
      if (retry) clearTimeout(retry);
      const open = client;
      client = null;
      await open?.end().catch(() => undefined);
    },
  };
};
