import "server-only";
import { preparedStatements, queueDb } from "../db-raw";

// A named lease in the database, for work that one instance at a time should do however many
// share the file. Taking it is one atomic statement: free or expired, it becomes ours; held
// by someone else, nothing changes. A holder that dies leaves it to expire.

const statements = preparedStatements(
  {
    take: `INSERT INTO "Lease" ("name", "owner", "until") VALUES (?, ?, ?)
           ON CONFLICT ("name") DO UPDATE SET "owner" = excluded."owner", "until" = excluded."until"
           WHERE "Lease"."until" <= ? OR "Lease"."owner" = excluded."owner"
           RETURNING "owner"`,
    release: `UPDATE "Lease" SET "until" = 0 WHERE "name" = ? AND "owner" = ?`,
  },
  queueDb,
);

/** Takes (or renews) the lease `name` for `forMs`; false when another owner holds it. */
export const takeLease = (name: string, owner: string, forMs: number, now = Date.now()) =>
  statements().take.get(name, owner, now + forMs, now) !== undefined;

/** Gives the lease back at once, if `owner` holds it. */
export const releaseLease = (name: string, owner: string) => {
  statements().release.run(name, owner);
};
