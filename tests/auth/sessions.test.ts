import { describe, expect, it } from "vitest";
import { endUserSessions, loadSessionUser, startSession } from "@/lib/auth/sessions/session-store";
import { changeUserRole } from "@/lib/users/change-user-role";
import { changeOwnPassword } from "@/lib/users/change-own-password";
import { resetUserPassword } from "@/lib/users/reset-user-password";
import { decideRoleGrant } from "@/lib/users/role-grants/decide-role-grant";
import { setUserDisabled } from "@/lib/users/set-user-disabled";
import { makeUser, TEST_PASSWORD } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();
const signIn = new Date(Date.UTC(2026, 10, 28, 9, 0));
const at = (minutes: number) => new Date(signIn.getTime() + minutes * 60_000);

async function signedIn(role: "CASEWORKER" | "ADMIN" = "CASEWORKER") {
  const user = await makeUser(db(), { role });
  const sessionId = await startSession(db(), user.id, user.sessionVersion, signIn);
  return { user, sessionId };
}

const stands = async (sessionId: string, minutes: number) =>
  (await loadSessionUser(db(), sessionId, at(minutes), 30)).user !== undefined;

describe("sessions that end", () => {
  it("a signed-out session is refused, and so is every other session of the user", async () => {
    const { user, sessionId } = await signedIn();
    const other = await startSession(db(), user.id, user.sessionVersion, signIn);
    expect(await stands(sessionId, 1)).toBe(true);
    await db().$transaction((tx) => endUserSessions(tx, user.id, at(2)));
    expect(await loadSessionUser(db(), sessionId, at(3), 30)).toEqual({ ended: "SIGNED_OUT" });
    expect(await stands(other, 3)).toBe(false);
  });

  it("lasts 8 hours from sign-in however busy, and ends after 30 idle minutes", async () => {
    const { sessionId } = await signedIn();
    for (let minute = 20; minute < 480; minute += 20) expect(await stands(sessionId, minute)).toBe(true);
    expect(await loadSessionUser(db(), sessionId, at(480), 30)).toEqual({ ended: "EXPIRED" });
    const idle = await signedIn();
    expect(await stands(idle.sessionId, 29)).toBe(true);
    expect(await loadSessionUser(db(), idle.sessionId, at(59), 30)).toEqual({ ended: "IDLE" });
  });

  it("a password reset, a role change or disabling the account ends the user's sessions", async () => {
    const admin = await makeUser(db(), { role: "ADMIN" });
    const actor = { id: admin.id, email: admin.email };
    // A role change takes effect (and ends sessions) when a second admin approves it.
    const second = await makeUser(db(), { role: "ADMIN" });
    const approver = { id: second.id, email: second.email };
    const link = { delivery: { kind: "demo" as const }, baseUrl: "http://127.0.0.1:3000" };
    for (const change of [
      (userId: string) => resetUserPassword({ db: db(), actor, userId, ...link }),
      async (userId: string) => {
        const { grantId } = await changeUserRole({ db: db(), actor, userId, role: "SSCL_FINANCE" });
        await decideRoleGrant({ db: db(), actor: approver, grantId, decision: "APPROVE", now: new Date(), ...link });
      },
      (userId: string) => setUserDisabled({ db: db(), actor, userId, disabled: true, now: new Date() }),
    ]) {
      const { user, sessionId } = await signedIn();
      await change(user.id);
      expect(await stands(sessionId, 1)).toBe(false);
    }
  });

  it("changing your own password ends your other sessions and keeps the one you used", async () => {
    const { user, sessionId } = await signedIn();
    const elsewhere = await startSession(db(), user.id, user.sessionVersion, signIn);
    await changeOwnPassword({
      db: db(),
      actor: { id: user.id, email: user.email, sessionId },
      currentPassword: TEST_PASSWORD,
      newPassword: "A-new-password-for-2026",
    });
    expect(await stands(sessionId, 1)).toBe(true);
    expect(await stands(elsewhere, 1)).toBe(false);
  });

  it("throttles wrong current passwords on 'Change your password'", async () => {
    const { user, sessionId } = await signedIn();
    const attempt = () =>
      changeOwnPassword({
        db: db(),
        actor: { id: user.id, email: user.email, sessionId },
        currentPassword: "not-it",
        newPassword: "A-new-password-for-2026",
      }).then(
        () => "OK",
        (error: Error) => error.message,
      );
    const answers = await Promise.all(Array.from({ length: 8 }, attempt));
    expect(answers.filter((a) => a === "Your current password is not correct")).toHaveLength(5);
    expect(answers.filter((a) => a.startsWith("Too many attempts to change your password"))).toHaveLength(3);
    // Even the right password now waits.
    const right = await changeOwnPassword({
      db: db(),
      actor: { id: user.id, email: user.email, sessionId },
      currentPassword: TEST_PASSWORD,
      newPassword: "A-new-password-for-2026",
    }).then(
      () => "OK",
      (error: Error) => error.message,
    );
    expect(right).toMatch(/^Too many attempts/);
  });
});
