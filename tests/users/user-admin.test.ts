import { describe, expect, it } from "vitest";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { changeOwnPassword } from "@/lib/users/change-own-password";
import { changeUserRole } from "@/lib/users/change-user-role";
import { createUser } from "@/lib/users/create-user";
import { resetUserPassword } from "@/lib/users/reset-user-password";
import { setUserDisabled } from "@/lib/users/set-user-disabled";
import { unlockUser } from "@/lib/users/unlock-user";
import { makeUser, TEST_PASSWORD } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();
const now = new Date("2026-11-22T10:00:00Z");

async function adminActor() {
  const admin = await makeUser(db(), { role: "ADMIN" });
  return { id: admin.id, email: admin.email };
}

describe("user administration", () => {
  it("creates a user with a one-time password that must be changed, audited without the hash", async () => {
    const actor = await adminActor();
    const { userId, oneTimePassword } = await createUser({
      db: db(),
      actor,
      email: "new.user@test.disburse.test",
      name: "New User",
      role: "ACCOUNTANT",
    });
    const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
    expect(user).toMatchObject({ role: "ACCOUNTANT", mustChangePassword: true });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await verifyCredentials(db(), { email: user.email, password: oneTimePassword }, now)).ok).toBe(true);

    const [entry] = await db().auditLog.findMany({ where: { entityId: userId, action: "user.created" } });
    expect(entry).toMatchObject({ actorId: actor.id, actorLabel: actor.email, entityType: "User" });
    expect(JSON.stringify(entry.after)).not.toContain("argon2");
    expect(entry.after).toMatchObject({ email: "new.user@test.disburse.test", role: "ACCOUNTANT" });
  });

  it("refuses a second user with the same email and changes nothing", async () => {
    const actor = await adminActor();
    const existing = await makeUser(db());
    const before = await db().user.count();
    await expect(createUser({ db: db(), actor, email: existing.email, name: "Dup", role: "ADMIN" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    expect(await db().user.count()).toBe(before);
  });

  it("changes a role with before and after in the audit log, but never the admin's own", async () => {
    const actor = await adminActor();
    const user = await makeUser(db());
    await changeUserRole({ db: db(), actor, userId: user.id, role: "SSCL_FINANCE" });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("SSCL_FINANCE");
    const [entry] = await db().auditLog.findMany({ where: { entityId: user.id, action: "user.role-changed" } });
    expect(entry.before).toMatchObject({ role: "CASEWORKER" });
    expect(entry.after).toMatchObject({ role: "SSCL_FINANCE" });
    await expect(changeUserRole({ db: db(), actor, userId: actor.id, role: "CASEWORKER" })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    expect((await db().user.findUniqueOrThrow({ where: { id: actor.id } })).role).toBe("ADMIN");
  });

  it("disables a user so they cannot sign in, and enables them again", async () => {
    const actor = await adminActor();
    const user = await makeUser(db());
    await setUserDisabled({ db: db(), actor, userId: user.id, disabled: true, now });
    expect((await verifyCredentials(db(), { email: user.email, password: TEST_PASSWORD }, now)).ok).toBe(false);
    await setUserDisabled({ db: db(), actor, userId: user.id, disabled: false, now });
    expect((await verifyCredentials(db(), { email: user.email, password: TEST_PASSWORD }, now)).ok).toBe(true);
  });

  it("unlocks a locked user", async () => {
    const actor = await adminActor();
    const user = await makeUser(db());
    for (let i = 0; i < 5; i++) await verifyCredentials(db(), { email: user.email, password: "wrong" }, now);
    expect(await verifyCredentials(db(), { email: user.email, password: TEST_PASSWORD }, now)).toEqual({
      ok: false,
      reason: "LOCKED",
    });
    await unlockUser({ db: db(), actor, userId: user.id });
    expect((await verifyCredentials(db(), { email: user.email, password: TEST_PASSWORD }, now)).ok).toBe(true);
    expect(await db().auditLog.count({ where: { entityId: user.id, action: "user.unlocked" } })).toBe(1);
  });

  it("resets a password to a one-time password; the old one stops working; the user then chooses their own", async () => {
    const actor = await adminActor();
    const user = await makeUser(db());
    const { oneTimePassword } = await resetUserPassword({ db: db(), actor, userId: user.id });
    expect((await verifyCredentials(db(), { email: user.email, password: TEST_PASSWORD }, now)).ok).toBe(false);
    expect((await verifyCredentials(db(), { email: user.email, password: oneTimePassword }, now)).ok).toBe(true);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).mustChangePassword).toBe(true);

    const self = { id: user.id, email: user.email };
    await expect(
      changeOwnPassword({ db: db(), actor: self, currentPassword: "not-it", newPassword: "A-brand-new-password" }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await changeOwnPassword({ db: db(), actor: self, currentPassword: oneTimePassword, newPassword: "A-brand-new-password" });
    const after = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.mustChangePassword).toBe(false);
    expect((await verifyCredentials(db(), { email: user.email, password: "A-brand-new-password" }, now)).ok).toBe(true);
  });
});

describe("system accounts", () => {
  it("refuses to create, reset, enable or re-role an account at the system domain, and changes nothing", async () => {
    const actor = await adminActor();
    await expect(
      createUser({ db: db(), actor, email: "someone@system.disburse.invalid", name: "Fake", role: "ADMIN" }),
    ).rejects.toMatchObject({ code: "VALIDATION" });

    const system = await makeUser(db(), { email: "payout-inbox@system.disburse.invalid" });
    const before = await db().user.findUniqueOrThrow({ where: { id: system.id } });
    await expect(resetUserPassword({ db: db(), actor, userId: system.id })).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(changeUserRole({ db: db(), actor, userId: system.id, role: "ADMIN" })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    await expect(setUserDisabled({ db: db(), actor, userId: system.id, disabled: false, now })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    expect(await db().user.findUniqueOrThrow({ where: { id: system.id } })).toEqual(before);
    expect(await db().auditLog.count({ where: { entityId: system.id } })).toBe(0);
  });
});
