import "server-only";
import { queueDb } from "../db-raw";
import { isPostgres } from "./kind";
import { postgresLeases } from "./postgres/leases";
import { pgPool } from "./postgres-pool";
import { sqliteLeases } from "./sqlite/leases";

// A named lease in the database, for work that one instance at a time should do however many
// share the database. Taking it is one atomic statement (an upsert that only changes the row
// when the lease is free, expired or already ours, lib/db/<kind>/leases.ts): free or expired,
// it becomes ours; held by someone else, nothing changes. A holder that dies leaves it to expire.

/** One dialect's lease SQL. Times are ms since the epoch. */
export type Leases = {
  /** Makes `owner` hold `name` until `until` if the lease is free, expired at `now` or already its; true when it does. */
  take: (name: string, owner: string, until: number, now: number) => Promise<boolean>;
  /** Ends `owner`'s hold on `name` at once; nothing when someone else holds it. */
  release: (name: string, owner: string) => Promise<void>;
};

const leases: Leases = isPostgres ? postgresLeases(pgPool) : sqliteLeases(queueDb);

/** Takes (or renews) the lease `name` for `forMs`; false when another owner holds it. */
export const takeLease = (name: string, owner: string, forMs: number, now = Date.now()) => leases.take(name, owner, now + forMs, now);

/** Gives the lease back at once, if `owner` holds it. */
export const releaseLease = (name: string, owner: string) => leases.release(name, owner);
