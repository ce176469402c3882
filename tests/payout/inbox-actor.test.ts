// The "Payout inbox" system actor (lib/payout/inbox/inbox-actor.ts): one User row, made on first
// use, that sign-in refuses whatever password is tried; an admin who gave it a password and enabled
// it (by mistake) is undone by the next run, audited.
import { describe, expect, it } from "vitest";
import { hashPassword } from "@/lib/auth/password";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { ensureInboxActor, PAYOUT_INBOX_EMAIL } from "@/lib/payout/inbox/inbox-actor";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();
const NOW = new Date("2026-11-28T12:00:00.000Z");
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describe("the Payout inbox actor", () => {
  it("is made once, disabled, with no usable password; sign-in refuses it whatever is tried", async () => {
    const first = await ensureInboxActor(db(), NOW);
    const again = await ensureInboxActor(db(), later(15));
    expect(again).toEqual(first);
    expect(first.email).toBe(PAYOUT_INBOX_EMAIL);
    expect(await db().user.count({ where: { email: PAYOUT_INBOX_EMAIL } })).toBe(1);
    expect(await db().user.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({
      name: "Payout inbox",
      role: "ACCOUNTANT",
      passwordHash: "!",
      mustChangePassword: false,
      disabledAt: NOW,
    });
    expect(await db().auditLog.count({ where: { action: "user.system-restored" } })).toBe(0);

    for (const [i, password] of ["!", "", "Payout inbox", PAYOUT_INBOX_EMAIL].entries()) {
      expect(await verifyCredentials(db(), { email: PAYOUT_INBOX_EMAIL, password }, later(i))).toEqual({
        ok: false,
        reason: "INVALID",
      });
    }
    expect((await db().user.findUniqueOrThrow({ where: { id: first.id } })).lastSignInAt).toBeNull();
  });

  it("a password and an enabled account given by mistake are taken back by the next run, with an audit row", async () => {
    const actor = await ensureInboxActor(db(), NOW);
    const password = "A-real-password-123";
    await db().user.update({
      where: { id: actor.id },
      data: { passwordHash: await hashPassword(password), disabledAt: null, role: "ADMIN", mustChangePassword: true },
    });
    await db().signInThrottle.deleteMany({ where: { email: PAYOUT_INBOX_EMAIL } });

    expect(await ensureInboxActor(db(), later(30))).toEqual(actor);

    expect(await db().user.findUniqueOrThrow({ where: { id: actor.id } })).toMatchObject({
      role: "ACCOUNTANT",
      passwordHash: "!",
      mustChangePassword: false,
      disabledAt: later(30),
    });
    expect(await verifyCredentials(db(), { email: PAYOUT_INBOX_EMAIL, password }, later(31))).toEqual({
      ok: false,
      reason: "INVALID",
    });
    expect(await db().auditLog.findFirstOrThrow({ where: { action: "user.system-restored" } })).toMatchObject({
      actorId: null,
      actorLabel: "payout-inbox",
      entityType: "User",
      entityId: actor.id,
    });
  });

  it("disabled alone is enough: with a valid password hash but disabled, sign-in still refuses it", async () => {
    const actor = await ensureInboxActor(db(), NOW);
    const password = "Another-password-456";
    await db().user.update({ where: { id: actor.id }, data: { passwordHash: await hashPassword(password) } });
    await db().signInThrottle.deleteMany({ where: { email: PAYOUT_INBOX_EMAIL } });

    expect(await verifyCredentials(db(), { email: PAYOUT_INBOX_EMAIL, password }, later(40))).toEqual({
      ok: false,
      reason: "INVALID",
    });
  });
});
