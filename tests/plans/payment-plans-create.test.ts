// Creating a payment plan through its form's action, against PostgreSQL: the plan and its version 1
// as typed, audited; a code already taken; the "add another" and "remove" buttons, which give the
// form back with a row more or less and save nothing.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { listPaymentPlans, loadPaymentPlan } from "@/lib/plans/payment-plans/queries";
import { describeRule } from "@/lib/plans/rules/describe-rule";
import { useTestDatabase } from "../support/test-db";
import { loadPlanActions, makeBenefitPlan, PLAN_FIELDS_RULE, planFields, post, staff } from "./payment-plans-support";

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", async (original) => ({
  ...(await original<object>()),
  redirect: (url: string) => {
    throw Object.assign(new Error(`redirect to ${url}`), { redirectTo: url });
  },
}));

const { db, url } = useTestDatabase();
let actions: Awaited<ReturnType<typeof loadPlanActions>>;
let manager: CurrentUser;
let benefitPlanId: string;

beforeAll(async () => {
  actions = await loadPlanActions(url());
  manager = await staff(db(), "PLAN_MANAGER");
  benefitPlanId = (await makeBenefitPlan(db(), manager.id)).id;
  signedIn = manager;
});

describe("creating a payment plan", () => {
  it("saves the plan and version 1 of its rule as typed, audits it, and goes to the plan's page", async () => {
    const outcome = await post(actions.createPaymentPlanAction, {
      ...planFields({ code: "chb-monthly", letterTemplateCode: "NOMS1086-LET-009" }),
      "validTo-day": "31",
      "validTo-month": "12",
      "validTo-year": "2028",
      benefitPlanId,
    });
    const plan = await db().paymentPlan.findUniqueOrThrow({ where: { code: "CHB-MONTHLY" }, include: { versions: true } });
    expect(outcome).toEqual({ redirectTo: `/payment-plans/${plan.id}?saved=created` });
    expect(plan).toMatchObject({
      name: "Child benefit, monthly",
      benefitPlanId,
      periodicityMonths: 1,
      validFrom: new Date("2027-01-01T00:00:00Z"),
      validTo: new Date("2028-12-31T00:00:00Z"),
      carryOverUnpaid: true,
      letterTemplateCode: "NOMS1086-LET-009",
      createdById: manager.id,
    });
    expect(plan.versions).toHaveLength(1);
    expect(plan.versions[0]).toMatchObject({ version: 1, rule: PLAN_FIELDS_RULE, createdById: manager.id });

    const audit = await db().auditLog.findMany({ where: { entityType: "PaymentPlan", entityId: plan.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "payment-plan.created", actorId: manager.id, actorLabel: manager.email });
    expect(audit[0].after).toMatchObject({ code: "CHB-MONTHLY", version: 1, rule: PLAN_FIELDS_RULE, validTo: "2028-12-31" });

    const [listed] = (await listPaymentPlans(db())).filter((p) => p.id === plan.id);
    expect(listed).toMatchObject({ code: "CHB-MONTHLY", currentVersion: 1, validFrom: "2027-01-01", validTo: "2028-12-31" });
    const view = await loadPaymentPlan(db(), plan.id);
    expect(view!.versions.map((v) => [v.version, v.createdBy])).toEqual([[1, `${manager.name} (${manager.email})`]]);
    expect(describeRule(view!.versions[0].rule)).toBe(
      "£50.00 base; +£20.00 when Household size >= 3 (Large household; counts towards ceiling); " +
        "+£25.00 when Disabled = yes (Disability; counts towards ceiling); " +
        '+£10.00 when Region = "North" (Northern fuel; outside the ceiling); ' +
        "ceiling £30.00 on the amounts that count towards it; a payment above £90.00 is suspended for an accountant",
    );
  });

  it("refuses a code already taken, on the code field, keeping what was typed", async () => {
    const before = await db().paymentPlan.count();
    const outcome = await post(actions.createPaymentPlanAction, { ...planFields({ name: "Again" }), benefitPlanId });
    expect(outcome).toMatchObject({
      ok: false,
      code: "CONFLICT",
      fieldErrors: { code: ["A payment plan with the code CHB-MONTHLY already exists"] },
      data: { values: { name: "Again", code: "CHB-MONTHLY" } },
    });
    expect(await db().paymentPlan.count()).toBe(before);
  });

  it("adds and removes rows without saving anything, and says where focus goes", async () => {
    const before = await db().paymentPlan.count();
    const added = await post(actions.createPaymentPlanAction, {
      ...planFields({ intent: "add-amount", code: "NEW" }),
      benefitPlanId,
    });
    expect(added).toMatchObject({ ok: true, data: { focus: "amount-4-label" } });
    const values = (added.data as { values: { amounts: { label: string; conditions: unknown[] }[] } }).values;
    expect(values.amounts.map((a) => a.label)).toEqual(["Large household", "Disability", "Northern fuel", ""]);
    expect(values.amounts[3].conditions).toHaveLength(1);

    const removed = await post(actions.createPaymentPlanAction, {
      ...planFields({ intent: "remove-amount:2", code: "NEW" }),
      benefitPlanId,
    });
    const after = (removed.data as { values: { amounts: { label: string }[] } }).values;
    expect(after.amounts.map((a) => a.label)).toEqual(["Large household", "Northern fuel"]);
    expect(await db().paymentPlan.count()).toBe(before);
  });

  it("saves a flat plan with no conditional amounts, no ceiling and no limit", async () => {
    const outcome = await post(actions.createPaymentPlanAction, {
      ...planFields({ code: "FLAT", amountCount: "0", ceiling: "", limit: "", periodicityMonths: "3", carryOverUnpaid: "no" }),
      benefitPlanId,
    });
    expect(outcome.redirectTo).toMatch(/^\/payment-plans\/[0-9a-f-]{36}\?saved=created$/);
    const plan = await db().paymentPlan.findUniqueOrThrow({ where: { code: "FLAT" }, include: { versions: true } });
    expect(plan).toMatchObject({ periodicityMonths: 3, carryOverUnpaid: false, validTo: null, letterTemplateCode: null });
    expect(plan.versions[0].rule).toEqual({
      baseAmountPence: 5_000,
      conditionalAmounts: [],
      ceilingPence: null,
      limitPence: null,
    });
  });

  it("refuses a benefit plan that does not exist", async () => {
    const outcome = await post(actions.createPaymentPlanAction, {
      ...planFields({ code: "NOPE" }),
      benefitPlanId: "0b8f3a52-6d4e-4f1a-9c2b-7e5d4c3b2a19",
    });
    expect(outcome).toMatchObject({ ok: false, code: "NOT_FOUND" });
  });
});
