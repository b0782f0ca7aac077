import { describe, expect, it } from "vitest";
import { BoundedMemo } from "./bounded-memo";

describe("BoundedMemo", () => {
  it("computes each key once, a null answer included", () => {
    const memo = new BoundedMemo<string, string | null>(10);
    let computed = 0;
    const ask = (key: string) => memo.get(key, () => ((computed += 1), key === "none" ? null : key.toUpperCase()));
    expect([ask("a"), ask("none"), ask("a"), ask("none")]).toEqual(["A", null, "A", null]);
    expect(computed).toBe(2);
  });

  it("forgets everything once it holds its limit, and computes again", () => {
    const memo = new BoundedMemo<number, number>(3);
    let computed = 0;
    const ask = (key: number) => memo.get(key, () => ((computed += 1), key * 2));
    [1, 2, 3].forEach(ask);
    expect(ask(4)).toBe(8);
    expect(computed).toBe(4);
    expect(ask(1)).toBe(2);
    expect(computed).toBe(5);
    expect(ask(4)).toBe(8);
    expect(computed).toBe(5);
  });
});
