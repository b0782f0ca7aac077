import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { temporaryDatabase, type DatabaseKind } from "../testing/temporary-database";

/**
 * The users' tests, run on each database by users.<kind>.test.ts, against a real database with
 * the real migrations: the "one Owner at least" and "first Owner once" rules are SQL, so they
 * are tested where they run.
 */
export const describeUsers = (kind: DatabaseKind) => {
  const database = temporaryDatabase("users", kind);

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

  const password = "a-long-password-1";

  describe("users", () => {
    it("makes the first Owner once, even when several ask at the same moment", async () => {
      // Six, not two: two scrypt hashes seldom finish together, and their inserts then never overlap.
      const emails = Array.from({ length: 6 }, (_, index) => `first${index}@example.test`);
      const attempts = await Promise.all(emails.map((email) => users.createFirstOwner({ name: email, email, password })));
      expect(attempts.filter(Boolean)).toHaveLength(1);
      expect(await db.user.count()).toBe(1);
      const owner = attempts.find(Boolean)!;
      expect(owner.role).toBe("owner");
      const account = await db.account.findFirstOrThrow({ where: { userId: owner.id } });
      expect(account).toMatchObject({ providerId: "credential", accountId: owner.id });
      expect(account.password).toMatch(/^[0-9a-f]+:[0-9a-f]+$/); // scrypt salt:hash, never the password
      expect(await users.createFirstOwner({ name: "late", email: "late@example.test", password })).toBeNull();
    });

    it("stores the first Owner's timestamps as the time it was made", async () => {
      const [owner] = await db.user.findMany({ where: { role: "owner" } });
      expect(Math.abs(owner.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
      expect(owner.updatedAt.getTime()).toBe(owner.createdAt.getTime());
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

    it("keeps an Owner when two Owners demote or delete each other at the same moment", async () => {
      for (let round = 0; round < 5; round += 1) {
        // Straight through Prisma: no password, so no scrypt hashing to wait for.
        const [a, b] = await Promise.all(
          ["a", "b"].map((name) => db.user.create({ data: { id: `${name}-${round}`, name, email: `${name}${round}@example.test`, role: "owner" } })),
        );
        // Every other Owner goes first, so a and b are the last two.
        await db.user.updateMany({ where: { role: "owner", id: { notIn: [a.id, b.id] } }, data: { role: "reader" } });
        const done = await Promise.all(
          round % 2 ? [users.changeRoleKeepingAnOwner(a.id, "reader"), users.changeRoleKeepingAnOwner(b.id, "reader")] : [users.deleteUserKeepingAnOwner(a.id), users.deleteUserKeepingAnOwner(b.id)],
        );
        expect(done.filter(Boolean)).toHaveLength(1);
        expect(await db.user.count({ where: { role: "owner" } })).toBe(1);
      }
    });
  });
};
