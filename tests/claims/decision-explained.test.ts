// Decisions explained (caseworker issue, item 5): a rejected line needs a reason, and the claimant's
// message lists each line's outcome, amount and reason, whether one caseworker approves or a second.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decideClaim } from "@/lib/claims/decide-claim";
import { lineFieldName } from "@/lib/claims/rules/decide-lines";
import { DEFAULT_APPROVAL_LIMITS } from "@/lib/claims/rules/second-approval";
import { secondApproveClaim } from "@/lib/claims/second-approve-claim";
import { formReader, makeClaim } from "../support/make-claim";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();
const key = randomBytes(32);
const limits = DEFAULT_APPROVAL_LIMITS;

async function caseworker() {
  const u = await makeUser(db(), { role: "CASEWORKER" });
  return { id: u.id, email: u.email, name: u.name };
}

async function bodyOf(claimId: string) {
  const [n] = await db().notification.findMany({ where: { claimId } });
  return (n.personalisation as { body: string }).body;
}

describe("a partial decision, explained", () => {
  it("is refused while a rejected line has no reason, naming the line, and nothing changes", async () => {
    const actor = await caseworker();
    const { claim } = await makeClaim(db(), key, { lines: [1240, 3500, 760] });
    const [a, b, c] = claim.expenses;
    const read = formReader({
      [lineFieldName(a.id, "decision")]: "APPROVE",
      [lineFieldName(b.id, "decision")]: "APPROVE_DIFFERENT",
      [lineFieldName(b.id, "amount")]: "30.00",
      [lineFieldName(b.id, "note")]: "Shared taxi, so half the fare",
      [lineFieldName(c.id, "decision")]: "REJECT",
      [lineFieldName(c.id, "reason")]: "OTHER",
    });
    await expect(
      decideClaim({ db: db(), key, limits, reference: claim.reference, expectedVersion: 0, read, actor }),
    ).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { [lineFieldName(c.id, "otherReason")]: ["Line 3, Train: enter the reason for rejecting this line"] },
    });
    const after = await db().claim.findUniqueOrThrow({
      where: { id: claim.id },
      include: { expenses: true, payments: true, notifications: true, events: true },
    });
    expect(after).toMatchObject({ status: "NEW", version: 0, payments: [], notifications: [], events: [] });
    expect(after.expenses.every((l) => l.decision === null && l.decisionNote === null)).toBe(true);
    expect(await db().auditLog.count({ where: { entityId: claim.id } })).toBe(0);
  });

  it("stores each line's reason and sends the claimant every line's outcome, amount and reason", async () => {
    const actor = await caseworker();
    const { claim } = await makeClaim(db(), key, { lines: [1240, 3500, 760], contactPreference: "SMS" });
    const [a, b, c] = claim.expenses;
    const read = formReader({
      [lineFieldName(a.id, "decision")]: "APPROVE",
      [lineFieldName(b.id, "decision")]: "APPROVE_DIFFERENT",
      [lineFieldName(b.id, "amount")]: "30.00",
      [lineFieldName(b.id, "note")]: "Shared taxi, so half the fare",
      [lineFieldName(c.id, "decision")]: "REJECT",
      [lineFieldName(c.id, "reason")]: "OTHER",
      [lineFieldName(c.id, "otherReason")]: "Refreshments are not covered on visits under 3 hours",
    });
    const result = await decideClaim({ db: db(), key, limits, reference: claim.reference, expectedVersion: 0, read, actor });
    expect(result).toMatchObject({ outcome: "APPROVED", approvedTotalPence: 4240 });

    const lines = await db().expenseLine.findMany({ where: { claimId: claim.id }, orderBy: { lineNo: "asc" } });
    expect(lines.map((l) => [l.decision, l.approvedPence, l.decisionNote])).toEqual([
      ["APPROVED", 1240, null],
      ["APPROVED_DIFFERENT_AMOUNT", 3000, "Shared taxi, so half the fare"],
      ["REJECTED", null, "Refreshments are not covered on visits under 3 hours"],
    ]);
    const [notification] = await db().notification.findMany({ where: { claimId: claim.id } });
    expect(notification).toMatchObject({ channel: "SMS", recipient: "07700900123", template: "CLAIM_APPROVED" });
    expect(await bodyOf(claim.id)).toBe(
      [
        "Dear Ada,",
        "We have approved £42.40 of the £55.00 you claimed.\nWe will send the payment in the next few working days.",
        "Line 1: Train, Journey 1\nApproved: £12.40",
        "Line 2: Train, Journey 2\nApproved: £30.00 of the £35.00 claimed\nReason: Shared taxi, so half the fare",
        "Line 3: Train, Journey 3\nNot approved (£7.60 claimed)\nReason: Refreshments are not covered on visits under 3 hours",
        `Claim reference: ${claim.reference}`,
      ].join("\n\n"),
    );
    const audit = await db().auditLog.findFirstOrThrow({ where: { entityId: claim.id, action: "claim.approved" } });
    expect((audit.after as { lines: unknown[] }).lines).toEqual([
      { id: a.id, decision: "APPROVED", approvedPence: 1240, note: null, reasonCode: null },
      {
        id: b.id,
        decision: "APPROVED_DIFFERENT_AMOUNT",
        approvedPence: 3000,
        note: "Shared taxi, so half the fare",
        reasonCode: null,
      },
      {
        id: c.id,
        decision: "REJECTED",
        approvedPence: null,
        note: "Refreshments are not covered on visits under 3 hours",
        reasonCode: "OTHER",
      },
    ]);
  });

  it("rejects the claim when every line is rejected, with the lines' reasons as the claim's and in the message", async () => {
    const actor = await caseworker();
    const { claim } = await makeClaim(db(), key, { lines: [1240, 3000] });
    const [a, b] = claim.expenses;
    const read = formReader({
      [lineFieldName(a.id, "decision")]: "REJECT",
      [lineFieldName(a.id, "reason")]: "DUPLICATE",
      [lineFieldName(b.id, "decision")]: "REJECT",
      [lineFieldName(b.id, "reason")]: "OUTSIDE_TIME_LIMIT",
    });
    expect(await decideClaim({ db: db(), key, limits, reference: claim.reference, expectedVersion: 0, read, actor })).toEqual({
      outcome: "REJECTED",
      reason: "Duplicate of another claim; Claimed outside the time limit",
    });
    expect(await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).toMatchObject({
      status: "REJECTED",
      rejectionReason: "Duplicate of another claim; Claimed outside the time limit",
    });
    const body = await bodyOf(claim.id);
    expect(body).toContain("Line 1: Train, Journey 1\nNot approved (£12.40 claimed)\nReason: Duplicate of another claim");
    expect(body).toContain("Line 2: Train, Journey 2\nNot approved (£30.00 claimed)\nReason: Claimed outside the time limit");
  });

  it("lists the first caseworker's lines when a second caseworker approves", async () => {
    const first = await caseworker();
    const second = await caseworker();
    const { claim } = await makeClaim(db(), key, { lines: [60_000, 2_000] });
    const [a, b] = claim.expenses;
    const read = formReader({
      [lineFieldName(a.id, "decision")]: "APPROVE",
      [lineFieldName(b.id, "decision")]: "REJECT",
      [lineFieldName(b.id, "reason")]: "NO_EVIDENCE",
    });
    expect(
      await decideClaim({ db: db(), key, limits, reference: claim.reference, expectedVersion: 0, read, actor: first }),
    ).toMatchObject({ outcome: "AWAITING_SECOND_APPROVAL" });
    expect(await db().notification.count({ where: { claimId: claim.id } })).toBe(0);
    await secondApproveClaim({ db: db(), key, limits, reference: claim.reference, expectedVersion: 1, actor: second });
    const body = await bodyOf(claim.id);
    expect(body).toContain("We have approved £600.00 of the £620.00 you claimed.");
    expect(body).toContain("Line 2: Train, Journey 2\nNot approved (£20.00 claimed)\nReason: No receipts or evidence");
  });
});
