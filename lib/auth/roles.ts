// Azure RBAC's three built-in roles, in order of what they may do. Owner ⊃ Contributor ⊃ Reader.

export const ROLES = ["reader", "contributor", "owner"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = { reader: "Reader", contributor: "Contributor", owner: "Owner" };

export const isRole = (value: unknown): value is Role => ROLES.includes(value as Role);

/** Unknown role text (a hand-edited row) counts as Reader: the least it could be. */
export const roleOf = (value: unknown): Role => (isRole(value) ? value : "reader");

export const hasRole = (role: Role, least: Role) => ROLES.indexOf(role) >= ROLES.indexOf(least);
