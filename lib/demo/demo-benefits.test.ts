import { describe, expect, it } from "vitest";
import { checkBankAccount } from "../bank-details/modulus";
import { londonDate } from "../dates/london-date";
import { isPaymentCode } from "../payout/rules/payment-code";
import { calculatePayment } from "../plans/rules/calculate-payment";
import { calculationRuleSchemaFor } from "../plans/rules/calculation-rule";
import { conditionMatches } from "../plans/rules/condition-matches";
import { isClaimReference } from "../references/claim-reference";
import {
  CARE_HOURS,
  DEFAULT_BENEFICIARY_COUNT,
  DEMO_RULE,
  demoDates,
  demoPaymentCodeFile,
  demoReconciliationReport,
  generateDemoBenefits,
  JOINERS,
  REGION,
  REGIONS,
  WITHOUT_REGION,
  type DemoAttributeValues,
  type DemoBenefits,
} from "./demo-benefits";
import { DEMO_USERS } from "./demo-users";

const NOW = new Date("2026-11-22T10:30:00Z");
const SEED = 20261122;
const USER_IDS = Object.fromEntries(
  DEMO_USERS.map((u, i) => [u.email, `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`]),
);
const data = generateDemoBenefits({ now: NOW, seed: SEED, userIds: USER_IDS });
const { script } = data;

/** Each enrolment's attribute set in force on `date` (the latest starting on or before it), as a cycle sees it. */
function valuesOn(benefits: DemoBenefits, date: string): Map<string, DemoAttributeValues> {
  const byEnrolment = new Map<string, DemoAttributeValues>();
  const sets = [...benefits.enrolmentAttributes].sort((a, b) => a.effectiveFrom.getTime() - b.effectiveFrom.getTime());
  for (const set of sets) if (set.effectiveFrom.toISOString().slice(0, 10) <= date) byEnrolment.set(set.enrolmentId, set.values);
  return byEnrolment;
}

/** References of the people a cycle for the period from `start` pays, with what the rule gives them. */
function payroll(benefits: DemoBenefits, start: string, end: string) {
  const values = valuesOn(benefits, start);
  const ended = new Map(benefits.script.endings.map((e) => [e.personReference, e.enrolledTo]));
  const referenceOf = new Map(benefits.people.map((p) => [p.id, p.reference]));
  return benefits.enrolments
    .filter((e) => e.enrolledFrom.toISOString().slice(0, 10) <= end)
    .filter((e) => (ended.get(referenceOf.get(e.personId)!) ?? "9999-12-31") >= start)
    .map((e) => ({ reference: referenceOf.get(e.personId)!, ...calculatePayment(DEMO_RULE, values.get(e.id)!, []) }));
}

describe("generateDemoBenefits", () => {
  it("is deterministic for a seed and a day, and differs for another seed", () => {
    expect(generateDemoBenefits({ now: NOW, seed: SEED, userIds: USER_IDS })).toEqual(data);
    expect(generateDemoBenefits({ now: NOW, seed: SEED + 1, userIds: USER_IDS }).people[20]).not.toEqual(data.people[20]);
  });

  it("enrols at least 2,000 people with unique 7-character references, UK names and addresses in England and Wales", () => {
    expect(data.enrolments).toHaveLength(DEFAULT_BENEFICIARY_COUNT + JOINERS);
    expect(data.enrolments.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(data.people.map((p) => p.reference)).size).toBe(data.people.length);
    expect(new Set(data.people.map((p) => p.id)).size).toBe(data.people.length);
    expect(data.people.every((p) => isClaimReference(p.reference))).toBe(true);
    expect(new Set(data.people.map((p) => p.country))).toEqual(new Set(["England", "Wales"]));
    expect(data.people[0]).toMatchObject({ firstName: "Siobhan", lastName: "O'Connor" });
    expect(data.enrolments.map((e) => e.personId).sort()).toEqual(data.people.map((p) => p.id).sort());
  });

  it("pays three in four by bank, each with bank details that pass the modulus check, and some cash beneficiaries hold details too", () => {
    const bank = data.enrolments.filter((e) => e.paymentMethod === "BANK");
    expect(bank.length / data.enrolments.length).toBeGreaterThan(0.7);
    expect(bank.length / data.enrolments.length).toBeLessThan(0.8);
    const withDetails = new Set(data.bankDetails.map((b) => b.claimantId));
    expect(bank.every((e) => withDetails.has(e.personId))).toBe(true);
    expect(data.bankDetails.every((b) => checkBankAccount(b.sortCode, b.accountNumber).valid)).toBe(true);
    expect(data.enrolments.filter((e) => e.paymentMethod === "CASH" && withDetails.has(e.personId)).length).toBeGreaterThan(0);
  });

  it("declares the attributes the rule and the payment points use; every value fits its declaration", () => {
    const declared = data.benefitPlan.attributes;
    expect(calculationRuleSchemaFor(declared).safeParse(DEMO_RULE).success).toBe(true);
    for (const point of data.paymentPoints) {
      const asRule = { ...DEMO_RULE, conditionalAmounts: [{ ...DEMO_RULE.conditionalAmounts[0], conditions: point.filters }] };
      expect(calculationRuleSchemaFor(declared).safeParse(asRule).success, point.name).toBe(true);
    }
    for (const set of data.enrolmentAttributes) {
      expect(Number.isInteger(set.values["Household size"])).toBe(true);
      expect(typeof set.values.Disability).toBe("boolean");
      expect(set.values["Date of birth"]).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (REGION in set.values) expect(REGIONS).toContain(set.values[REGION]);
    }
  });

  it("has two payment points by region, at positions 1 and 2, with managers; a few beneficiaries are in neither", () => {
    expect(data.paymentPoints.map((p) => [p.name, p.position])).toEqual([
      ["North and Midlands", 1],
      ["South and Wales", 2],
    ]);
    expect(data.paymentPoints.map((p) => p.managerId)).toEqual([
      USER_IDS["caseworker2@demo.disburse.test"],
      USER_IDS["caseworker@demo.disburse.test"],
    ]);
    const values = [...valuesOn(data, script.currentPeriodStart).values()];
    const inNoPoint = values.filter((v) => !data.paymentPoints.some((p) => p.filters.every((f) => conditionMatches(f, v))));
    expect(inNoPoint).toHaveLength(WITHOUT_REGION);
  });

  it("makes last month's payroll with every conditional amount, the ceiling, and six payments over the limit: those the script decides", () => {
    const previous = payroll(data, script.previousPeriodStart, "2026-10-31");
    expect(previous).toHaveLength(DEFAULT_BENEFICIARY_COUNT);
    expect(previous.some((p) => p.status === "NOTHING_DUE")).toBe(false);
    const lines = previous.flatMap((p) => p.lines);
    for (const label of DEMO_RULE.conditionalAmounts.map((c) => c.label)) {
      expect(
        lines.some((l) => l.label === label),
        label,
      ).toBe(true);
    }
    expect(lines.some((l) => l.kind === "CEILING")).toBe(true);
    const suspended = previous.filter((p) => p.status === "SUSPENDED").map((p) => p.reference);
    expect(suspended.sort()).toEqual(script.previousCycle.decisions.flatMap((d) => d.personReferences).sort());
    expect(script.previousCycle.decisions.map((d) => [d.decision, d.personReferences.length])).toEqual([
      ["APPROVE_FULL", 3],
      ["APPROVE_AT_LIMIT", 2],
      ["REJECT", 1],
    ]);
    // Exceptional care costs alone stay under the limit.
    expect(previous.some((p) => p.status === "DRAFT" && p.lines.some((l) => l.label === "Exceptional care costs"))).toBe(true);
  });

  it("makes this month's payroll without the ended enrolments, with the joiners and a couple still over the limit", () => {
    const current = payroll(data, script.currentPeriodStart, "2026-11-30");
    expect(current).toHaveLength(DEFAULT_BENEFICIARY_COUNT + JOINERS - script.endings.length);
    const suspended = current.filter((p) => p.status === "SUSPENDED");
    expect(suspended.length).toBeGreaterThanOrEqual(2);
    expect(suspended.length).toBeLessThan(6);
    const changedFromThisMonth = data.enrolmentAttributes.filter((s) => s.effectiveFrom.toISOString().startsWith("2026-11-01"));
    expect(changedFromThisMonth.length).toBeGreaterThan(10);
    expect(changedFromThisMonth.some((s) => Number(s.values[CARE_HOURS]) < 50)).toBe(true);
  });

  it("ends four enrolments last month (death, moved away) and proposes bank details and methods for the other plan manager", () => {
    expect(script.endings.map((e) => e.reason)).toEqual(["DEATH", "DEATH", "MOVED_AWAY", "MOVED_AWAY"]);
    expect(script.endings.every((e) => e.enrolledTo.startsWith("2026-10-"))).toBe(true);
    const bankByPerson = new Map(data.bankDetails.map((b) => [b.claimantId, b]));
    const personByReference = new Map(data.people.map((p) => [p.reference, p]));
    const enrolmentOf = new Map(data.enrolments.map((e) => [e.personId, e]));
    expect(script.bankDetailsProposals).toHaveLength(3);
    for (const proposal of script.bankDetailsProposals) {
      const current = bankByPerson.get(personByReference.get(proposal.personReference)!.id)!;
      expect(checkBankAccount(proposal.details.sortCode, proposal.details.accountNumber).valid).toBe(true);
      expect(proposal.details.accountNumber).not.toBe(current.accountNumber);
    }
    const methods = script.methodProposals.map((m) => {
      const person = personByReference.get(m.personReference)!;
      return { from: enrolmentOf.get(person.id)!.paymentMethod, to: m.method, hasDetails: bankByPerson.has(person.id) };
    });
    expect(methods).toEqual([
      { from: "BANK", to: "CASH", hasDetails: true },
      { from: "CASH", to: "BANK", hasDetails: true },
    ]);
    const special = [
      ...script.endings.map((e) => e.personReference),
      ...script.bankDetailsProposals.map((p) => p.personReference),
      ...script.methodProposals.map((p) => p.personReference),
      ...script.previousCycle.decisions.flatMap((d) => d.personReferences),
    ];
    expect(new Set(special).size).toBe(special.length);
  });

  it("tells the story in order, last month and this, all before now", () => {
    expect(demoDates(NOW)).toEqual({ previous: "2026-10-01", current: "2026-11-01" });
    const c = script.previousCycle;
    const story = [
      data.benefitPlan.createdAt,
      data.paymentPlan.createdAt,
      c.createdAt,
      ...c.decisions.map((d) => d.at),
      c.approvedAt,
      c.bankRunAt,
      c.payoutRunAt,
      c.downloadedAt,
      c.codesUploadedAt,
      c.paidSweepAt,
      c.reconciliationUploadedAt,
      ...script.endings.map((e) => e.at),
      script.currentCycle.createdAt,
      ...script.bankDetailsProposals.map((p) => p.at),
      ...script.methodProposals.map((p) => p.at),
    ].map((d) => d.getTime());
    expect(story).toEqual([...story].sort((a, b) => a - b));
    expect(Math.max(...story)).toBeLessThan(NOW.getTime());
    expect(londonDate(c.createdAt) >= "2026-10-01" && londonDate(c.reconciliationUploadedAt) < "2026-11-01").toBe(true);
    expect(c.cashedOn < londonDate(c.reconciliationUploadedAt)).toBe(true);
    const latestChange = Math.max(...data.enrolmentAttributes.map((s) => s.createdAt.getTime()));
    expect(latestChange).toBeLessThan(script.currentCycle.createdAt.getTime());
    // The first of the month just after midnight: still all in the past.
    const early = generateDemoBenefits({ now: new Date("2026-03-01T00:05:00Z"), seed: SEED, userIds: USER_IDS });
    expect(early.script.methodProposals[1].at.getTime()).toBeLessThan(new Date("2026-03-01T00:05:00Z").getTime());
    expect(early.script.previousCycle.reconciliationUploadedAt < early.script.currentCycle.createdAt).toBe(true);
  });

  it("gives each cash beneficiary a unique voucher code and reports most of last month's vouchers cashed", () => {
    const cash = data.enrolments.filter((e) => e.paymentMethod === "CASH");
    const codes = Object.values(script.previousCycle.paymentCodes);
    expect(codes).toHaveLength(cash.length);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every(isPaymentCode)).toBe(true);
    const share = script.previousCycle.cashed.length / (cash.length - JOINERS);
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.9);
  });

  it("refuses too few beneficiaries and a missing demo user", () => {
    expect(() => generateDemoBenefits({ now: NOW, seed: SEED, userIds: USER_IDS, beneficiaryCount: 10 })).toThrow(
      "beneficiaryCount must be an integer of at least 100",
    );
    const { ["accountant@demo.disburse.test"]: _, ...without } = USER_IDS;
    expect(() => generateDemoBenefits({ now: NOW, seed: SEED, userIds: without })).toThrow(
      "needs the id of demo user accountant@demo.disburse.test",
    );
  });
});

describe("the Post Office's files for the demo", () => {
  const payoutFile =
    "60.00,,Siobhan,OConnor,1 High Street,Leeds,West Yorkshire,England,LS6 1AB,2,,,7KQ2M9X-202610,,,,,,NOMS1086-LET-003,,,01 10 2026\n" +
    "135.00,,Tom,Swann,2 Low Road,Cardiff,South Glamorgan,Wales,CF10 1AA,2,,,3HJ8P2W-202610,,,,,,NOMS1086-LET-003,,,01 10 2026\n";
  const codes = { "7KQ2M9X": "K7QX2M9PLA4TZ", "3HJ8P2W": "ABCDEFGHJ2345" };

  it("adds each line's code as column 23", () => {
    expect(demoPaymentCodeFile(payoutFile, codes)).toBe(
      "60.00,,Siobhan,OConnor,1 High Street,Leeds,West Yorkshire,England,LS6 1AB,2,,,7KQ2M9X-202610,,,,,,NOMS1086-LET-003,,,01 10 2026,K7QX2M9PLA4TZ\n" +
        "135.00,,Tom,Swann,2 Low Road,Cardiff,South Glamorgan,Wales,CF10 1AA,2,,,3HJ8P2W-202610,,,,,,NOMS1086-LET-003,,,01 10 2026,ABCDEFGHJ2345\n",
    );
    expect(() => demoPaymentCodeFile(payoutFile, { "7KQ2M9X": "K7QX2M9PLA4TZ" })).toThrow(
      "no demo payment code for 3HJ8P2W-202610",
    );
  });

  it("reports the cashed vouchers only, with a header", () => {
    expect(demoReconciliationReport(payoutFile, codes, ["3HJ8P2W", "ZZZZZZZ"], "2026-10-20")).toBe(
      "Reference,Payment Code,Amount,Status,Status Date\n3HJ8P2W-202610,ABCDEFGHJ2345,135.00,CASHED,2026-10-20\n",
    );
  });
});
