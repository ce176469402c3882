import { describe, expect, it } from "vitest";
import { checkBankAccount, isBacsRollNumber } from "../bank-details/modulus";
import { isClaimReference } from "../references/claim-reference";
import {
  AWAITING_SECOND_APPROVAL_CLAIMS,
  CASEWORKER2_EMAIL,
  CASEWORKER_EMAIL,
  REJECTION_REASONS,
  generateDemoData,
  type DemoClaim,
  type DemoClaimEvent,
  type DemoData,
  type DemoExpenseLine,
  type DemoPayment,
} from "./demo-data";
import { DEMO_SORT_CODES, UK_TOWNS } from "./uk-places";

const NOW = new Date("2026-11-22T10:30:00Z");
const SEED = 20261122;
const CASEWORKER_ID = "0b7a1c52-3f6e-4d1a-9c2b-5e8f7a6d4c31";
const CASEWORKER2_ID = "6e2d9f14-8a3b-4c5d-b7e6-1f0a9c8d2b47";
const USER_IDS = { [CASEWORKER_EMAIL]: CASEWORKER_ID, [CASEWORKER2_EMAIL]: CASEWORKER2_ID };
const CASEWORKER_IDS = new Set([CASEWORKER_ID, CASEWORKER2_ID]);
const DAY_MS = 86_400_000;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
// Outward code, space, digit and two letters that are not C, I, K, M, O or V.
const POSTCODE = /^[A-Z]{1,2}\d{1,2}[A-Z]? \d[ABD-HJLNP-UW-Z]{2}$/;

const data = generateDemoData({ now: NOW, seed: SEED, userIds: USER_IDS });

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

const linesByClaim = groupBy(data.expenseLines, (l) => l.claimId);
const eventsByClaim = groupBy(data.claimEvents, (e) => e.claimId);
const paymentsByClaim = groupBy(data.payments, (p) => p.claimId);
const claimById = new Map(data.claims.map((c) => [c.id, c]));
const bankByClaimant = new Map(data.bankDetails.map((b) => [b.claimantId, b]));
const linesOf = (claim: DemoClaim): DemoExpenseLine[] => linesByClaim.get(claim.id) ?? [];
const eventsOf = (claim: DemoClaim): DemoClaimEvent[] => eventsByClaim.get(claim.id) ?? [];
const paymentsOf = (claim: DemoClaim): DemoPayment[] => paymentsByClaim.get(claim.id) ?? [];
const countWhere = <T>(items: T[], predicate: (item: T) => boolean) => items.filter(predicate).length;
const isLongStay = (claim: DemoClaim, line: DemoExpenseLine) =>
  claim.status === "AWAITING_SECOND_APPROVAL" && line.lineNo === linesOf(claim).length;
const failsModulus = (b: { sortCode: string; accountNumber: string }) => !checkBankAccount(b.sortCode, b.accountNumber).valid;

describe("generateDemoData: claims", () => {
  it("makes 320 claims by default, covering every status and both kinds of information request", () => {
    expect(data.claims).toHaveLength(320);
    const byStatus = groupBy(data.claims, (c) => c.status);
    for (const status of ["NEW", "INFORMATION_REQUESTED", "UPDATED", "APPROVED", "REJECTED"]) {
      expect(byStatus.get(status)?.length ?? 0, status).toBeGreaterThanOrEqual(20);
    }
    const requested = byStatus.get("INFORMATION_REQUESTED") ?? [];
    expect(countWhere(requested, (c) => c.informationRequestKind === "GENERAL")).toBeGreaterThan(0);
    expect(countWhere(requested, (c) => c.informationRequestKind === "BANK_DETAILS")).toBeGreaterThan(0);
    expect(countWhere(requested, (c) => c.informationRequestKind === "BANK_DETAILS" && c.paymentMethod !== "BANK")).toBe(0);
    expect(countWhere(data.claims, (c) => c.status !== "INFORMATION_REQUESTED" && c.informationRequestKind !== null)).toBe(0);
  });

  it("honours claimCount", () => {
    expect(generateDemoData({ now: NOW, seed: 7, userIds: USER_IDS, claimCount: 400 }).claims).toHaveLength(400);
  });

  it("splits payment methods roughly 70/30, in every status", () => {
    const bankShare = countWhere(data.claims, (c) => c.paymentMethod === "BANK") / data.claims.length;
    expect(bankShare).toBeGreaterThan(0.65);
    expect(bankShare).toBeLessThan(0.77);
    for (const [status, claims] of groupBy(data.claims, (c) => c.status)) {
      expect(
        countWhere(claims, (c) => c.paymentMethod === "CASH"),
        status,
      ).toBeGreaterThan(0);
      expect(
        countWhere(claims, (c) => c.paymentMethod === "BANK"),
        status,
      ).toBeGreaterThan(0);
    }
  });

  it("gives unique, well-formed claim references", () => {
    const references = data.claims.map((c) => c.reference);
    expect(new Set(references).size).toBe(references.length);
    expect(references.filter((r) => !isClaimReference(r))).toEqual([]);
  });

  it("dates each journey within the 120 days before now and receives the claim after it", () => {
    for (const claim of data.claims) {
      expect(claim.eventDate.getTime() % DAY_MS, claim.reference).toBe(0);
      expect(claim.eventDate.getTime()).toBeLessThan(NOW.getTime());
      expect(NOW.getTime() - claim.eventDate.getTime()).toBeLessThanOrEqual(120 * DAY_MS);
      expect(claim.createdAt.getTime()).toBeGreaterThan(claim.eventDate.getTime());
      expect(claim.createdAt.getTime()).toBeLessThan(NOW.getTime());
    }
  });

  it("has about ten assisted-digital claims keyed in by caseworker2, the rest from the demo source", () => {
    const assisted = data.claims.filter((c) => c.source === "ASSISTED_DIGITAL");
    expect(assisted).toHaveLength(10);
    expect(assisted.every((c) => c.keyedInById === CASEWORKER2_ID)).toBe(true);
    expect(
      data.claims.filter((c) => c.source !== "ASSISTED_DIGITAL").every((c) => c.source === "DEMO" && c.keyedInById === null),
    ).toBe(true);
  });

  it("assigns some NEW and UPDATED claims to each caseworker and leaves others unassigned", () => {
    for (const status of ["NEW", "UPDATED"]) {
      const claims = data.claims.filter((c) => c.status === status);
      expect(
        countWhere(claims, (c) => c.assignedToId === CASEWORKER_ID),
        status,
      ).toBeGreaterThan(0);
      expect(
        countWhere(claims, (c) => c.assignedToId === CASEWORKER2_ID),
        status,
      ).toBeGreaterThan(0);
      expect(
        countWhere(claims, (c) => c.assignedToId === null),
        status,
      ).toBeGreaterThan(0);
    }
    expect(data.claims.every((c) => c.assignedToId === null || CASEWORKER_IDS.has(c.assignedToId))).toBe(true);
  });

  it("sets a rejection reason exactly on rejected claims", () => {
    for (const claim of data.claims) {
      if (claim.status === "REJECTED") expect(REJECTION_REASONS).toContain(claim.rejectionReason);
      else expect(claim.rejectionReason).toBeNull();
    }
  });
});

describe("generateDemoData: expense lines", () => {
  it("gives each claim 1 to 4 numbered lines of realistic integer amounts", () => {
    for (const claim of data.claims) {
      // A claim waiting for a second approval also has a week's accommodation (tested below).
      const lines = linesOf(claim).filter((l) => !isLongStay(claim, l));
      expect(lines.length, claim.reference).toBeGreaterThanOrEqual(1);
      expect(lines.length, claim.reference).toBeLessThanOrEqual(4);
      expect(lines.map((l) => l.lineNo)).toEqual(lines.map((_, i) => i + 1));
    }
    expect(data.expenseLines.every((l) => claimById.has(l.claimId))).toBe(true);
    for (const line of data.expenseLines.filter((l) => !isLongStay(claimById.get(l.claimId)!, l))) {
      expect(Number.isInteger(line.claimedPence), line.description).toBe(true);
      expect(line.claimedPence).toBeGreaterThanOrEqual(180);
      expect(line.claimedPence).toBeLessThanOrEqual(25_000);
      expect(line.description.trim()).not.toBe("");
    }
    expect(new Set(data.expenseLines.map((l) => l.type)).size).toBe(7);
  });

  it("describes mileage as miles at 45p, costed exactly", () => {
    const mileage = data.expenseLines.filter((l) => l.type === "CAR_MILEAGE");
    expect(mileage.length).toBeGreaterThan(0);
    for (const line of mileage) {
      const match = /^(\d+) miles at 45p$/.exec(line.description);
      expect(match, line.description).not.toBeNull();
      expect(line.claimedPence).toBe(Number(match?.[1]) * 45);
    }
  });

  it("decides every line of an approved claim, approving at least one within the claimed amount", () => {
    const approvedLines = data.claims.filter((c) => c.status === "APPROVED").flatMap(linesOf);
    for (const line of approvedLines) {
      if (line.decision === "APPROVED") {
        expect(line.approvedPence).toBe(line.claimedPence);
      } else if (line.decision === "APPROVED_DIFFERENT_AMOUNT") {
        expect(line.approvedPence).toBeGreaterThan(0);
        expect(line.approvedPence).toBeLessThan(line.claimedPence);
        expect(Number.isInteger(line.approvedPence)).toBe(true);
        expect(line.decisionNote).toBeTruthy();
      } else {
        expect(line.decision).toBe("REJECTED");
        expect(line.approvedPence).toBeNull();
      }
    }
    for (const claim of data.claims.filter((c) => c.status === "APPROVED")) {
      expect(
        linesOf(claim).some((l) => l.decision !== "REJECTED"),
        claim.reference,
      ).toBe(true);
    }
    expect(countWhere(approvedLines, (l) => l.decision === "APPROVED_DIFFERENT_AMOUNT")).toBeGreaterThan(5);
    expect(countWhere(approvedLines, (l) => l.decision === "REJECTED")).toBeGreaterThan(5);
  });

  it("rejects every line of a rejected claim and leaves undecided claims' lines undecided", () => {
    for (const claim of data.claims) {
      const lines = linesOf(claim);
      if (claim.status === "REJECTED") {
        expect(
          lines.every((l) => l.decision === "REJECTED" && l.approvedPence === null),
          claim.reference,
        ).toBe(true);
      } else if (claim.status !== "APPROVED" && claim.status !== "AWAITING_SECOND_APPROVAL") {
        expect(
          lines.every((l) => l.decision === null && l.approvedPence === null && l.decisionNote === null),
          claim.reference,
        ).toBe(true);
      }
    }
  });
});

describe("generateDemoData: claims waiting for a second approval", () => {
  const waiting = data.claims.filter((c) => c.status === "AWAITING_SECOND_APPROVAL");

  it("has a few, bank and cash, approved above £500 with no line above £1,000, and no payment", () => {
    expect(waiting).toHaveLength(AWAITING_SECOND_APPROVAL_CLAIMS);
    expect(new Set(waiting.map((c) => c.paymentMethod))).toEqual(new Set(["BANK", "CASH"]));
    for (const claim of waiting) {
      const lines = linesOf(claim);
      expect(lines.every((l) => l.decision === "APPROVED" && l.approvedPence === l.claimedPence)).toBe(true);
      expect(lines.every((l) => l.claimedPence <= 100_000)).toBe(true);
      expect(lines.reduce((sum, l) => sum + l.claimedPence, 0)).toBeGreaterThan(50_000);
      expect(isLongStay(claim, lines.at(-1)!)).toBe(true);
      expect(paymentsOf(claim)).toEqual([]);
    }
  });

  it("records the first approver, never the keyer, on the claim and its last event; each person has only this claim", () => {
    for (const claim of waiting) {
      const last = eventsOf(claim).at(-1)!;
      expect(claim.firstApprovedById).toBe(last.actorId);
      expect(claim.firstApprovedAt).toEqual(last.at);
      expect(claim.firstApprovedById).not.toBe(claim.keyedInById);
      expect(last.summary).toMatch(/^Approved, waiting for a second caseworker: £[\d,]+\.\d\d is above the £500\.00/);
      expect(countWhere(data.claims, (c) => c.claimantId === claim.claimantId)).toBe(1);
    }
  });

  it("records the first approval of every approved claim, and of no other", () => {
    for (const claim of data.claims) {
      const decided = claim.status === "APPROVED" || claim.status === "AWAITING_SECOND_APPROVAL";
      expect(claim.firstApprovedById !== null, claim.reference).toBe(decided);
      expect(claim.firstApprovedAt !== null, claim.reference).toBe(decided);
    }
  });
});

describe("generateDemoData: payments", () => {
  it("gives every approved claim exactly one NEW payment, and no other claim any", () => {
    for (const claim of data.claims) {
      expect(paymentsOf(claim), claim.reference).toHaveLength(claim.status === "APPROVED" ? 1 : 0);
    }
    expect(data.payments.every((p) => claimById.has(p.claimId) && p.status === "NEW")).toBe(true);
  });

  it("pays the sum of the approved line amounts by the claim's method, referenced -01", () => {
    for (const payment of data.payments) {
      const claim = claimById.get(payment.claimId);
      if (!claim) throw new Error("payment without claim");
      const approvedTotal = linesOf(claim).reduce((sum, l) => sum + (l.approvedPence ?? 0), 0);
      expect(payment.amountPence).toBe(approvedTotal);
      expect(payment.amountPence).toBeGreaterThan(0);
      expect(Number.isInteger(payment.amountPence)).toBe(true);
      expect(payment.method).toBe(claim.paymentMethod);
      expect(payment.reference).toBe(`${claim.reference}-01`);
    }
    expect(new Set(data.payments.map((p) => p.reference)).size).toBe(data.payments.length);
  });

  it("leaves at least 60 bank and 20 cash payments ready for the next run", () => {
    const ready = data.payments.filter((p) => p.status === "NEW" && p.holdReason === null);
    expect(countWhere(ready, (p) => p.method === "BANK")).toBeGreaterThanOrEqual(60);
    expect(countWhere(ready, (p) => p.method === "CASH")).toBeGreaterThanOrEqual(20);
  });

  it("holds only bank payments, for bad bank details or a pending change", () => {
    const held = data.payments.filter((p) => p.holdReason !== null);
    expect(held.every((p) => p.method === "BANK")).toBe(true);
    expect(countWhere(held, (p) => p.holdReason === "BAD_BANK_DETAILS")).toBeGreaterThanOrEqual(2);
    expect(countWhere(held, (p) => p.holdReason === "BAD_BANK_DETAILS")).toBeLessThanOrEqual(3);
    expect(countWhere(held, (p) => p.holdReason === "BANK_DETAILS_CHANGE_PENDING")).toBe(4);
  });

  it("flags needsAttention exactly on claims with a payment on hold", () => {
    for (const claim of data.claims) {
      expect(claim.needsAttention, claim.reference).toBe(paymentsOf(claim).some((p) => p.holdReason !== null));
    }
    expect(countWhere(data.claims, (c) => c.needsAttention)).toBeGreaterThan(0);
  });
});

describe("generateDemoData: bank details", () => {
  const claimantsPaidByBank = new Set(data.claims.filter((c) => c.paymentMethod === "BANK").map((c) => c.claimantId));

  it("holds bank details for every bank claimant and some cash-only claimants", () => {
    for (const claimantId of claimantsPaidByBank) expect(bankByClaimant.has(claimantId), claimantId).toBe(true);
    const cashOnlyWithDetails = data.bankDetails.filter((b) => !claimantsPaidByBank.has(b.claimantId));
    expect(cashOnlyWithDetails.length).toBeGreaterThan(0);
    expect(new Set(data.bankDetails.map((b) => b.claimantId)).size).toBe(data.bankDetails.length);
  });

  it("uses real sort codes and modulus-valid accounts, except the deliberately bad ones whose payments are held", () => {
    const sortCodes = new Set(DEMO_SORT_CODES.map((s) => s.sortCode));
    expect(data.bankDetails.every((b) => sortCodes.has(b.sortCode) && /^\d{8}$/.test(b.accountNumber))).toBe(true);
    const bad = data.bankDetails.filter(failsModulus);
    expect(bad.length).toBeGreaterThanOrEqual(2);
    expect(bad.length).toBeLessThanOrEqual(3);
    const badClaimants = new Set(bad.map((b) => b.claimantId));
    for (const payment of data.payments) {
      const claim = claimById.get(payment.claimId);
      const onBadDetails = claim !== undefined && payment.method === "BANK" && badClaimants.has(claim.claimantId);
      expect(payment.holdReason === "BAD_BANK_DETAILS", payment.reference).toBe(onBadDetails);
    }
    for (const claimantId of badClaimants) {
      expect(
        data.payments.some((p) => p.holdReason === "BAD_BANK_DETAILS" && claimById.get(p.claimId)?.claimantId === claimantId),
      ).toBe(true);
    }
  });

  it("gives a few accounts a Bacs-valid building-society roll number", () => {
    const rollNumbers = data.bankDetails.map((b) => b.rollNumber).filter((r): r is string => r !== null);
    expect(rollNumbers.length).toBeGreaterThanOrEqual(2);
    expect(rollNumbers.length).toBeLessThan(data.bankDetails.length / 10);
    expect(rollNumbers.every(isBacsRollNumber)).toBe(true);
    expect(data.bankDetails.every((b) => b.nameOnAccount.trim().length > 0)).toBe(true);
  });

  it("holds the bank payments of claimants with a pending change proposed by caseworker2", () => {
    const pending = data.bankDetailChanges.filter((c) => c.status === "PENDING");
    expect(pending).toHaveLength(4);
    for (const change of pending) {
      expect(change.proposedById).toBe(CASEWORKER2_ID);
      expect(change.decidedById).toBeNull();
      expect(change.decidedAt).toBeNull();
      expect(checkBankAccount(change.sortCode, change.accountNumber).valid).toBe(true);
      expect(change.proposedAt.getTime()).toBeLessThan(NOW.getTime());
    }
    const pendingClaimants = new Set(pending.map((c) => c.claimantId));
    for (const payment of data.payments) {
      const claim = claimById.get(payment.claimId);
      const waitsForChange = claim !== undefined && payment.method === "BANK" && pendingClaimants.has(claim.claimantId);
      expect(payment.holdReason === "BANK_DETAILS_CHANGE_PENDING", payment.reference).toBe(waitsForChange);
    }
  });

  it("has decided changes made by one caseworker and decided by the other", () => {
    const decided = data.bankDetailChanges.filter((c) => c.status !== "PENDING");
    for (const change of decided) {
      expect(change.proposedById).not.toBe(change.decidedById);
      expect(change.decidedById && CASEWORKER_IDS.has(change.decidedById)).toBe(true);
      expect(change.decidedAt!.getTime()).toBeGreaterThan(change.proposedAt.getTime());
      expect(change.decidedAt!.getTime()).toBeLessThan(NOW.getTime());
    }
  });
});

describe("generateDemoData: timeline", () => {
  it("starts with claim.received at creation and rises strictly to the last change, all before now", () => {
    for (const claim of data.claims) {
      const events = eventsOf(claim);
      expect(events[0]?.kind, claim.reference).toBe("claim.received");
      expect(events[0].summary).toBe("Claim received");
      expect(events[0].at.getTime()).toBe(claim.createdAt.getTime());
      for (let i = 1; i < events.length; i++) {
        expect(events[i].at.getTime(), `${claim.reference} event ${i}`).toBeGreaterThan(events[i - 1].at.getTime());
      }
      expect(events[events.length - 1].at.getTime()).toBe(claim.updatedAt.getTime());
      expect(claim.updatedAt.getTime()).toBeLessThan(NOW.getTime());
      expect(claim.version).toBe(events.length - 1);
    }
  });

  it("ends each claim's timeline with the event its status implies, by a caseworker", () => {
    const finalKind: Record<string, string[]> = {
      NEW: ["claim.received", "claim.assigned"],
      INFORMATION_REQUESTED: ["claim.information-requested"],
      UPDATED: ["claim.response-received"],
      APPROVED: ["claim.approved"],
      REJECTED: ["claim.rejected"],
      AWAITING_SECOND_APPROVAL: ["claim.first-approved"],
    };
    for (const claim of data.claims) {
      const last = eventsOf(claim).at(-1);
      expect(finalKind[claim.status], claim.reference).toContain(last?.kind);
      if (claim.status !== "NEW" && claim.status !== "UPDATED") {
        expect(CASEWORKER_IDS.has(last?.actorId ?? ""), claim.reference).toBe(true);
      }
      if (claim.status === "INFORMATION_REQUESTED") expect(last?.detail.kind).toBe(claim.informationRequestKind);
    }
  });

  it("records the assignment and the keying-in on the timeline", () => {
    for (const claim of data.claims) {
      const events = eventsOf(claim);
      const assigned = events.find((e) => e.kind === "claim.assigned");
      expect(assigned?.actorId ?? null, claim.reference).toBe(claim.assignedToId);
      expect(events[0].actorId).toBe(claim.keyedInById);
    }
    expect(data.claimEvents.some((e) => e.kind === "claim.response-received" && e.actorId === null)).toBe(true);
  });

  it("records the approved amount and payment reference on the approval event", () => {
    for (const payment of data.payments) {
      const claim = claimById.get(payment.claimId);
      const approval = claim && eventsOf(claim).find((e) => e.kind === "claim.approved");
      expect(approval?.detail).toEqual({ approvedPence: payment.amountPence, paymentReference: payment.reference });
      expect(approval?.at.getTime()).toBe(payment.createdAt.getTime());
    }
  });
});

describe("generateDemoData: claimants", () => {
  it("includes names with apostrophes, accents and hyphens", () => {
    const names = data.claimants.map((c) => `${c.firstName} ${c.lastName}`);
    expect(names).toContain("Siobhan O'Connor");
    expect(names).toContain("Zoë Brontë-Smith");
    expect(names).toContain("Mohammed Al-Hassan");
    expect(countWhere(names, (n) => n.includes("'"))).toBeGreaterThanOrEqual(3);
    // oxlint-disable-next-line no-control-regex -- anything outside ASCII
    expect(countWhere(names, (n) => /[^\x00-\x7f]/.test(n))).toBeGreaterThanOrEqual(3);
    expect(countWhere(names, (n) => n.includes("-"))).toBeGreaterThanOrEqual(3);
  });

  it("has someone with more than one claim, and every claimant at least one", () => {
    const claimsPerClaimant = groupBy(data.claims, (c) => c.claimantId);
    expect(data.claimants.every((c) => claimsPerClaimant.has(c.id))).toBe(true);
    expect([...claimsPerClaimant.values()].some((claims) => claims.length > 1)).toBe(true);
    expect(claimsPerClaimant.size).toBe(data.claimants.length);
  });

  it("gives realistic UK addresses whose postcode matches the town", () => {
    const towns = new Map(UK_TOWNS.map((t) => [t.town, t]));
    for (const claimant of data.claimants) {
      const town = towns.get(claimant.town);
      expect(town, claimant.town).toBeDefined();
      expect(claimant.postcode).toMatch(POSTCODE);
      expect(town?.districts).toContain(claimant.postcode.split(" ")[0]);
      expect(claimant.country).toBe(town?.country);
      expect(claimant.county).toBe(town?.county);
      expect(claimant.addressLine1).toMatch(/^\d+A? \S/);
    }
    expect(new Set(data.claimants.map((c) => c.country))).toEqual(new Set(["England", "Wales", "Scotland", "Northern Ireland"]));
  });

  it("gives dates of birth from 1940 to 2004, example emails and drama-range mobiles", () => {
    for (const claimant of data.claimants) {
      expect(claimant.dateOfBirth.getUTCFullYear()).toBeGreaterThanOrEqual(1940);
      expect(claimant.dateOfBirth.getUTCFullYear()).toBeLessThanOrEqual(2004);
      if (claimant.email !== null) expect(claimant.email).toMatch(/^[a-z0-9.-]+@example\.(com|org)$/);
      if (claimant.phone !== null) expect(claimant.phone).toMatch(/^07700900\d{3}$/);
    }
    const emails = data.claimants.flatMap((c) => (c.email ? [c.email] : []));
    expect(new Set(emails).size).toBe(emails.length);
  });

  it("has the contact detail each contact preference needs", () => {
    const byPreference = groupBy(data.claimants, (c) => c.contactPreference);
    expect([...byPreference.keys()].sort()).toEqual(["EMAIL", "LETTER", "SMS"]);
    expect(byPreference.get("EMAIL")?.every((c) => c.email !== null)).toBe(true);
    expect(byPreference.get("SMS")?.every((c) => c.phone !== null)).toBe(true);
    expect(byPreference.get("LETTER")?.every((c) => c.addressLine1 && c.town && c.postcode)).toBe(true);
  });

  it("creates each claimant with their first claim", () => {
    const claimsPerClaimant = groupBy(data.claims, (c) => c.claimantId);
    for (const claimant of data.claimants) {
      const first = Math.min(...(claimsPerClaimant.get(claimant.id) ?? []).map((c) => c.createdAt.getTime()));
      expect(claimant.createdAt.getTime()).toBe(first);
    }
  });
});

describe("generateDemoData: determinism and shape", () => {
  it("returns deep-equal data for the same seed and now", () => {
    expect(generateDemoData({ now: NOW, seed: SEED, userIds: USER_IDS })).toEqual(data);
  });

  it("returns different data for another seed", () => {
    const other = generateDemoData({ now: NOW, seed: SEED + 1, userIds: USER_IDS });
    expect(other.claims.map((c) => c.reference)).not.toEqual(data.claims.map((c) => c.reference));
  });

  it("uses unique v4-style UUIDs for every record", () => {
    const ids = allIds(data);
    expect(ids.every((id) => UUID_V4.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("refers only to records it made or to the given users", () => {
    const claimantIds = new Set(data.claimants.map((c) => c.id));
    expect(data.claims.every((c) => claimantIds.has(c.claimantId))).toBe(true);
    expect(data.bankDetails.every((b) => claimantIds.has(b.claimantId))).toBe(true);
    expect(data.bankDetailChanges.every((b) => claimantIds.has(b.claimantId))).toBe(true);
    expect(data.claimEvents.every((e) => claimById.has(e.claimId) && (e.actorId === null || CASEWORKER_IDS.has(e.actorId)))).toBe(
      true,
    );
  });

  it("refuses to run without the caseworkers' ids", () => {
    expect(() => generateDemoData({ now: NOW, seed: SEED, userIds: { [CASEWORKER_EMAIL]: CASEWORKER_ID } })).toThrow(
      CASEWORKER2_EMAIL,
    );
  });
});

function allIds(d: DemoData): string[] {
  return [d.claimants, d.bankDetails, d.bankDetailChanges, d.claims, d.expenseLines, d.claimEvents, d.payments].flatMap(
    (records) => records.map((r) => r.id),
  );
}
