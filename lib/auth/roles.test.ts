import { describe, expect, it } from "vitest";
import { can, hasRole, roleOf, type Role } from "./roles";

describe("roles", () => {
  it.each([
    ["reader", { manage: false, revealSecrets: false, administer: false }],
    ["contributor", { manage: true, revealSecrets: true, administer: false }],
    ["owner", { manage: true, revealSecrets: true, administer: true }],
  ] as const)("%s may do exactly what Azure RBAC's role may", (role, expected) => {
    expect({ manage: can.manage(role), revealSecrets: can.revealSecrets(role), administer: can.administer(role) }).toEqual(expected);
  });

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
