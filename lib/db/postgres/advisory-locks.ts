// The advisory locks this portal takes on PostgreSQL, in one place so no two uses share a key.
// Each is the two-integer form (class, key): PostgreSQL keeps those apart from the one-bigint
// keys (the migrator's, lib/db/migrate-postgres.mjs), and the class keeps ours apart from each
// other. "RW" in the high bytes, so another application's small numbers do not collide.

/** One lock per rate-limit key: takers of the same key count one after the other. */
export const RATE_LIMIT_LOCKS = 0x5257_0001;

/** The set of Owners (lib/auth/users.ts): the first Owner, demotions and deletions of Owners. */
export const OWNERS_LOCK = { class: 0x5257_0002, key: 1 } as const;
