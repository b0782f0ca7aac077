import "server-only";
import type { Prisma } from "../../generated/prisma/client";
import { OWNERS_LOCK } from "./advisory-locks";

// PostgreSQL's side of lib/auth/users.ts. Its statements are portable SQL, but under READ
// COMMITTED two of them running at once each see the other's Owner still there: two Owners
// demoting each other would both succeed, two first-Owner inserts would both find no user.
// Each runs in a transaction that first takes this lock, so changes to the Owners take turns.

/** Holds the Owners lock until `tx` commits or rolls back. */
export const lockOwners = (tx: Prisma.TransactionClient) =>
  tx.$executeRaw`SELECT pg_advisory_xact_lock(${OWNERS_LOCK.class}::int, ${OWNERS_LOCK.key}::int)`;
