// Second approval of claims above the threshold, and the per-line maximum (security issue, finding
// 1: "one caseworker may approve up to £100,000 a line"). One caseworker's approval above £500,
// alone or with the person's approvals of the last 30 days, creates no payment until a second
// caseworker (not the first approver, not the keyer) approves it.
import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decideClaim } from "@/lib/claims/decide-claim";
import { countClaimsByStatus } from "@/lib/claims/list/count-claims-by-status";
import { returnClaim } from "@/lib/claims/return-claim";
import { lineFieldName } from "@/lib/claims/rules/decide-lines";
import { DEFAULT_APPROVAL_LIMITS } from "@/lib/claims/rules/second-approval";
import { secondApproveClaim } from "@/lib/claims/second-approve-claim";
import { makeClaimReference } from "@/lib/references/claim-reference";
import { formReader, makeClaim } from "../support/make-claim";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();
const key = randomBytes(32);
const limits = DEFAULT_APPROVAL_LIMITS;
const DAY_MS = 86_400_000;

async function caseworker() {
  const u = await makeUser(db(), { role: "CASEWORKER" });
  return { id: u.id, email: u.email, name: u.name };
}

function approveAll(lines: { id: string }[]) {
  return formReader(Object.fromEntries(lines.map((l) => [lineFieldName(l.id, "decision"), "APPROVE"])));
}

/** Another NEW claim for a person who already has one. */
async function anotherClaim(claimantId: string, lines: number[]) {
  return db().claim.create({
    data: {
      reference: makeClaimReference(),
      claimantId,
      eventDate: new Date("2026-11-01"),
      paymentMethod: "BANK",
      source: "API",
      expenses: {
        create: lines.map((claimedPence, i) => ({
          lineNo: i + 1,
          type: "TRAIN" as const,
          description: `Journey ${i + 1}`,
          claimedPence,
        })),
      },
    },
    include: { expenses: { orderBy: { lineNo: "asc" } } },
  });
}

type Actor = Awaited<ReturnType<typeof caseworker>>;
const approve = (claim: { reference: string; expenses: { id: string }[] }, actor: Actor, version = 0, now?: Date) =>
  decideClaim({
    db: db(),
    key,
    limits,
    reference: claim.reference,
    expectedVersion: version,
    read: approveAll(claim.expenses),
    actor,
    now,
  });
const secondApprove = (reference: string, actor: Actor, version = 1) =>
  secondApproveClaim({ db: db(), key, limits, reference, expectedVersion: version, actor });

async function claimState(id: string) {
  return db().claim.findUniqueOrThrow({
    where: { id },
    include: {
      payments: true,
      notifications: true,
      events: { orderBy: { at: "asc" } },
      expenses: { orderBy: { lineNo: "asc" } },
    },
  });
}

describe("one caseworker cannot move more than the threshold alone", () => {
  it("a £600 approval waits for a second caseworker: no payment, no message; neither the approver nor the keyer may approve it; another caseworker does, once", async () => {
    const [keyer, first, second] = [await caseworker(), await caseworker(), await caseworker()];
    const { claim } = await makeClaim(db(), key, { lines: [60_000], keyedInById: keyer.id });

    expect(await approve(claim, first)).toEqual({
      outcome: "AWAITING_SECOND_APPROVAL",
      approvedTotalPence: 60_000,
      recentApprovedPence: 0,
      combinedPence: 60_000,
    });
    const waiting = await claimState(claim.id);
    expect(waiting).toMatchObject({
      status: "AWAITING_SECOND_APPROVAL",
      version: 1,
      firstApprovedById: first.id,
      payments: [],
      notifications: [],
    });
    expect(waiting.firstApprovedAt).toBeInstanceOf(Date);
    expect(waiting.expenses.map((l) => [l.decision, l.approvedPence])).toEqual([["APPROVED", 60_000]]);
    expect(waiting.events.map((e) => [e.kind, e.summary])).toEqual([
      [
        "claim.first-approved",
        "Approved, waiting for a second caseworker: £600.00 is above the £500.00 one caseworker may approve",
      ],
    ]);
    const firstAudit = await db().auditLog.findFirstOrThrow({ where: { entityId: claim.id, action: "claim.first-approved" } });
    expect(firstAudit.after).toMatchObject({ status: "AWAITING_SECOND_APPROVAL", combinedPence: 60_000, thresholdPence: 50_000 });

    await expect(secondApprove(claim.reference, first)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You approved this claim; another caseworker must check it.",
    });
    await expect(secondApprove(claim.reference, keyer)).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You keyed this claim in, so another caseworker must check it.",
    });
    await expect(
      returnClaim({ db: db(), reference: claim.reference, expectedVersion: 1, note: "Looks fine to me", actor: first }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Nor can it be decided again meanwhile.
    await expect(approve(claim, second, 1)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: "This claim is waiting for a second caseworker to approve it or return it",
    });
    expect(await db().payment.count({ where: { claimId: claim.id } })).toBe(0);

    const approved = await secondApprove(claim.reference, second);
    expect(approved).toMatchObject({
      outcome: "APPROVED",
      approvedTotalPence: 60_000,
      payment: { reference: `${claim.reference}-01` },
    });
    const after = await claimState(claim.id);
    expect(after).toMatchObject({ status: "APPROVED", version: 2, firstApprovedById: first.id });
    expect(after.payments).toMatchObject([{ status: "NEW", method: "BANK", amountPence: 60_000, holdReason: null }]);
    expect(after.notifications).toMatchObject([{ template: "CLAIM_APPROVED", status: "QUEUED" }]);
    expect(after.events.map((e) => e.kind)).toEqual(["claim.first-approved", "claim.second-approved", "message.queued"]);
    const history = await db().paymentStatusHistory.findMany({ where: { paymentId: approved.payment.id } });
    expect(history).toHaveLength(1);
    const secondAudit = await db().auditLog.findFirstOrThrow({ where: { entityId: claim.id, action: "claim.second-approved" } });
    expect(secondAudit.actorId).toBe(second.id);
    expect(secondAudit.after).toMatchObject({
      status: "APPROVED",
      firstApprovedById: first.id,
      payment: { amountPence: 60_000 },
    });

    await expect(secondApprove(claim.reference, second, 2)).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: "This claim is not waiting for a second approval",
    });
  });

  it("approves exactly at the threshold in one step, recording the approver as the first (and only) one", async () => {
    const actor = await caseworker();
    const { claim } = await makeClaim(db(), key, { lines: [30_000, 20_000] });
    const now = new Date("2026-11-28T10:00:00Z");
    expect(await approve(claim, actor, 0, now)).toMatchObject({ outcome: "APPROVED", approvedTotalPence: 50_000 });
    expect(await claimState(claim.id)).toMatchObject({ status: "APPROVED", firstApprovedById: actor.id, firstApprovedAt: now });
  });

  it("counts approved amounts, not claimed ones: a claim of £900 approved for £400 needs one caseworker", async () => {
    const { claim } = await makeClaim(db(), key, { lines: [40_000, 50_000] });
    const [a, b] = claim.expenses;
    const read = formReader({
      [lineFieldName(a.id, "decision")]: "APPROVE",
      [lineFieldName(b.id, "decision")]: "REJECT",
      [lineFieldName(b.id, "reason")]: "NO_EVIDENCE",
    });
    const result = await decideClaim({
      db: db(),
      key,
      limits,
      reference: claim.reference,
      expectedVersion: 0,
      read,
      actor: await caseworker(),
    });
    expect(result).toMatchObject({ outcome: "APPROVED", approvedTotalPence: 40_000 });
  });
});

describe("the home page's counts", () => {
  it("count a claim waiting for its second approval under its own status, and move it on", async () => {
    const counts = async () => (await countClaimsByStatus({ db: db(), userId: randomUUID() })).byStatus;
    const { claim } = await makeClaim(db(), key, { lines: [80_000] });
    const before = await counts();
    await approve(claim, await caseworker());
    const waiting = await counts();
    expect(waiting.NEW - before.NEW).toBe(-1);
    expect(waiting.AWAITING_SECOND_APPROVAL - before.AWAITING_SECOND_APPROVAL).toBe(1);
    await secondApprove(claim.reference, await caseworker());
    const approved = await counts();
    expect(approved.AWAITING_SECOND_APPROVAL - before.AWAITING_SECOND_APPROVAL).toBe(0);
    expect(approved.APPROVED - before.APPROVED).toBe(1);
  });
});

describe("splitting does not avoid it", () => {
  it("two £300 claims for the same person within 30 days: the second needs a second approval", async () => {
    const actor = await caseworker();
    const { claim, claimant } = await makeClaim(db(), key, { lines: [30_000] });
    const later = await anotherClaim(claimant.id, [10_000, 20_000]);
    const now = new Date();
    expect(await approve(claim, actor, 0, new Date(now.getTime() - 29 * DAY_MS))).toMatchObject({ outcome: "APPROVED" });
    expect(await approve(later, actor, 0, now)).toEqual({
      outcome: "AWAITING_SECOND_APPROVAL",
      approvedTotalPence: 30_000,
      recentApprovedPence: 30_000,
      combinedPence: 60_000,
    });
    const [event] = (await claimState(later.id)).events;
    expect(event.summary).toBe(
      "Approved, waiting for a second caseworker: £300.00, with £300.00 approved for this person in the previous 30 days, makes £600.00, above the £500.00 one caseworker may approve",
    );
  });

  it("31 days apart, the second stands on one approval", async () => {
    const actor = await caseworker();
    const { claim, claimant } = await makeClaim(db(), key, { lines: [30_000] });
    const later = await anotherClaim(claimant.id, [30_000]);
    const now = new Date();
    await approve(claim, actor, 0, new Date(now.getTime() - 31 * DAY_MS));
    expect(await approve(later, actor, 0, now)).toMatchObject({ outcome: "APPROVED", approvedTotalPence: 30_000 });
  });

  it("a claim waiting for its second approval counts; a returned one no longer does; other people's never do", async () => {
    const [first, second] = [await caseworker(), await caseworker()];
    const { claim: big, claimant } = await makeClaim(db(), key, { lines: [60_000] });
    const small = await anotherClaim(claimant.id, [1_000]);
    const { claim: stranger } = await makeClaim(db(), key, { lines: [1_000] });
    await approve(big, first);
    expect(await approve(stranger, first)).toMatchObject({ outcome: "APPROVED" });
    expect(await approve(small, first)).toMatchObject({ outcome: "AWAITING_SECOND_APPROVAL", recentApprovedPence: 60_000 });

    await returnClaim({ db: db(), reference: big.reference, expectedVersion: 1, note: "Five nights is too many", actor: second });
    await returnClaim({
      db: db(),
      reference: small.reference,
      expectedVersion: 1,
      note: "Decide after the other",
      actor: second,
    });
    expect(await approve(small, first, 2)).toMatchObject({ outcome: "APPROVED" });
  });

  it("two approvals for the same person at the same moment: the second sees the first (the person's row is locked)", async () => {
    const { claim, claimant } = await makeClaim(db(), key, { lines: [30_000] });
    const other = await anotherClaim(claimant.id, [30_000]);
    const [a, b] = [await caseworker(), await caseworker()];
    const results = await Promise.all([approve(claim, a), approve(other, b)]);
    expect(results.map((r) => r.outcome).sort()).toEqual(["APPROVED", "AWAITING_SECOND_APPROVAL"]);
    expect(await db().payment.count({ where: { personId: claimant.id } })).toBe(1);
  });
});

describe("the per-line maximum", () => {
  it("refuses a £1,000.01 line outright, on the line's field, and changes nothing", async () => {
    const actor = await caseworker();
    const { claim } = await makeClaim(db(), key, { lines: [1_240, 100_001] });
    const [, over] = claim.expenses;
    await expect(approve(claim, actor)).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: {
        [lineFieldName(over.id, "decision")]: ["Line 2: £1,000.01 is above the most one line may be approved for, £1,000.00"],
      },
    });
    const after = await claimState(claim.id);
    expect(after).toMatchObject({ status: "NEW", version: 0, firstApprovedById: null, payments: [], events: [] });
    expect(after.expenses.every((l) => l.decision === null)).toBe(true);
  });

  it("puts the refusal on the amount field when the caseworker typed the amount, and allows £1,000.00", async () => {
    const actor = await caseworker();
    const { claim } = await makeClaim(db(), key, { lines: [150_000] });
    const [line] = claim.expenses;
    const read = (amount: string) =>
      formReader({
        [lineFieldName(line.id, "decision")]: "APPROVE_DIFFERENT",
        [lineFieldName(line.id, "amount")]: amount,
        [lineFieldName(line.id, "note")]: "Capped",
      });
    await expect(
      decideClaim({ db: db(), key, limits, reference: claim.reference, expectedVersion: 0, read: read("1200"), actor }),
    ).rejects.toMatchObject({
      fieldErrors: {
        [lineFieldName(line.id, "amount")]: ["Line 1: £1,200.00 is above the most one line may be approved for, £1,000.00"],
      },
    });
    expect(
      await decideClaim({ db: db(), key, limits, reference: claim.reference, expectedVersion: 0, read: read("1000"), actor }),
    ).toMatchObject({ outcome: "AWAITING_SECOND_APPROVAL", approvedTotalPence: 100_000 });
  });

  it("a rejected line above the maximum does not stop the rest being approved", async () => {
    const { claim } = await makeClaim(db(), key, { lines: [120_000, 2_000] });
    const [over, ok] = claim.expenses;
    const read = formReader({
      [lineFieldName(over.id, "decision")]: "REJECT",
      [lineFieldName(over.id, "reason")]: "NOT_ELIGIBLE",
      [lineFieldName(ok.id, "decision")]: "APPROVE",
    });
    const result = await decideClaim({
      db: db(),
      key,
      limits,
      reference: claim.reference,
      expectedVersion: 0,
      read,
      actor: await caseworker(),
    });
    expect(result).toMatchObject({ outcome: "APPROVED", approvedTotalPence: 2_000 });
  });
});

describe("second approvals at once", () => {
  it("two caseworkers approving the same waiting claim create one payment", async () => {
    const { claim } = await makeClaim(db(), key, { lines: [70_000] });
    await approve(claim, await caseworker());
    const [b, c] = [await caseworker(), await caseworker()];
    const results = await Promise.allSettled([secondApprove(claim.reference, b), secondApprove(claim.reference, c)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "STALE" } });
    expect(await db().payment.count({ where: { claimId: claim.id } })).toBe(1);
    expect(await db().notification.count({ where: { claimId: claim.id } })).toBe(1);
  });
});

describe("returning a claim", () => {
  it("goes back to UPDATED with the note, lines and first approval cleared, no payment and no message; then it can be decided again", async () => {
    const [first, second] = [await caseworker(), await caseworker()];
    const { claim } = await makeClaim(db(), key, { lines: [55_000] });
    await approve(claim, first);

    for (const note of [undefined, "  ok ", "x".repeat(501)]) {
      await expect(
        returnClaim({ db: db(), reference: claim.reference, expectedVersion: 1, note, actor: second }),
      ).rejects.toMatchObject({
        code: "VALIDATION",
        fieldErrors: { note: [expect.any(String)] },
      });
    }
    await returnClaim({
      db: db(),
      reference: claim.reference,
      expectedVersion: 1,
      note: "  Receipt shows £55, not £550  ",
      actor: second,
    });

    const after = await claimState(claim.id);
    expect(after).toMatchObject({
      status: "UPDATED",
      version: 2,
      firstApprovedById: null,
      firstApprovedAt: null,
      payments: [],
      notifications: [],
    });
    expect(after.expenses.map((l) => [l.decision, l.approvedPence, l.decisionNote])).toEqual([[null, null, null]]);
    expect(after.events.map((e) => [e.kind, e.summary])).toEqual([
      ["claim.first-approved", expect.any(String)],
      ["claim.returned", "Returned to be decided again: Receipt shows £55, not £550"],
    ]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { entityId: claim.id, action: "claim.returned" } });
    expect(audit).toMatchObject({ actorId: second.id, before: { status: "AWAITING_SECOND_APPROVAL" } });
    expect(audit.after).toMatchObject({
      status: "UPDATED",
      note: "Receipt shows £55, not £550",
      firstApprovedById: first.id,
      clearedLines: [{ decision: "APPROVED", approvedPence: 55_000 }],
    });

    const [line] = claim.expenses;
    const read = formReader({
      [lineFieldName(line.id, "decision")]: "APPROVE_DIFFERENT",
      [lineFieldName(line.id, "amount")]: "55.00",
      [lineFieldName(line.id, "note")]: "Receipt",
    });
    expect(
      await decideClaim({ db: db(), key, limits, reference: claim.reference, expectedVersion: 2, read, actor: first }),
    ).toMatchObject({ outcome: "APPROVED", approvedTotalPence: 5_500 });
  });
});
