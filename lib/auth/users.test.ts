import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase } from "../testing/temporary-database";

// Against a real SQLite database with the real migrations: the "one Owner at least" and
// "first Owner once" rules are single SQL statements, so they are tested where they run.
const database = temporaryDatabase("users");

type Users = typeof import("./users");
let users: Users;
let db: typeof import("../db").db;

beforeAll(async () => {
  db = await database.open();
  users = await import("./users");
}, 60_000);

afterAll(async () => {
  await database.close();
});

describe("users", () => {
  it("makes the first Owner once, even when two ask at the same moment", async () => {
    const attempts = await Promise.all(
      ["first@example.test", "second@example.test"].map((email) => users.createFirstOwner({ name: email, email, password: "a-long-password-1" })),
    );
    expect(attempts.filter(Boolean)).toHaveLength(1);
    expect(await db.user.count()).toBe(1);
    const owner = attempts.find(Boolean)!;
    expect(owner.role).toBe("owner");
    const account = await db.account.findFirstOrThrow({ where: { userId: owner.id } });
    expect(account).toMatchObject({ providerId: "credential", accountId: owner.id });
    expect(account.password).toMatch(/^[0-9a-f]+:[0-9a-f]+$/); // scrypt salt:hash, never the password
    expect(await users.createFirstOwner({ name: "late", email: "late@example.test", password: "a-long-password-1" })).toBeNull();
  });

  it("never demotes or deletes the last Owner, but does once another Owner exists", async () => {
    const [owner] = await db.user.findMany({ where: { role: "owner" } });
    expect(await users.changeRoleKeepingAnOwner(owner.id, "reader")).toBe(false);
    expect(await users.deleteUserKeepingAnOwner(owner.id)).toBe(false);
    expect((await db.user.findUniqueOrThrow({ where: { id: owner.id } })).role).toBe("owner");

    const other = await users.createUser({ name: "Other", email: "other@example.test", password: "a-long-password-2", role: "reader" });
    expect(await users.changeRoleKeepingAnOwner(other.id, "owner")).toBe(true);
    expect(await users.changeRoleKeepingAnOwner(owner.id, "contributor")).toBe(true);
    expect(await users.deleteUserKeepingAnOwner(other.id)).toBe(false);
    expect(await users.deleteUserKeepingAnOwner(owner.id)).toBe(true);
    expect(await db.account.count({ where: { userId: owner.id } })).toBe(0);
  });
});
