import { describe, expect, it } from "vitest";
import { z } from "zod";
import { newDeliveryId } from "./delivery-id.mjs";

describe("newDeliveryId", () => {
  it("is a UUID version 7 by RFC 9562, as a third-party validator (zod) reads it", () => {
    const ids = Array.from({ length: 1000 }, () => newDeliveryId());
    for (const id of ids) expect(z.uuid({ version: "v7" }).safeParse(id).success, id).toBe(true);
    expect(z.uuid({ version: "v4" }).safeParse(ids[0]).success).toBe(false);
  });

  it("starts with the time in milliseconds, so later ids sort after earlier ones", () => {
    const at = Date.UTC(2026, 11, 4, 5, 0, 0, 123);
    const id = newDeliveryId(at);
    expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
    const inOrder = [at, at + 1, at + 1000, at + 86_400_000].map((ms) => newDeliveryId(ms));
    expect([...inOrder].sort()).toEqual(inOrder);
  });

  it("keeps 74 random bits: ids made in the same millisecond differ", () => {
    const at = Date.now();
    const ids = new Set(Array.from({ length: 10_000 }, () => newDeliveryId(at)));
    expect(ids.size).toBe(10_000);
  });
});
