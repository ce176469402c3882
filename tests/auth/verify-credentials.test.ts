import { describe, expect, it } from "vitest";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { makeUser, TEST_PASSWORD } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 22, 9, minutes));

describe("verifyCredentials (sign-in and lockout)", () => {
  it("signs in with the right password, case-insensitively on email, and records the time", async () => {
    const user = await makeUser(db(), { email: "mixed@test.disburse.test" });
    const result = await verifyCredentials(db(), { email: "  MIXED@test.disburse.test ", password: TEST_PASSWORD }, at(0));
    expect(result).toEqual({ ok: true, user: { id: user.id, email: user.email, name: user.name, role: "CASEWORKER" } });
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).toEqual(at(0));
  });

  it("locks a known email after five failures in a row, refuses the right password while locked, and audits the lock", async () => {
    const user = await makeUser(db());
    const reasons = [];
    for (let i = 0; i < 5; i++) {
      const r = await verifyCredentials(db(), { email: user.email, password: "wrong" }, at(1));
      reasons.push(r.ok ? "OK" : r.reason);
    }
    expect(reasons).toEqual(["INVALID", "INVALID", "INVALID", "INVALID", "LOCKED"]);
    expect(await verifyCredentials(db(), { email: user.email, password: TEST_PASSWORD }, at(10))).toEqual({
      ok: false,
      reason: "LOCKED",
    });
    const audit = await db().auditLog.findMany({ where: { action: "user.locked", entityId: user.id } });
    expect(audit).toHaveLength(1);
    // 15 minutes after the lock, the right password works again and the count resets.
    expect((await verifyCredentials(db(), { email: user.email, password: TEST_PASSWORD }, at(16))).ok).toBe(true);
    expect(await db().signInThrottle.findUnique({ where: { email: user.email } })).toBeNull();
  });

  it("locks unknown emails the same way, so lockout does not reveal which emails exist", async () => {
    const email = "nobody@test.disburse.test";
    const reasons = [];
    for (let i = 0; i < 6; i++) {
      const r = await verifyCredentials(db(), { email, password: "wrong" }, at(2));
      reasons.push(r.ok ? "OK" : r.reason);
    }
    expect(reasons).toEqual(["INVALID", "INVALID", "INVALID", "INVALID", "LOCKED", "LOCKED"]);
  });

  it("a success resets the count of failures", async () => {
    const user = await makeUser(db());
    for (let i = 0; i < 4; i++) await verifyCredentials(db(), { email: user.email, password: "wrong" }, at(3));
    expect((await verifyCredentials(db(), { email: user.email, password: TEST_PASSWORD }, at(3))).ok).toBe(true);
    for (let i = 0; i < 4; i++) {
      expect(await verifyCredentials(db(), { email: user.email, password: "wrong" }, at(4))).toEqual({
        ok: false,
        reason: "INVALID",
      });
    }
  });

  it("refuses a disabled user with the same answer as a wrong password", async () => {
    const user = await makeUser(db(), { disabled: true });
    expect(await verifyCredentials(db(), { email: user.email, password: TEST_PASSWORD }, at(5))).toEqual({
      ok: false,
      reason: "INVALID",
    });
  });
});
