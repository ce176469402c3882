import { describe, expect, it } from "vitest";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { activateAccount } from "@/lib/users/activation/activate-account";
import type { ActivationDelivery } from "@/lib/users/activation/activation-delivery";
import { changeOwnPassword } from "@/lib/users/change-own-password";
import { changeUserRole } from "@/lib/users/change-user-role";
import { createBootstrapAdmin } from "@/lib/users/create-bootstrap-admin";
import { createUser } from "@/lib/users/create-user";
import { resetUserPassword } from "@/lib/users/reset-user-password";
import { decideRoleGrant } from "@/lib/users/role-grants/decide-role-grant";
import { setUserDisabled } from "@/lib/users/set-user-disabled";
import { unlockUser } from "@/lib/users/unlock-user";
import { makeUser, TEST_PASSWORD } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();
const now = new Date("2026-11-22T10:00:00Z");
const demo: ActivationDelivery = { kind: "demo" };
const baseUrl = "http://127.0.0.1:3000";
const tokenOf = (link: string | undefined) => link!.split("/activate/")[1];

async function adminActor() {
  const admin = await makeUser(db(), { role: "ADMIN" });
  return { id: admin.id, email: admin.email };
}

describe("user administration", () => {
  it("creates a user waiting for approval, audited without the hash; approved, they set a password and sign in", async () => {
    const actor = await adminActor();
    const second = await adminActor();
    const { userId, grantId } = await createUser({
      db: db(),
      actor,
      email: "new.user@test.disburse.test",
      name: "New User",
      role: "ACCOUNTANT",
      delivery: demo,
      now,
    });
    const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
    expect(user).toMatchObject({ role: "ACCOUNTANT", awaitingApproval: true, mustChangePassword: false });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);

    const [entry] = await db().auditLog.findMany({ where: { entityId: userId, action: "user.created" } });
    expect(entry).toMatchObject({ actorId: actor.id, actorLabel: actor.email, entityType: "User" });
    expect(JSON.stringify(entry.after)).not.toContain("argon2");
    expect(entry.after).toMatchObject({ email: "new.user@test.disburse.test", role: "ACCOUNTANT", awaitingApproval: true });

    const { demoLink } = await decideRoleGrant({
      db: db(),
      actor: second,
      grantId,
      decision: "APPROVE",
      now,
      delivery: demo,
      baseUrl,
    });
    await activateAccount({ db: db(), token: tokenOf(demoLink), newPassword: "New-user-chooses-1", now });
    expect((await verifyCredentials(db(), { email: user.email, password: "New-user-chooses-1" }, now)).ok).toBe(true);
  });

  it("refuses a second user with the same email and changes nothing", async () => {
    const actor = await adminActor();
    const existing = await makeUser(db());
    const before = await db().user.count();
    await expect(
      createUser({ db: db(), actor, email: existing.email, name: "Dup", role: "ADMIN", delivery: demo }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db().user.count()).toBe(before);
    expect(await db().roleGrant.count({ where: { proposedById: actor.id } })).toBe(0);
  });

  it("proposes a role change, never the admin's own; the role changes when a second admin approves", async () => {
    const actor = await adminActor();
    const second = await adminActor();
    const user = await makeUser(db());
    const { grantId } = await changeUserRole({ db: db(), actor, userId: user.id, role: "SSCL_FINANCE" });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("CASEWORKER");
    await decideRoleGrant({ db: db(), actor: second, grantId, decision: "APPROVE", now, delivery: demo, baseUrl });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe("SSCL_FINANCE");
    const [entry] = await db().auditLog.findMany({ where: { entityId: user.id, action: "role-grant.approved" } });
    expect(entry).toMatchObject({ actorId: second.id, before: { role: "CASEWORKER" }, after: { role: "SSCL_FINANCE" } });

    await expect(changeUserRole({ db: db(), actor, userId: actor.id, role: "CASEWORKER" })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    await expect(changeUserRole({ db: db(), actor, userId: user.id, role: "SSCL_FINANCE" })).rejects.toMatchObject({
      code: "VALIDATION",
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

  it("a reset stops the old password and gives the admin none; the user sets their own with the link", async () => {
    const actor = await adminActor();
    const user = await makeUser(db());
    const result = await resetUserPassword({ db: db(), actor, userId: user.id, delivery: demo, baseUrl, now });
    expect(Object.keys(result).sort()).toEqual(["demoLink", "email"]);
    expect((await verifyCredentials(db(), { email: user.email, password: TEST_PASSWORD }, now)).ok).toBe(false);
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).mustChangePassword).toBe(false);

    await activateAccount({ db: db(), token: tokenOf(result.demoLink), newPassword: "A-brand-new-password", now });
    expect((await verifyCredentials(db(), { email: user.email, password: "A-brand-new-password" }, now)).ok).toBe(true);
    const self = { id: user.id, email: user.email };
    await changeOwnPassword({
      db: db(),
      actor: self,
      currentPassword: "A-brand-new-password",
      newPassword: "Another-new-password",
    });
    expect((await verifyCredentials(db(), { email: user.email, password: "Another-new-password" }, now)).ok).toBe(true);
  });
});

describe("the bootstrap admin (npm run create-admin)", () => {
  it("is approved at once with a one-time password that must be changed at first sign-in", async () => {
    const { userId, oneTimePassword } = await createBootstrapAdmin({
      db: db(),
      email: "first.admin@test.disburse.test",
      name: "First",
      now,
    });
    const user = await db().user.findUniqueOrThrow({ where: { id: userId } });
    expect(user).toMatchObject({ role: "ADMIN", awaitingApproval: false, mustChangePassword: true });
    expect((await verifyCredentials(db(), { email: user.email, password: oneTimePassword }, now)).ok).toBe(true);
    expect(await db().auditLog.count({ where: { entityId: userId, action: "user.created", actorLabel: "create-admin" } })).toBe(
      1,
    );
  });
});

describe("system accounts", () => {
  it("refuses to create, reset, enable or re-role an account at the system domain, and changes nothing", async () => {
    const actor = await adminActor();
    await expect(
      createUser({ db: db(), actor, email: "someone@system.disburse.invalid", name: "Fake", role: "ADMIN", delivery: demo }),
    ).rejects.toMatchObject({ code: "VALIDATION" });

    const system = await makeUser(db(), { email: "payout-inbox@system.disburse.invalid" });
    const before = await db().user.findUniqueOrThrow({ where: { id: system.id } });
    await expect(resetUserPassword({ db: db(), actor, userId: system.id, delivery: demo, baseUrl })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    await expect(changeUserRole({ db: db(), actor, userId: system.id, role: "ADMIN" })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    await expect(setUserDisabled({ db: db(), actor, userId: system.id, disabled: false, now })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    expect(await db().user.findUniqueOrThrow({ where: { id: system.id } })).toEqual(before);
    expect(await db().auditLog.count({ where: { entityId: system.id } })).toBe(0);
    expect(await db().userActivation.count({ where: { userId: system.id } })).toBe(0);
  });
});
