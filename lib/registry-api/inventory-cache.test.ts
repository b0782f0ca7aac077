import { describe, expect, it } from "vitest";
import type { Inventory } from "./inventory";
import { createInventoryCache, FAILURE_TTL_MS, INVENTORY_TTL_MS } from "./inventory-cache";

const inventory = (name: string): Inventory => ({ repositories: [{ name, tags: [] }], isTruncated: false });

describe("the inventory cache", () => {
  it("answers from one walk until it is stale, then walks again", async () => {
    let now = 0;
    const cache = createInventoryCache(() => now);
    let walks = 0;
    const walk = async () => inventory(`walk${++walks}`);
    await cache.get("r", walk);
    now = INVENTORY_TTL_MS - 1;
    expect((await cache.get("r", walk)).repositories[0].name).toBe("walk1");
    now = INVENTORY_TTL_MS;
    expect((await cache.get("r", walk)).repositories[0].name).toBe("walk2");
  });

  it("shares a walk in progress", async () => {
    const cache = createInventoryCache(() => 0);
    let walks = 0;
    let finish: (value: Inventory) => void = () => {};
    const walk = () => {
      walks++;
      return new Promise<Inventory>((resolve) => (finish = resolve));
    };
    const first = cache.get("r", walk);
    const second = cache.get("r", walk);
    finish(inventory("once"));
    expect(await first).toBe(await second);
    expect(walks).toBe(1);
  });

  it("keeps a failure for less time than an inventory", async () => {
    let now = 0;
    const cache = createInventoryCache(() => now);
    let walks = 0;
    const failing = async (): Promise<Inventory> => {
      walks++;
      throw new Error("refused");
    };
    await expect(cache.get("r", failing)).rejects.toThrow("refused");
    now = FAILURE_TTL_MS - 1;
    await expect(cache.get("r", failing)).rejects.toThrow("refused");
    expect(walks).toBe(1);
    now = FAILURE_TTL_MS;
    await expect(cache.get("r", failing)).rejects.toThrow("refused");
    expect(walks).toBe(2);
  });

  it("holds at most its bound of registries, dropping the oldest", async () => {
    const cache = createInventoryCache(() => 0, 3);
    for (const key of ["a", "b", "c", "d", "e"]) await cache.get(key, async () => inventory(key));
    expect(cache.size()).toBe(3);
    let walked = false;
    await cache.get("a", async () => ((walked = true), inventory("a")));
    expect(walked).toBe(true);
  });
});
