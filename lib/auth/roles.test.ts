import { describe, expect, it } from "vitest";
import { hasRole, roleOf, type Role } from "./roles";

describe("roles", () => {
  it.each([
    ["owner", "reader", true],
    ["reader", "contributor", false],
    ["contributor", "contributor", true],
    ["contributor", "owner", false],
  ] as [Role, Role, boolean][])("%s has at least %s: %s", (role, least, expected) => {
    expect(hasRole(role, least)).toBe(expected);
  });

  it.each([["admin"], [""], [null], [undefined]])("treats unknown role %j as Reader", (value) => {
    expect(roleOf(value)).toBe("reader");
  });
});
