// A plan's rule is never edited in place: a changed rule is version n+1, the versions before it and
// the cycles that used them stay exactly as they were; details change in place; a change made from
// an old version, or two at once, never overwrites another's.
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { AppError } from "@/lib/errors";
import { changePaymentPlan } from "@/lib/plans/payment-plans/change-payment-plan";
import { loadPaymentPlan } from "@/lib/plans/payment-plans/queries";
import { calculationRuleSchema } from "@/lib/plans/rules/calculation-rule";
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
let second: CurrentUser;
let benefitPlanId: string;

const details = {
  name: "Child benefit, monthly",
  periodicityMonths: 1,
  validFrom: "2027-01-01",
  validTo: null,
  carryOverUnpaid: true,
  letterTemplateCode: null,
};

async function createPlan(code: string): Promise<string> {
  signedIn = manager;
  const outcome = await post(actions.createPaymentPlanAction, { ...planFields({ code }), benefitPlanId });
  return /\/payment-plans\/([0-9a-f-]{36})\?/.exec(outcome.redirectTo as string)![1];
}

const change = (planId: string, baseVersion: number, fields: Record<string, string>) =>
  post(actions.changePaymentPlanAction, { ...planFields(fields), planId, baseVersion: String(baseVersion) });

beforeAll(async () => {
  actions = await loadPlanActions(url());
  manager = await staff(db(), "PLAN_MANAGER");
  second = await staff(db(), "PLAN_MANAGER");
  benefitPlanId = (await makeBenefitPlan(db(), manager.id)).id;
});

describe("changing a payment plan", () => {
  it("saves a changed rule as version 2 and leaves version 1, and the cycle that used it, untouched", async () => {
    const planId = await createPlan("VERSIONED");
    const v1 = await db().paymentPlanVersion.findFirstOrThrow({ where: { paymentPlanId: planId, version: 1 } });
    const cycle = await db().paymentCycle.create({
      data: {
        paymentPlanId: planId,
        planVersionId: v1.id,
        periodStart: new Date("2027-01-01T00:00:00Z"),
        periodEnd: new Date("2027-01-31T00:00:00Z"),
        createdById: manager.id,
      },
    });

    signedIn = second;
    const outcome = await change(planId, 1, { "amount-1-amount": "22.50", limit: "" });
    expect(outcome).toEqual({ redirectTo: `/payment-plans/${planId}?saved=version` });

    const versions = await db().paymentPlanVersion.findMany({ where: { paymentPlanId: planId }, orderBy: { version: "asc" } });
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[0]).toEqual(v1);
    expect(versions[1].createdById).toBe(second.id);
    const v2 = calculationRuleSchema.parse(versions[1].rule);
    expect(v2.conditionalAmounts[0].amountPence).toBe(2_250);
    expect(v2.limitPence).toBeNull();
    expect(await db().paymentCycle.findUniqueOrThrow({ where: { id: cycle.id } })).toMatchObject({ planVersionId: v1.id });

    const audit = await db().auditLog.findMany({ where: { entityId: planId }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorId])).toEqual([
      ["payment-plan.created", manager.id],
      ["payment-plan.version-created", second.id],
    ]);
    expect(audit[1].before).toEqual({ version: 1, rule: PLAN_FIELDS_RULE });
    expect(audit[1].after).toMatchObject({ version: 2, rule: { limitPence: null } });

    // The plan's page: newest first, who saved each, the cycle counted against the version it used.
    const view = await loadPaymentPlan(db(), planId);
    expect(view!.versions.map((v) => [v.version, v.createdBy, v.cycles])).toEqual([
      [2, `${second.name} (${second.email})`, 0],
      [1, `${manager.name} (${manager.email})`, 1],
    ]);
  });

  it("changes the details in place with no new version when the rule is the same, and saves nothing when nothing changed", async () => {
    const planId = await createPlan("DETAILS");
    // The same rule typed differently (pounds without pence, other case) is the same rule.
    const outcome = await change(planId, 1, {
      name: "Renamed",
      "validTo-day": "31",
      "validTo-month": "12",
      "validTo-year": "2029",
      baseAmount: "50",
      "amount-2-condition-1-value": "YES",
    });
    expect(outcome).toEqual({ redirectTo: `/payment-plans/${planId}?saved=details` });
    expect(await db().paymentPlanVersion.count({ where: { paymentPlanId: planId } })).toBe(1);
    expect(await db().paymentPlan.findUniqueOrThrow({ where: { id: planId } })).toMatchObject({
      name: "Renamed",
      validTo: new Date("2029-12-31T00:00:00Z"),
      code: "DETAILS",
    });
    const changed = await db().auditLog.findFirstOrThrow({ where: { entityId: planId, action: "payment-plan.changed" } });
    expect(changed.before).toEqual({ name: "Child benefit, monthly", validTo: null });
    expect(changed.after).toEqual({ name: "Renamed", validTo: "2029-12-31" });

    const again = await change(planId, 1, {
      name: "Renamed",
      "validTo-day": "31",
      "validTo-month": "12",
      "validTo-year": "2029",
    });
    expect(again).toEqual({ redirectTo: `/payment-plans/${planId}?saved=unchanged` });
    expect(await db().auditLog.count({ where: { entityId: planId } })).toBe(2);
  });

  it("refuses a change made from an older version, saving nothing", async () => {
    const planId = await createPlan("STALE");
    await change(planId, 1, { baseAmount: "60" });
    const outcome = await change(planId, 1, { baseAmount: "70", name: "Mine" });
    expect(outcome).toMatchObject({
      ok: false,
      code: "STALE",
      message: expect.stringContaining("Someone saved version 2 of this plan while you were changing version 1"),
      data: { values: { baseAmount: "70", name: "Mine" } },
    });
    const plan = await db().paymentPlan.findUniqueOrThrow({ where: { id: planId }, include: { versions: true } });
    expect(plan.name).toBe("Child benefit, monthly");
    expect(plan.versions.map((v) => v.version).sort()).toEqual([1, 2]);
  });

  it("makes one version 2 of two changes saved at once from version 1; the other is refused", async () => {
    const planId = await createPlan("RACE");
    const rule = (base: number) => ({ ...(PLAN_FIELDS_RULE as never as object), baseAmountPence: base }) as never;
    const results = await Promise.allSettled(
      [6_000, 7_000].map((base, i) =>
        changePaymentPlan({
          db: db(),
          planId,
          baseVersion: 1,
          details,
          rule: rule(base),
          actor: i === 0 ? manager : second,
          now: new Date(),
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled").map((r) => r.value)).toEqual([{ outcome: "version", version: 2 }]);
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((refused.reason as AppError).code).toBe("STALE");
    expect(await db().paymentPlanVersion.count({ where: { paymentPlanId: planId } })).toBe(2);
  });

  it("keeps the period and start date of a plan with cycles, and its end after its last cycle", async () => {
    const planId = await createPlan("CYCLED");
    const v1 = await db().paymentPlanVersion.findFirstOrThrow({ where: { paymentPlanId: planId } });
    await db().paymentCycle.create({
      data: {
        paymentPlanId: planId,
        planVersionId: v1.id,
        periodStart: new Date("2027-03-01T00:00:00Z"),
        periodEnd: new Date("2027-03-31T00:00:00Z"),
        createdById: manager.id,
      },
    });
    const outcome = await change(planId, 1, {
      periodicityMonths: "3",
      "validFrom-month": "2",
      "validTo-day": "28",
      "validTo-month": "2",
      "validTo-year": "2027",
      baseAmount: "99",
    });
    expect(outcome).toMatchObject({
      ok: false,
      fieldErrors: {
        periodicityMonths: ["The period cannot change: this plan has payment cycles"],
        "validFrom-day": ["The date the plan is valid from cannot change: this plan has payment cycles"],
        "validTo-day": ["The plan must be valid to 31 March 2027 or later: it has a payment cycle up to then"],
      },
    });
    expect(await db().paymentPlanVersion.count({ where: { paymentPlanId: planId } })).toBe(1);
    expect(await db().paymentPlan.findUniqueOrThrow({ where: { id: planId } })).toMatchObject({ periodicityMonths: 1 });
  });
});
