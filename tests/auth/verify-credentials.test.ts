import { describe, expect, it } from "vitest";
import { SIGN_IN_FAILURES_PER_IP } from "@/lib/auth/rate-limits";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { poolOf } from "@/lib/db/create-db";
import { makeUser, TEST_PASSWORD } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 22, 9, minutes));

describe("verifyCredentials (sign-in and lockout)", () => {
  it("signs in with the right password, case-insensitively on email, and records the time", async () => {
    const user = await makeUser(db(), { email: "mixed@test.disburse.test" });
    const result = await verifyCredentials(db(), { email: "  MIXED@test.disburse.test ", password: TEST_PASSWORD }, at(0));
    expect(result).toEqual({
      ok: true,
      user: { id: user.id, email: user.email, name: user.name, role: "CASEWORKER", sessionVersion: 0 },
    });
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

  it("numbers attempts sent at once: of 15 wrong passwords in one burst only five are checked, and the right one after them is refused", async () => {
    const user = await makeUser(db());
    const burst = await Promise.all(
      Array.from({ length: 15 }, () => verifyCredentials(db(), { email: user.email, password: "wrong" }, at(20))),
    );
    const reasons = burst.map((r) => (r.ok ? "OK" : r.reason));
    expect(reasons.filter((r) => r === "INVALID")).toHaveLength(4);
    expect(reasons.filter((r) => r === "LOCKED")).toHaveLength(11);
    expect(await verifyCredentials(db(), { email: user.email, password: TEST_PASSWORD }, at(21))).toEqual({
      ok: false,
      reason: "LOCKED",
    });
    expect(await db().auditLog.count({ where: { action: "user.locked", entityId: user.id } })).toBe(1);
  });

  it("a burst of 15 wrong passwords with the right one among them checks at most five of them", async () => {
    const user = await makeUser(db());
    const passwords = Array.from({ length: 16 }, (_, i) => (i === 15 ? TEST_PASSWORD : `wrong-${i}`));
    const results = await Promise.all(
      passwords.map((password) => verifyCredentials(db(), { email: user.email, password }, at(22))),
    );
    // Only attempts numbered 1 to 5 reach the password check; the right one signs in only if it was one of them.
    const checked = results.filter((r) => r.ok || r.reason === "INVALID").length;
    expect(checked).toBeLessThanOrEqual(5);
  });

  it("slows a burst across many emails from one address, and a success gives its point back", async () => {
    const from = { pool: poolOf(db()), ip: "198.51.100.23" };
    const user = await makeUser(db());
    expect((await verifyCredentials(db(), { email: user.email, password: TEST_PASSWORD }, at(30), from)).ok).toBe(true);
    const reasons = [];
    for (let i = 0; i < SIGN_IN_FAILURES_PER_IP + 1; i++) {
      const r = await verifyCredentials(db(), { email: `spray-${i}@test.disburse.test`, password: "x" }, at(30), from);
      reasons.push(r.ok ? "OK" : r.reason);
    }
    expect(reasons.slice(0, SIGN_IN_FAILURES_PER_IP).every((r) => r === "INVALID")).toBe(true);
    expect(reasons[SIGN_IN_FAILURES_PER_IP]).toBe("RATE_LIMITED");
    // Another address is not slowed.
    const other = { pool: from.pool, ip: "198.51.100.24" };
    expect((await verifyCredentials(db(), { email: user.email, password: TEST_PASSWORD }, at(30), other)).ok).toBe(true);
  });

  it("refuses an expired one-time password even when it is right", async () => {
    const user = await makeUser(db());
    await db().user.update({ where: { id: user.id }, data: { mustChangePassword: true, passwordExpiresAt: at(40) } });
    expect((await verifyCredentials(db(), { email: user.email, password: TEST_PASSWORD }, at(39))).ok).toBe(true);
    expect(await verifyCredentials(db(), { email: user.email, password: TEST_PASSWORD }, at(40))).toEqual({
      ok: false,
      reason: "EXPIRED",
    });
  });
});
