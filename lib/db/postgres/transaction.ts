import "server-only";
import type pg from "pg";

/**
 * Runs `work` on one pooled connection inside BEGIN ... COMMIT (ROLLBACK when it throws), so
 * its statements see and leave one consistent state. The connection goes back to the pool
 * either way; one whose ROLLBACK failed is discarded instead of being handed out again.
 */
export const inTransaction = async <T,>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
  const client = await pool.connect();
  let isBroken = false;
  try {
    await client.query("BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => (isBroken = true));
    throw error;
  } finally {
    client.release(isBroken);
  }
};
