import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { proposeBankDetailsChange } from "@/lib/bank-details/propose-bank-details-change";
import { decideBankDetailsChange } from "@/lib/bank-details/decide-bank-details-change";
import { decideClaim } from "@/lib/claims/decide-claim";
import { DEFAULT_APPROVAL_LIMITS } from "@/lib/claims/rules/second-approval";
import { rejectClaim } from "@/lib/claims/reject-claim";
import { requestInformation } from "@/lib/claims/request-information";
import { lineFieldName } from "@/lib/claims/rules/decide-lines";
import { decryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { cancelPayment } from "@/lib/claims/cancel-payment";
import { makeUser } from "../support/make-user";
import { formReader, makeClaim, VALID_BANK } from "../support/make-claim";
import { useTestDatabase } from "../support/test-db";
import { TEST_LOOKUP_KEY } from "../support/lookup-key";

const { db } = useTestDatabase();
const key = randomBytes(32);
const limits = DEFAULT_APPROVAL_LIMITS;
const now = new Date("2026-11-22T10:00:00Z");

async function caseworker() {
  const u = await makeUser(db(), { role: "CASEWORKER" });
  return { id: u.id, email: u.email, name: u.name };
}

function approveAll(lines: { id: string }[]) {
  return formReader(Object.fromEntries(lines.map((l) => [lineFieldName(l.id, "decision"), "APPROVE"])));
}

describe("deciding a claim", () => {
  it("approves, creating a NEW payment for the approved total with reference and UUID, a message and an audit record", async () => {
    const actor = await caseworker();
    const { claim } = await makeClaim(db(), key, { lines: [1240, 3000] });
    const result = await decideClaim({
      db: db(),
      key,
      limits,
      reference: claim.reference,
      expectedVersion: 0,
      read: approveAll(claim.expenses),
      actor,
    });
    expect(result).toMatchObject({
      outcome: "APPROVED",
      approvedTotalPence: 4240,
      payment: { reference: `${claim.reference}-01`, holdReason: null },
    });

    const after = await db().claim.findUniqueOrThrow({
      where: { id: claim.id },
      include: { payments: true, events: true, notifications: true },
    });
    expect(after.status).toBe("APPROVED");
    expect(after.version).toBe(1);
    expect(after.payments).toHaveLength(1);
    expect(after.payments[0]).toMatchObject({
      status: "NEW",
      method: "BANK",
      amountPence: 4240,
      reference: `${claim.reference}-01`,
    });
    expect(after.payments[0].id).toMatch(/^[0-9a-f-]{36}$/);
    expect(after.notifications).toMatchObject([
      { channel: "EMAIL", recipient: "ada@example.com", template: "CLAIM_APPROVED", status: "QUEUED" },
    ]);
    expect(after.events.map((e) => e.kind).sort()).toEqual(["claim.approved", "message.queued"]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { entityId: claim.id, action: "claim.approved" } });
    expect(audit.before).toMatchObject({ status: "NEW", version: 0 });
    expect(audit.after).toMatchObject({ status: "APPROVED", payment: { reference: `${claim.reference}-01`, amountPence: 4240 } });
  });

  it("approves a different amount and rejects a line; the payment is the approved total", async () => {
    const actor = await caseworker();
    const { claim } = await makeClaim(db(), key, { lines: [1240, 3000, 500] });
    const [a, b, c] = claim.expenses;
    const read = formReader({
      [lineFieldName(a.id, "decision")]: "APPROVE",
      [lineFieldName(b.id, "decision")]: "APPROVE_DIFFERENT",
      [lineFieldName(b.id, "amount")]: "25.50",
      [lineFieldName(b.id, "note")]: "Off-peak fare",
      [lineFieldName(c.id, "decision")]: "REJECT",
      [lineFieldName(c.id, "reason")]: "NO_EVIDENCE",
    });
    const result = await decideClaim({ db: db(), key, limits, reference: claim.reference, expectedVersion: 0, read, actor });
    expect(result).toMatchObject({ outcome: "APPROVED", approvedTotalPence: 1240 + 2550 });
    const lines = await db().expenseLine.findMany({ where: { claimId: claim.id }, orderBy: { lineNo: "asc" } });
    expect(lines.map((l) => [l.decision, l.approvedPence, l.decisionNote])).toEqual([
      ["APPROVED", 1240, null],
      ["APPROVED_DIFFERENT_AMOUNT", 2550, "Off-peak fare"],
      ["REJECTED", null, "No receipts or evidence"],
    ]);
  });

  it("refuses a bad decision with field errors and changes nothing", async () => {
    const actor = await caseworker();
    const { claim } = await makeClaim(db(), key, { lines: [1240, 3000] });
    const [a, b] = claim.expenses;
    const read = formReader({
      [lineFieldName(a.id, "decision")]: "APPROVE_DIFFERENT",
      [lineFieldName(a.id, "amount")]: "20.00",
      [lineFieldName(a.id, "note")]: "more than claimed",
      [lineFieldName(b.id, "decision")]: "REJECT",
      [lineFieldName(b.id, "reason")]: "DUPLICATE",
    });
    await expect(
      decideClaim({ db: db(), key, limits, reference: claim.reference, expectedVersion: 0, read, actor }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { [lineFieldName(a.id, "amount")]: [expect.stringContaining("£12.40")] },
    });
    const after = await db().claim.findUniqueOrThrow({ where: { id: claim.id }, include: { payments: true, expenses: true } });
    expect(after).toMatchObject({ status: "NEW", version: 0, payments: [] });
    expect(after.expenses.every((l) => l.decision === null)).toBe(true);
  });

  it("rejects when every line is rejected, each with its reason", async () => {
    const actor = await caseworker();
    const { claim } = await makeClaim(db(), key, { lines: [1240] });
    const line = claim.expenses[0];
    const noReason = formReader({ [lineFieldName(line.id, "decision")]: "REJECT" });
    await expect(
      decideClaim({ db: db(), key, limits, reference: claim.reference, expectedVersion: 0, read: noReason, actor }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { [lineFieldName(line.id, "reason")]: ["Line 1, Train: choose a reason for rejecting this line"] },
    });
    const withReason = formReader({
      [lineFieldName(line.id, "decision")]: "REJECT",
      [lineFieldName(line.id, "reason")]: "NO_EVIDENCE",
    });
    expect(
      await decideClaim({ db: db(), key, limits, reference: claim.reference, expectedVersion: 0, read: withReason, actor }),
    ).toEqual({
      outcome: "REJECTED",
      reason: "No receipts or evidence",
    });
    expect(await db().payment.count({ where: { claimId: claim.id } })).toBe(0);
    expect((await db().notification.findMany({ where: { claimId: claim.id } })).map((n) => n.template)).toEqual([
      "CLAIM_REJECTED",
    ]);
  });

  it("refuses a decision made on a stale page", async () => {
    const actor = await caseworker();
    const { claim } = await makeClaim(db(), key);
    await db().claim.update({ where: { id: claim.id }, data: { version: 3 } });
    await expect(
      decideClaim({
        db: db(),
        key,
        limits,
        reference: claim.reference,
        expectedVersion: 2,
        read: approveAll(claim.expenses),
        actor,
      }),
    ).rejects.toMatchObject({
      code: "STALE",
      message: expect.stringContaining("Reload the page"),
    });
    expect(await db().payment.count({ where: { claimId: claim.id } })).toBe(0);
  });

  it("makes one decision when the same form is submitted several times at once", async () => {
    const actor = await caseworker();
    const { claim } = await makeClaim(db(), key);
    const submit = () =>
      decideClaim({
        db: db(),
        key,
        limits,
        reference: claim.reference,
        expectedVersion: 0,
        read: approveAll(claim.expenses),
        actor,
      });
    const results = await Promise.allSettled([submit(), submit(), submit()]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual([
      "STALE",
      "STALE",
    ]);
    expect(await db().payment.count({ where: { claimId: claim.id } })).toBe(1);
    expect(await db().notification.count({ where: { claimId: claim.id } })).toBe(1);
  });

  it("does not let the caseworker who keyed the claim in decide it", async () => {
    const keyer = await caseworker();
    const { claim } = await makeClaim(db(), key, { keyedInById: keyer.id });
    await expect(
      decideClaim({
        db: db(),
        key,
        limits,
        reference: claim.reference,
        expectedVersion: 0,
        read: approveAll(claim.expenses),
        actor: keyer,
      }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      requestInformation({ db: db(), reference: claim.reference, expectedVersion: 0, kind: "GENERAL", note: "x", actor: keyer }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    const other = await caseworker();
    expect(
      (
        await decideClaim({
          db: db(),
          key,
          limits,
          reference: claim.reference,
          expectedVersion: 0,
          read: approveAll(claim.expenses),
          actor: other,
        })
      ).outcome,
    ).toBe("APPROVED");
  });

  it("refuses to approve a bank payment for a claimant without valid bank details", async () => {
    const actor = await caseworker();
    const { claim } = await makeClaim(db(), key, { bank: null });
    await expect(
      decideClaim({
        db: db(),
        key,
        limits,
        reference: claim.reference,
        expectedVersion: 0,
        read: approveAll(claim.expenses),
        actor,
      }),
    ).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: expect.stringContaining("no bank details"),
    });
    const bad = await makeClaim(db(), key, { bank: { ...VALID_BANK, accountNumber: "55779912" } });
    await expect(
      decideClaim({
        db: db(),
        key,
        limits,
        reference: bad.claim.reference,
        expectedVersion: 0,
        read: approveAll(bad.claim.expenses),
        actor,
      }),
    ).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: expect.stringContaining("modulus"),
    });
    expect(await db().claim.count({ where: { id: { in: [claim.id, bad.claim.id] }, status: "NEW" } })).toBe(2);
  });

  it("pays cash claims without bank details", async () => {
    const actor = await caseworker();
    const { claim } = await makeClaim(db(), key, { bank: null, method: "CASH", contactPreference: "LETTER" });
    const result = await decideClaim({
      db: db(),
      key,
      limits,
      reference: claim.reference,
      expectedVersion: 0,
      read: approveAll(claim.expenses),
      actor,
    });
    expect(result).toMatchObject({ outcome: "APPROVED", payment: { holdReason: null } });
    expect(await db().notification.findFirstOrThrow({ where: { claimId: claim.id } })).toMatchObject({ channel: "LETTER" });
  });
});

describe("requesting information and rejecting", () => {
  it("requests new bank details, after which the claim cannot be decided until the answer comes", async () => {
    const actor = await caseworker();
    const { claim } = await makeClaim(db(), key);
    await expect(
      requestInformation({ db: db(), reference: claim.reference, expectedVersion: 0, kind: "BANK_DETAILS", note: "", actor }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    await requestInformation({
      db: db(),
      reference: claim.reference,
      expectedVersion: 0,
      kind: "BANK_DETAILS",
      note: "Your bank rejected the account",
      actor,
    });
    const after = await db().claim.findUniqueOrThrow({ where: { id: claim.id }, include: { notifications: true } });
    expect(after).toMatchObject({ status: "INFORMATION_REQUESTED", informationRequestKind: "BANK_DETAILS", version: 1 });
    expect(after.notifications.map((n) => n.template)).toEqual(["BANK_DETAILS_REQUESTED"]);
    await expect(
      decideClaim({
        db: db(),
        key,
        limits,
        reference: claim.reference,
        expectedVersion: 1,
        read: approveAll(claim.expenses),
        actor,
      }),
    ).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: expect.stringContaining("waiting for information"),
    });
  });

  it("rejects a whole claim with a reason and a note", async () => {
    const actor = await caseworker();
    const { claim } = await makeClaim(db(), key);
    await expect(
      rejectClaim({ db: db(), reference: claim.reference, expectedVersion: 0, reason: "NOPE", note: "x", actor }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { rejectionReason: ["Choose a reason from the list"] },
    });
    await rejectClaim({
      db: db(),
      reference: claim.reference,
      expectedVersion: 0,
      reason: "DUPLICATE",
      note: "Same as 7KQ2M9X",
      actor,
    });
    const after = await db().claim.findUniqueOrThrow({ where: { id: claim.id }, include: { expenses: true } });
    expect(after).toMatchObject({ status: "REJECTED", rejectionReason: "Duplicate of another claim" });
    expect(after.expenses.every((l) => l.decision === "REJECTED")).toBe(true);
  });
});

describe("payments and bank details", () => {
  it("cancels a NEW payment with a reason, once", async () => {
    const actor = await caseworker();
    const { claim } = await makeClaim(db(), key);
    const result = await decideClaim({
      db: db(),
      key,
      limits,
      reference: claim.reference,
      expectedVersion: 0,
      read: approveAll(claim.expenses),
      actor,
    });
    if (result.outcome !== "APPROVED") throw new Error("expected approval");
    await cancelPayment({ db: db(), paymentId: result.payment.id, reason: "Claimant withdrew", actor, now });
    expect(await db().payment.findUniqueOrThrow({ where: { id: result.payment.id } })).toMatchObject({
      status: "CANCELLED",
      cancelReason: "Claimant withdrew",
    });
    await expect(cancelPayment({ db: db(), paymentId: result.payment.id, reason: "again", actor, now })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
  });

  it("holds bank payments while a change waits, and only a second caseworker can approve it", async () => {
    const maker = await caseworker();
    const checker = await caseworker();
    const { claim, claimant } = await makeClaim(db(), key);
    const result = await decideClaim({
      db: db(),
      key,
      limits,
      reference: claim.reference,
      expectedVersion: 0,
      read: approveAll(claim.expenses),
      actor: maker,
    });
    if (result.outcome !== "APPROVED") throw new Error("expected approval");

    const newDetails = { sortCode: "089999", accountNumber: "66374958", nameOnAccount: "Ada Lovelace", rollNumber: null };
    const { changeId } = await db().$transaction((tx) =>
      proposeBankDetailsChange(tx, {
        claimantId: claimant.id,
        details: newDetails,
        key,
        lookupKey: TEST_LOOKUP_KEY,
        actor: maker,
        proposedById: maker.id,
      }),
    );
    expect(await db().payment.findUniqueOrThrow({ where: { id: result.payment.id } })).toMatchObject({
      holdReason: "BANK_DETAILS_CHANGE_PENDING",
    });
    expect((await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).needsAttention).toBe(true);

    await expect(decideBankDetailsChange({ db: db(), key, changeId, approve: true, actor: maker, now })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await decideBankDetailsChange({ db: db(), key, changeId, approve: true, actor: checker, now });

    expect(await db().payment.findUniqueOrThrow({ where: { id: result.payment.id } })).toMatchObject({
      holdReason: null,
      status: "NEW",
    });
    expect((await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).needsAttention).toBe(false);
    const stored = await db().bankDetails.findUniqueOrThrow({ where: { claimantId: claimant.id } });
    expect(decryptBankDetails(stored.ciphertext, key)).toEqual(newDetails);
    expect(stored.ciphertext).not.toContain("66374958");
    const audit = await db().auditLog.findMany({ where: { entityId: claimant.id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["bank-details.proposed", "bank-details.approved"]);
    expect(JSON.stringify(audit.map((a) => [a.before, a.after]))).not.toContain("66374958");
    await expect(decideBankDetailsChange({ db: db(), key, changeId, approve: false, actor: checker, now })).rejects.toMatchObject(
      { code: "INVALID_STATE" },
    );
  });
});
