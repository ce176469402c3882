import { describe, expect, it } from "vitest";
import { POST_OFFICE_CANCEL_REASON, SUSPENDED_REJECTED_CANCEL_PREFIX } from "@/lib/payments/rules/payment-transitions";
import { categoryOf, describeReconciled, reconciliationView, unpaidOutcome, whyCycleCannotBeReconciled } from "./reconciliation";

const none = { new: 0, sent: 0, notApproved: 0 };

describe("categoryOf", () => {
  it("splits cancellations by source and puts drafts and suspended payments together", () => {
    expect(categoryOf("CANCELLED", POST_OFFICE_CANCEL_REASON)).toBe("POST_OFFICE_CANCELLED");
    expect(categoryOf("CANCELLED", `${SUSPENDED_REJECTED_CANCEL_PREFIX}too much`)).toBe("CANCELLED");
    expect(categoryOf("CANCELLED", null)).toBe("CANCELLED");
    expect(categoryOf("DRAFT", null)).toBe("NOT_APPROVED");
    expect(categoryOf("SUSPENDED", null)).toBe("NOT_APPROVED");
    expect(categoryOf("PAID", null)).toBe("PAID");
    expect(categoryOf("CARRIED_OVER", null)).toBe("CARRIED_OVER");
  });
});

describe("whyCycleCannotBeReconciled", () => {
  it("allows an approved cycle with nothing new or sent (paid counts as settled)", () => {
    expect(whyCycleCannotBeReconciled("APPROVED", none)).toBeNull();
  });

  it("names what is still outstanding, in the accountant's words", () => {
    expect(whyCycleCannotBeReconciled("APPROVED", { ...none, sent: 3 })).toEqual({
      code: "INVALID_STATE",
      message: "3 payments are still sent and not yet settled: a cycle is reconciled once no payment is new or sent.",
    });
    expect(whyCycleCannotBeReconciled("APPROVED", { new: 1, sent: 1, notApproved: 0 })?.message).toBe(
      "1 payment is still sent and not yet settled, and 1 payment is still waiting for a run: a cycle is reconciled once no payment is new or sent.",
    );
    expect(whyCycleCannotBeReconciled("APPROVED", { new: 1_200, sent: 0, notApproved: 0 })?.message).toMatch(
      /^1,200 payments are still waiting for a run:/,
    );
  });

  it("refuses a cycle that is not approved, or reconciled already", () => {
    expect(whyCycleCannotBeReconciled("PENDING_APPROVAL", none)?.message).toBe(
      "This cycle is waiting for approval: only an approved cycle is reconciled, once its payments are settled.",
    );
    expect(whyCycleCannotBeReconciled("REJECTED", none)?.message).toMatch(/^This cycle is rejected:/);
    expect(whyCycleCannotBeReconciled("RECONCILED", none)?.message).toBe("This cycle is reconciled already.");
  });
});

describe("reconciliationView", () => {
  const figures = {
    PAID: { payments: 40, totalPence: 200_000 },
    CASHED: { payments: 5, totalPence: 25_000 },
    FAILED: { payments: 2, totalPence: 10_000 },
    EXPIRED: { payments: 1, totalPence: 5_000 },
    POST_OFFICE_CANCELLED: { payments: 1, totalPence: 5_500 },
    CANCELLED: { payments: 1, totalPence: 9_000 },
    CARRIED_OVER: { payments: 3, totalPence: 15_000 },
  };

  it("shows every category, the group totals and the total of all payments", () => {
    const view = reconciliationView({ status: "APPROVED", figures, carryOverUnpaid: true });
    expect(view.rows.map((r) => [r.category, r.payments, r.totalPence])).toEqual([
      ["PAID", 40, 200_000],
      ["CASHED", 5, 25_000],
      ["FAILED", 2, 10_000],
      ["EXPIRED", 1, 5_000],
      ["POST_OFFICE_CANCELLED", 1, 5_500],
      ["CARRIED_OVER", 3, 15_000],
      ["CANCELLED", 1, 9_000],
      ["NEW", 0, 0],
      ["SENT", 0, 0],
    ]);
    expect(view.groups.map((g) => [g.group, g.payments, g.totalPence])).toEqual([
      ["settled", 45, 225_000],
      ["unpaid", 4, 20_500],
      ["carried", 3, 15_000],
      ["cancelled", 1, 9_000],
      ["outstanding", 0, 0],
    ]);
    expect(view.all).toEqual({ payments: 53, totalPence: 269_500 });
    expect(view.refusal).toBeNull();
    expect(view.unpaidWords).toBe(
      "The plan carries unpaid amounts over: the 4 unpaid payments (£205.00) will be carried into the next cycle created, for people still enrolled; any other is listed for action.",
    );
  });

  it("says unpaid payments are listed for action when the plan does not carry over, and nothing when none is unpaid", () => {
    const one = reconciliationView({
      status: "RECONCILED",
      figures: { PAID: { payments: 1, totalPence: 100 }, FAILED: { payments: 1, totalPence: 5_000 } },
      carryOverUnpaid: false,
    });
    expect(one.unpaidWords).toBe(
      "The plan does not carry unpaid amounts over: the 1 unpaid payment (£50.00) is listed for action.",
    );
    expect(one.refusal?.message).toBe("This cycle is reconciled already.");
    expect(reconciliationView({ status: "APPROVED", figures: {}, carryOverUnpaid: true }).unpaidWords).toBeNull();
  });

  it("refuses while payments are outstanding, and shows drafts only when there are some", () => {
    const view = reconciliationView({
      status: "APPROVED",
      figures: { ...figures, SENT: { payments: 3, totalPence: 15_000 }, NOT_APPROVED: { payments: 1, totalPence: 1 } },
      carryOverUnpaid: true,
    });
    expect(view.refusal?.message).toMatch(/^3 payments are still sent and not yet settled, and 1 payment is not approved:/);
    expect(view.rows.at(-1)).toMatchObject({ category: "NOT_APPROVED", payments: 1, group: "outstanding" });
    expect(view.groups.find((g) => g.group === "outstanding")).toMatchObject({ payments: 4, totalPence: 15_001 });
  });
});

describe("unpaidOutcome", () => {
  const base = { category: "FAILED" as const, carryOverUnpaid: true, enrolmentEndedOn: null, planHasLaterPeriod: true };

  it("is carried when the plan carries over, the person stays enrolled and the plan goes on", () => {
    expect(unpaidOutcome(base)).toEqual({ carried: true, words: "Will be carried into the next cycle" });
  });

  it("is for action otherwise, saying why it is not carried and what to do", () => {
    expect(unpaidOutcome({ ...base, carryOverUnpaid: false })).toEqual({
      carried: false,
      words: "For action: contact the person: their bank rejected the payment (they have been asked for new bank details)",
    });
    expect(unpaidOutcome({ ...base, category: "EXPIRED", enrolmentEndedOn: "2026-11-30" })).toEqual({
      carried: false,
      words:
        "For action (not carried: the enrolment ended on 30 November 2026): contact the person: their voucher expired uncashed",
    });
    expect(unpaidOutcome({ ...base, category: "POST_OFFICE_CANCELLED", planHasLaterPeriod: false }).words).toBe(
      "For action (not carried: the plan has no later period): contact the person: the Post Office cancelled their voucher",
    );
  });
});

describe("describeReconciled", () => {
  it("says what the reconciled cycle came to, leaving out empty groups other than the settled one", () => {
    const figure = (payments: number, totalPence: number) => ({ payments, totalPence });
    expect(
      describeReconciled({
        settled: figure(45, 225_000),
        unpaid: figure(1, 5_000),
        carried: figure(0, 0),
        cancelled: figure(2, 18_000),
        outstanding: figure(0, 0),
      }),
    ).toBe("45 payments settled (£2,250.00); 1 payment unpaid (£50.00); 2 payments cancelled (£180.00).");
    expect(
      describeReconciled({
        settled: figure(0, 0),
        unpaid: figure(0, 0),
        carried: figure(0, 0),
        cancelled: figure(0, 0),
        outstanding: figure(0, 0),
      }),
    ).toBe("0 payments settled (£0.00).");
  });
});
