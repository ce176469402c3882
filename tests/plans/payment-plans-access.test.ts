// Who may do what with payment plans (docs/domain.md#roles-and-access): plan managers create and
// change them; accountants and admins only look. A complete, valid form from anyone else changes
// nothing. The page rules are checked here against the specification's table too.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { mayUse, pageRuleForPath, pages } from "@/lib/auth/access";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Role } from "@/lib/auth/roles";
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
const users = {} as Record<Role, CurrentUser>;
let benefitPlanId: string;
let planId: string;

const OTHERS: Role[] = ["CASEWORKER", "SSCL_FINANCE", "ACCOUNTANT", "ADMIN"];

beforeAll(async () => {
  actions = await loadPlanActions(url());
  for (const role of [...OTHERS, "PLAN_MANAGER"] as Role[]) users[role] = await staff(db(), role);
  benefitPlanId = (await makeBenefitPlan(db(), users.PLAN_MANAGER.id)).id;
  signedIn = users.PLAN_MANAGER;
  const created = await post(actions.createPaymentPlanAction, { ...planFields({ code: "ACCESS" }), benefitPlanId });
  planId = /\/payment-plans\/([0-9a-f-]{36})\?/.exec(created.redirectTo as string)![1];
});

describe("payment plan access", () => {
  for (const role of OTHERS) {
    it(`forbids ${role} to create or change a plan, even with a valid form, and nothing changes`, async () => {
      signedIn = users[role];
      const forbidden = { ok: false, code: "FORBIDDEN", message: "You do not have permission to do this." };
      expect(
        await post(actions.createPaymentPlanAction, { ...planFields({ code: `BY-${role}`.slice(0, 20) }), benefitPlanId }),
      ).toEqual(forbidden);
      expect(
        await post(actions.changePaymentPlanAction, { ...planFields({ baseAmount: "1" }), planId, baseVersion: "1" }),
      ).toEqual(forbidden);
      expect(await post(actions.createPaymentPlanAction, { ...planFields({ intent: "preview" }), benefitPlanId })).toEqual(
        forbidden,
      );
      expect(await db().paymentPlan.count()).toBe(1);
      expect(await db().paymentPlanVersion.count()).toBe(1);
    });
  }

  it("lets a plan manager change a plan someone else created", async () => {
    signedIn = await staff(db(), "PLAN_MANAGER");
    expect(
      await post(actions.changePaymentPlanAction, { ...planFields({ baseAmount: "51" }), planId, baseVersion: "1" }),
    ).toEqual({
      redirectTo: `/payment-plans/${planId}?saved=version`,
    });
  });

  it("lets accountants, plan managers and admins see plans, and only plan managers reach the forms", () => {
    const who = (path: string) =>
      (["CASEWORKER", "SSCL_FINANCE", "ACCOUNTANT", "PLAN_MANAGER", "ADMIN"] as Role[]).filter((r) =>
        mayUse(pageRuleForPath(path)!.roles, r),
      );
    expect(who("/payment-plans")).toEqual(["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"]);
    expect(who(`/payment-plans/${planId}`)).toEqual(["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"]);
    expect(who("/payment-plans/new")).toEqual(["PLAN_MANAGER"]);
    expect(who(`/payment-plans/${planId}/edit`)).toEqual(["PLAN_MANAGER"]);
    expect(pages.paymentPlans.nav).toBe("Payment plans");
  });
});
