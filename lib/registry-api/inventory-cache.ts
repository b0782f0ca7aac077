import type { Inventory } from "./inventory";

// The last inventory of each registry, in this process's memory only (it is a cache: another
// instance walks the registry itself). While an admin types a scope, every keystroke's preview
// is answered from one walk; a walk in progress is shared, not repeated. A failure is kept for
// less time, so a registry that comes back is seen soon. Bounded: the oldest entry goes first.

export const INVENTORY_TTL_MS = 30_000;
export const FAILURE_TTL_MS = 5_000;
export const MAX_CACHED_REGISTRIES = 64;

type Entry = { inventory: Promise<Inventory>; expiresAt: number };

export const createInventoryCache = (now: () => number = Date.now, maxEntries = MAX_CACHED_REGISTRIES) => {
  const entries = new Map<string, Entry>();

  /** The inventory for `key` (the registry and the settings it was read with), walking only when none is fresh. */
  const get = (key: string, walk: () => Promise<Inventory>): Promise<Inventory> => {
    const hit = entries.get(key);
    if (hit && hit.expiresAt > now()) return hit.inventory;
    entries.delete(key);
    while (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    const inventory = walk();
    const entry: Entry = { inventory, expiresAt: now() + INVENTORY_TTL_MS };
    entries.set(key, entry);
    inventory.catch(() => {
      entry.expiresAt = Math.min(entry.expiresAt, now() + FAILURE_TTL_MS);
    });
    return inventory;
  };

  return { get, size: () => entries.size, clear: () => entries.clear() };
};
