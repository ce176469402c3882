// The form's checks through its action: every error at once, each keyed by the field the error
// summary links to, the values kept as typed, nothing written. The rule is checked against the
// benefit plan's attributes as they are now.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import { useTestDatabase } from "../support/test-db";
import { loadPlanActions, makeBenefitPlan, planFields, post, staff } from "./payment-plans-support";

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
  signedIn = manager;
  benefitPlanId = (await makeBenefitPlan(db(), manager.id)).id;
});

describe("checking the payment plan form", () => {
  it("names every field in error, keeps what was typed and saves nothing", async () => {
    const typed = planFields({
      code: "",
      "validFrom-day": "15",
      baseAmount: "50.001",
      "amount-1-condition-1-operator": "in",
      "amount-1-condition-1-value": "3, four",
      "amount-2-condition-1-attribute": "Shoe size",
      "amount-3-condition-1-operator": ">",
      "amount-3-counts": "",
      ceiling: "£1,000,000.01",
    });
    const outcome = await post(actions.createPaymentPlanAction, { ...typed, benefitPlanId });
    expect(outcome).toMatchObject({
      ok: false,
      code: "VALIDATION",
      message: "Check the form for errors.",
      fieldErrors: {
        code: ["Enter a code for the payment plan"],
        "validFrom-day": ["The plan must be valid from the first day of a month: its periods are whole months"],
        baseAmount: ["The base amount must be in pounds and pence, like 12.50"],
        "amount-1-condition-1-value": ["Enter each value for condition 1 of conditional amount 1 as a number"],
        "amount-2-condition-1-attribute": [
          "Choose an attribute the benefit plan declares for condition 1 of conditional amount 2",
          "Choose the type of the attribute for condition 1 of conditional amount 2",
        ],
        "amount-3-condition-1-operator": [
          "Choose =, != or in for condition 1 of conditional amount 3: > does not suit a one-of list attribute",
        ],
        "amount-3-counts": ["Choose whether conditional amount 3 counts towards the ceiling"],
        ceiling: ["The ceiling must be £1,000,000.00 or less"],
      },
    });
    const values = (outcome.data as { values: Record<string, unknown> }).values;
    expect(values).toMatchObject({ baseAmount: "50.001", ceiling: "£1,000,000.01", validFrom: { day: "15" } });
    expect(await db().paymentPlan.count()).toBe(0);
    expect(await db().auditLog.count({ where: { entityType: "PaymentPlan" } })).toBe(0);
  });

  it("refuses, on a change, a condition on an attribute the benefit plan no longer declares", async () => {
    const created = await post(actions.createPaymentPlanAction, { ...planFields({ code: "ATTRS" }), benefitPlanId });
    const planId = /\/payment-plans\/([0-9a-f-]{36})\?/.exec(created.redirectTo as string)![1];
    await db().benefitPlan.update({
      where: { id: benefitPlanId },
      data: {
        attributes: [
          { name: "Household size", type: "NUMBER" },
          { name: "Disabled", type: "YES_NO" },
        ],
      },
    });
    const outcome = await post(actions.changePaymentPlanAction, {
      ...planFields({ baseAmount: "55" }),
      planId,
      baseVersion: "1",
    });
    expect(outcome).toMatchObject({
      ok: false,
      fieldErrors: {
        "amount-3-condition-1-attribute": [
          "Choose an attribute the benefit plan declares for condition 1 of conditional amount 3",
          "Choose the type of the attribute for condition 1 of conditional amount 3",
        ],
      },
    });
    expect(await db().paymentPlanVersion.count({ where: { paymentPlanId: planId } })).toBe(1);
  });

  it("refuses a form posted with no button or no plan", async () => {
    const { intent: _none, ...noIntent } = planFields();
    expect(await post(actions.createPaymentPlanAction, { ...noIntent, benefitPlanId })).toMatchObject({
      ok: false,
      code: "VALIDATION",
      message: "Choose Save or Preview.",
    });
    expect(await post(actions.createPaymentPlanAction, planFields())).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { benefitPlanId: ["Choose a benefit plan"] },
    });
    expect(
      await post(actions.changePaymentPlanAction, { ...planFields(), planId: benefitPlanId, baseVersion: "1" }),
    ).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
      message: "This payment plan does not exist.",
    });
  });
});
