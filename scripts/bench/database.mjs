// The benchmark's own access to the portal's database: webhooks in before the run, state,
// payloads and sizes out after it. Each database's SQL lives in one module behind the same
// functions: ./database-sqlite.mjs (better-sqlite3) and ./database-postgres.mjs (pg).
//
//   insertWebhooks(count, serviceUri)  enabled push webhooks pointing at the receiver, sealed
//   readDeliveryState()                { attempts, repeated (deliveries with >1 attempt), states, notDelivered }
//   readPayloads()                     the exact bodies the portal sent, in seq order, for the baseline
//   readHousekeepingState()            { deliveries, freePages (null: not applicable) }
//   storage()                          { parts: [[label, bytes], ...] }
//   close()

import { openPostgres } from "./database-postgres.mjs";
import { openSqlite } from "./database-sqlite.mjs";

/** @param {{ kind: "sqlite" } | { kind: "postgresql", url: string }} database */
export const openBenchDatabase = (database) => (database.kind === "postgresql" ? openPostgres(database.url) : openSqlite());
