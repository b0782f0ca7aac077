import { vi } from "vitest";
import { describeLease } from "./lease.suite";

// lib/delivery/pruning.ts is SQLite-only until the delivery store lands on PostgreSQL (another
// branch; its own tests cover it). Here only the lease and housekeeping's other steps matter.
vi.mock("../delivery/pruning", () => ({
  pruneOldDeliveries: async () => 0,
  pruneRegistryEvents: async () => 0,
  pruneTagDigests: async () => 0,
}));

describeLease("postgresql");
