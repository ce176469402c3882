// The preview: what the rule in the form (saved or not) pays a beneficiary of the benefit plan,
// found by person reference, with the attribute values in force today, each part of the sum shown.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { londonDate } from "@/lib/dates/london-date";
import { previewPayment, type PaymentPreview } from "@/lib/plans/payment-plans/preview-payment";
import { loadBenefitPlanForForm, type BenefitPlanForForm } from "@/lib/plans/payment-plans/queries";
import type { CalculationRule } from "@/lib/plans/rules/calculation-rule";
import { useTestDatabase } from "../support/test-db";
import { enrol, loadPlanActions, makeBenefitPlan, PLAN_FIELDS_RULE, planFields, post, staff } from "./payment-plans-support";

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { db, url } = useTestDatabase();
let actions: Awaited<ReturnType<typeof loadPlanActions>>;
let benefitPlan: BenefitPlanForForm;
let everything: string;
let changed: string;
let other: string;

beforeAll(async () => {
  actions = await loadPlanActions(url());
  const manager = await staff(db(), "PLAN_MANAGER");
  signedIn = manager;
  benefitPlan = (await loadBenefitPlanForForm(db(), (await makeBenefitPlan(db(), manager.id)).id))!;
  const createdById = manager.id;
  everything = (
    await enrol(db(), {
      benefitPlanId: benefitPlan.id,
      createdById,
      firstName: "Ada",
      attributes: [{ effectiveFrom: "2020-01-01", values: { "Household size": 4, Disabled: true, Region: "North" } }],
    })
  ).reference!;
  changed = (
    await enrol(db(), {
      benefitPlanId: benefitPlan.id,
      createdById,
      firstName: "Bob",
      enrolledTo: "2021-12-31",
      endReason: "Moved away",
      attributes: [
        { effectiveFrom: "2020-01-01", values: { "Household size": 1, Disabled: true, Region: "North" } },
        { effectiveFrom: "2021-06-01", values: { "Household size": 3, Disabled: false, Region: "South" } },
        { effectiveFrom: "2999-01-01", values: { "Household size": 9, Disabled: true, Region: "North" } },
      ],
    })
  ).reference!;
  const elsewhere = await makeBenefitPlan(db(), createdById);
  other = (await enrol(db(), { benefitPlanId: elsewhere.id, createdById, attributes: [] })).reference!;
});

type Outcome = { ok: boolean; code?: string; fieldErrors?: Record<string, string[]>; data?: { preview?: PaymentPreview } };
const preview = async (fields: Record<string, string>) =>
  (await post(actions.createPaymentPlanAction, {
    ...planFields({ intent: "preview", code: "", name: "" }),
    benefitPlanId: benefitPlan.id,
    ...fields,
  })) as Outcome;

describe("previewing a payment plan's rule", () => {
  it("shows every part of the sum for a beneficiary, with the ceiling applied and within the limit, saving nothing", async () => {
    const outcome = await preview({ previewReference: ` ${everything.toLowerCase()} ` });
    expect(outcome.ok).toBe(true);
    const p = outcome.data!.preview!;
    expect(p.person).toEqual({ reference: everything, name: "Ada Hopper" });
    expect(p.today).toBe(londonDate(new Date()));
    expect(p.attributesFrom).toBe("2020-01-01");
    expect(p.attributes).toEqual([
      { name: "Household size", value: "4" },
      { name: "Region", value: '"North"' },
      { name: "Disabled", value: "yes" },
    ]);
    expect(p.breakdown).toMatchObject({
      basePence: 5_000,
      // 20 + 25 counting, capped at 30; the Northern 10 outside the ceiling.
      ceiling: { ceilingPence: 3_000, countingPence: 4_500, reductionPence: -1_500 },
      periodPence: 9_000,
      limit: { limitPence: 9_000, exceeded: false },
      status: "DRAFT",
    });
    expect(p.breakdown.conditionalAmounts.map((a) => [a.label, a.matched])).toEqual([
      ["Large household", true],
      ["Disability", true],
      ["Northern fuel", true],
    ]);
    expect(await db().paymentPlan.count()).toBe(0);
  });

  it("previews the rule as typed, not as saved: a penny lower limit would suspend the same payment", async () => {
    const outcome = await preview({ previewReference: everything, limit: "89.99" });
    expect(outcome.data!.preview!.breakdown).toMatchObject({
      periodPence: 9_000,
      limit: { limitPence: 8_999, exceeded: true },
      status: "SUSPENDED",
    });
  });

  it("uses the attribute values in force today, not earlier or later ones, and says the enrolment ended", async () => {
    const p = (await preview({ previewReference: changed })).data!.preview!;
    expect(p.attributesFrom).toBe("2021-06-01");
    expect(p.enrolledTo).toBe("2021-12-31");
    expect(p.endReason).toBe("Moved away");
    expect(p.breakdown.conditionalAmounts.map((a) => a.matched)).toEqual([true, false, false]);
    expect(p.breakdown.periodPence).toBe(7_000);
    expect(p.breakdown.conditionalAmounts[1].conditions).toEqual([{ text: "Disabled = yes", met: false, held: "no" }]);
  });

  it("picks the set effective on the day: the day before a change uses the earlier set", async () => {
    const rule = PLAN_FIELDS_RULE as CalculationRule;
    const on = async (today: string) => {
      const result = await previewPayment({ db: db(), benefitPlan, rule, personReference: changed, today });
      return result.ok ? [result.preview.attributesFrom, result.preview.breakdown.periodPence] : result.message;
    };
    expect(await on("2021-05-31")).toEqual(["2020-01-01", 8_500]); // 50 + 25 + 10
    expect(await on("2021-06-01")).toEqual(["2021-06-01", 7_000]); // 50 + 20
    expect(await on("2019-12-31")).toEqual([null, 5_000]); // nothing in force: the base alone
  });

  it("says who cannot be previewed, on the person reference field", async () => {
    expect(await preview({ previewReference: other })).toMatchObject({
      ok: false,
      fieldErrors: { previewReference: [`No beneficiary of ${benefitPlan.name} has the person reference ${other}`] },
    });
    expect(await preview({ previewReference: "12345" })).toMatchObject({
      fieldErrors: { previewReference: ["Enter a person reference of 7 letters and digits, like 7KQ2M9X"] },
    });
    expect(await preview({ previewReference: "" })).toMatchObject({
      fieldErrors: { previewReference: ["Enter the person reference of a beneficiary to preview their amount"] },
    });
  });

  it("needs a valid rule first, and shows its errors rather than a preview", async () => {
    const outcome = await preview({ previewReference: everything, "amount-1-condition-1-value": "many", baseAmount: "" });
    expect(outcome).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: {
        baseAmount: ["Enter a base amount"],
        "amount-1-condition-1-value": ["Enter a number for condition 1 of conditional amount 1"],
      },
    });
    expect(outcome.data!.preview).toBeUndefined();
  });
});
