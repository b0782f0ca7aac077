import { describe, expect, it } from "vitest";
import { nestsDeeperThan } from "./json-depth";

describe("nestsDeeperThan", () => {
  it.each([
    { rule: "a scalar has no depth", text: "1", max: 0, deeper: false },
    { rule: "an object is one level", text: '{"a":1}', max: 1, deeper: false },
    { rule: "two levels past a limit of one", text: '{"a":[1]}', max: 1, deeper: true },
    { rule: "siblings do not add up", text: "[[1],[2],[3]]", max: 2, deeper: false },
    { rule: "brackets inside strings do not count", text: '{"a":"[[[[{{{{"}', max: 1, deeper: false },
    { rule: "an escaped quote does not end the string", text: '{"a":"\\"[[[["}', max: 1, deeper: false },
    { rule: "an escaped backslash does end it", text: '{"a":"\\\\",  "b":[[1]]}', max: 2, deeper: true },
  ])("$rule", ({ text, max, deeper }) => {
    JSON.parse(text); // every case is valid JSON, which is all the function is given
    expect(nestsDeeperThan(text, max)).toBe(deeper);
  });

  it("answers for 500,000 levels at once, without recursion", () => {
    const text = `${"[".repeat(500_000)}${"]".repeat(500_000)}`;
    const started = performance.now();
    expect(nestsDeeperThan(text, 32)).toBe(true);
    expect(nestsDeeperThan(`[${"1,".repeat(500_000)}1]`, 32)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
