import { describe, expect, it } from "vitest";
import { parsePage } from "./page-param";

describe("parsePage", () => {
  it.each([
    [null, 1],
    ["1", 1],
    ["42", 42],
    ["9999999", 9999999],
    ["0", null],
    ["-1", null],
    ["01", null],
    ["1.5", null],
    ["zero", null],
    ["10000000", null],
  ])("%j is %j", (text, expected) => {
    expect(parsePage(text)).toBe(expected);
  });
});
