// The lists on the benefit plan pages: a plan's beneficiaries, keyset-paged by name without gaps or
// repeats, filtered by name, person reference, method and "enrolled on"; the plans with their
// counts; and the queue of changes waiting for a second plan manager.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createBenefitPlan } from "@/lib/plans/benefit-plans/create-benefit-plan";
import { listBenefitPlans } from "@/lib/plans/benefit-plans/list-benefit-plans";
import { parseBeneficiaryListParams, type BeneficiaryListParams } from "@/lib/plans/enrolments/beneficiary-list-params";
import { listBeneficiaries } from "@/lib/plans/enrolments/list-beneficiaries";
import { listPendingApprovals } from "@/lib/plans/enrolments/list-pending-approvals";
import { proposePaymentMethod } from "@/lib/plans/enrolments/propose-payment-method";
import { encryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { VALID_BANK } from "../support/make-claim";
import { useTestDatabase } from "../support/test-db";
import { BANK_FIELDS, dateFields, enrol, NEW_PERSON, planManager } from "./enrolments-support";

const { db } = useTestDatabase();
const key = randomBytes(32);
const NOW = new Date("2026-11-28T10:00:00.000Z");

const PEOPLE = [
  ["Ada", "lovelace", "CASH", "2026-01-01", null],
  ["Grace", "Hopper", "CASH", "2026-06-01", "2026-08-31"],
  ["Alan", "Turing", "CASH", "2027-01-01", null],
  ["Mary", "O'Hara_100%", "CASH", "2026-01-01", null],
  ["Ada", "Byron", "CASH", "2026-01-01", null],
  ["Tim", "Berners-Lee", "CASH", "2026-01-01", null],
  ["Karen", "Spärck Jones", "CASH", "2026-01-01", null],
] as const;

async function seedPlan(code: string) {
  const actor = await planManager(db());
  await createBenefitPlan({ db: db(), plan: { code, name: code, description: null, attributes: [] }, actor, now: NOW });
  const references: Record<string, string> = {};
  for (const [first, last, method, from, to] of PEOPLE) {
    const { reference } = await enrol(db(), key, {
      planCode: code,
      actor,
      fields: { ...NEW_PERSON, firstName: first, lastName: last, paymentMethod: method, ...dateFields("enrolledFrom", from) },
    });
    if (to)
      await db().enrolment.updateMany({
        where: { person: { reference } },
        data: { enrolledTo: new Date(to), endReason: "MOVED_AWAY" },
      });
    references[`${first} ${last}`] = reference;
  }
  const plan = await db().benefitPlan.findUniqueOrThrow({ where: { code } });
  return { plan, actor, references };
}

async function allPages(planId: string, params: BeneficiaryListParams, pageSize: number) {
  const pages: string[][] = [];
  let page = await listBeneficiaries(db(), planId, params, pageSize);
  pages.push(page.rows.map((r) => r.name));
  while (page.next) {
    page = await listBeneficiaries(db(), planId, { ...params, after: page.next }, pageSize);
    pages.push(page.rows.map((r) => r.name));
  }
  // And back from the last page to the first.
  const back: string[][] = [pages[pages.length - 1]];
  while (page.previous) {
    page = await listBeneficiaries(db(), planId, { ...params, before: page.previous }, pageSize);
    back.unshift(page.rows.map((r) => r.name));
  }
  return { pages, back };
}

describe("a plan's beneficiaries", () => {
  it("page by last then first name, ignoring case, forwards and back without gaps or repeats", async () => {
    const { plan } = await seedPlan("LIST");
    const { pages, back } = await allPages(plan.id, {}, 3);
    expect(pages).toEqual([
      ["Tim Berners-Lee", "Ada Byron", "Grace Hopper"],
      ["Ada lovelace", "Mary O'Hara_100%", "Karen Spärck Jones"],
      ["Alan Turing"],
    ]);
    expect(back).toEqual(pages);
  });

  it("filter by name (wildcards taken literally), reference, method and the day enrolled", async () => {
    const { plan, references } = await seedPlan("FILT");
    const names = async (input: Record<string, string>) =>
      (await listBeneficiaries(db(), plan.id, parseBeneficiaryListParams(input).params)).rows.map((r) => r.name);
    expect(await names({ name: "ada" })).toEqual(["Ada Byron", "Ada lovelace"]);
    expect(await names({ name: "_100%" })).toEqual(["Mary O'Hara_100%"]);
    expect(await names({ name: "a_" })).toEqual(["Mary O'Hara_100%"]);
    expect(await names({ reference: references["Alan Turing"].toLowerCase() })).toEqual(["Alan Turing"]);
    expect(await names({ method: "bank" })).toEqual([]);
    // Enrolled on 1 July 2026: not Alan (from 2027), Grace until the end of August.
    expect(await names({ activeOn: "2026-07-01" })).toEqual([
      "Tim Berners-Lee",
      "Ada Byron",
      "Grace Hopper",
      "Ada lovelace",
      "Mary O'Hara_100%",
      "Karen Spärck Jones",
    ]);
    expect(await names({ activeOn: "2026-09-01", name: "grace" })).toEqual([]);
    expect(parseBeneficiaryListParams({ activeOn: "2026-02-30", reference: "nope" }).problems).toEqual([
      { field: "activeOn", message: "Enrolled on must be a real date" },
      { field: "reference", message: "Person reference must be 7 letters and numbers, like 7KQ2M9X" },
    ]);
  });
});

describe("the benefit plans list and the approvals queue", () => {
  it("counts beneficiaries enrolled today and ever, and lists what waits for a second plan manager", async () => {
    const { plan, actor, references } = await seedPlan("QUEUE");
    // As a second plan manager's approval of their first payment methods leaves them.
    await db().enrolment.updateMany({
      where: { benefitPlanId: plan.id },
      data: { pendingPaymentMethod: null, pendingMethodProposedById: null, pendingMethodProposedAt: null },
    });
    const plans = await listBenefitPlans(db(), "2026-11-28");
    expect(plans.find((p) => p.code === "QUEUE")).toEqual({
      code: "QUEUE",
      name: "QUEUE",
      attributes: 0,
      activeBeneficiaries: 5,
      enrolments: 7,
    });
    const { reference: withBank } = await enrol(db(), key, {
      planCode: "QUEUE",
      actor,
      fields: {
        ...NEW_PERSON,
        firstName: "Ida",
        lastName: "Rhodes",
        paymentMethod: "BANK",
        ...BANK_FIELDS,
        ...dateFields("enrolledFrom", "2026-01-01"),
      },
    });
    const ada = await db().claimant.findUniqueOrThrow({ where: { reference: references["Ada lovelace"] } });
    await db().bankDetails.create({ data: { claimantId: ada.id, ciphertext: encryptBankDetails(VALID_BANK, key) } });
    await proposePaymentMethod({ db: db(), planCode: "QUEUE", personReference: ada.reference!, method: "BANK", actor, now: NOW });
    // A new enrolment's first method waits too (from and to the same method).
    const queue = (await listPendingApprovals(db()))
      .filter((a) => a.planCode === "QUEUE")
      .sort((a, b) => a.kind.localeCompare(b.kind) || a.personName.localeCompare(b.personName));
    expect(queue.map((a) => [a.kind, a.personReference, a.personName, a.proposedByName, a.fromMethod, a.toMethod])).toEqual([
      ["BANK_DETAILS", withBank, "Ida Rhodes", actor.name, null, null],
      ["PAYMENT_METHOD", references["Ada lovelace"], "Ada lovelace", actor.name, "CASH", "BANK"],
      ["PAYMENT_METHOD", withBank, "Ida Rhodes", actor.name, "BANK", "BANK"],
    ]);
  });
});
