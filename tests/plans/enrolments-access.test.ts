// Who may do what with benefit plans and beneficiaries (docs/domain.md#roles-and-access), through the
// server actions the pages call: plan managers create, enrol and change; nobody else may, even with
// a complete, valid form, and nothing changes; and the plan manager who proposed a beneficiary's new
// bank details or payment method is refused by the decision actions, which a second one may use.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Role } from "@/lib/auth/roles";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { BANK_FIELDS, dateFields, loadBenefitPlanActions, NEW_PERSON, post } from "./enrolments-support";

const key = randomBytes(32);
let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));
vi.mock("@/lib/crypto/bank-details-key", () => ({ bankDetailsKey: () => key }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
vi.mock("next/navigation", async (original) => ({
  ...(await original<object>()),
  redirect: (url: string) => {
    throw Object.assign(new Error(`redirect to ${url}`), { redirectTo: url });
  },
}));

const { db, url } = useTestDatabase();
let actions: Awaited<ReturnType<typeof loadBenefitPlanActions>>;
const OTHERS: Role[] = ["CASEWORKER", "SSCL_FINANCE", "ACCOUNTANT", "ADMIN"];
const users = {} as Record<Role | "PLAN_MANAGER2", CurrentUser>;
let reference: string;
const who = () => ({ planCode: "ACCESS", personReference: reference });

async function staff(role: Role): Promise<CurrentUser> {
  const u = await makeUser(db(), { role });
  return { id: u.id, email: u.email, name: u.name, role, mustChangePassword: false };
}

beforeAll(async () => {
  actions = await loadBenefitPlanActions(url());
  for (const role of [...OTHERS, "PLAN_MANAGER"] as Role[]) users[role] = await staff(role);
  users.PLAN_MANAGER2 = await staff("PLAN_MANAGER");
  signedIn = users.PLAN_MANAGER;
  expect(
    await post(actions.createBenefitPlanAction, {
      code: "access",
      name: "Access",
      "attribute-1-name": "Household size",
      "attribute-1-type": "NUMBER",
    }),
  ).toEqual({ redirectTo: "/benefit-plans/ACCESS" });
  const enrolled = await post(actions.enrolBeneficiaryAction, {
    planCode: "ACCESS",
    ...NEW_PERSON,
    "attr-1": "2",
    paymentMethod: "CASH",
    ...dateFields("enrolledFrom", "2026-12-01"),
  });
  reference = /\/beneficiaries\/([0-9A-Z]{7})$/.exec(enrolled.redirectTo as string)![1];
});

describe("benefit plan actions", () => {
  for (const role of OTHERS) {
    it(`forbid ${role} every change, even with a valid form, and nothing changes`, async () => {
      signedIn = users[role];
      const forbidden = { ok: false, code: "FORBIDDEN", message: "You do not have permission to do this." };
      const audit = await db().auditLog.count();
      const attempts = [
        post(actions.createBenefitPlanAction, { code: `BY-${role}`, name: "Mine" }),
        post(actions.changeBenefitPlanAction, { code: "ACCESS", name: "Taken over" }),
        post(actions.enrolBeneficiaryAction, {
          planCode: "ACCESS",
          ...NEW_PERSON,
          paymentMethod: "CASH",
          ...dateFields("enrolledFrom", "2026-12-01"),
        }),
        post(actions.changeBeneficiaryAttributesAction, {
          ...who(),
          ...dateFields("effectiveFrom", "2027-01-01"),
          "attr-1": "9",
        }),
        post(actions.endEnrolmentAction, { ...who(), ...dateFields("enrolledTo", "2027-01-01"), endReason: "DEATH" }),
        post(actions.proposeBeneficiaryBankDetailsAction, { ...who(), ...BANK_FIELDS }),
        post(actions.proposePaymentMethodAction, { ...who(), paymentMethod: "BANK" }),
        post(actions.decidePaymentMethodAction, { ...who(), decision: "approve" }),
        post(actions.decideBeneficiaryBankDetailsAction, {
          ...who(),
          changeId: "6f1c1f36-5a43-4f3e-9d55-3c0a8d1f2b11",
          decision: "approve",
        }),
      ];
      for (const result of await Promise.all(attempts)) expect(result).toEqual(forbidden);
      expect(await db().auditLog.count()).toBe(audit);
      expect(await db().benefitPlan.findMany({ select: { code: true, name: true } })).toEqual([
        { code: "ACCESS", name: "Access" },
      ]);
      expect(await db().enrolment.count()).toBe(1);
    });
  }

  it("let plan managers change a beneficiary, and refuse the maker their own bank details and method", async () => {
    signedIn = users.PLAN_MANAGER;
    expect(
      await post(actions.changeBeneficiaryAttributesAction, {
        ...who(),
        ...dateFields("effectiveFrom", "2027-01-01"),
        "attr-1": "3",
      }),
    ).toEqual({
      ok: true,
      message: "The new values are recorded.",
    });
    expect(await post(actions.proposeBeneficiaryBankDetailsAction, { ...who(), ...BANK_FIELDS })).toMatchObject({ ok: true });
    expect(await post(actions.proposePaymentMethodAction, { ...who(), paymentMethod: "BANK" })).toMatchObject({ ok: true });
    const change = await db().bankDetailChange.findFirstOrThrow({ where: { status: "PENDING" } });

    expect(await post(actions.decidePaymentMethodAction, { ...who(), decision: "approve" })).toEqual({
      ok: false,
      code: "FORBIDDEN",
      message: "You proposed this payment method, so another plan manager must approve or reject it.",
    });
    expect(
      await post(actions.decideBeneficiaryBankDetailsAction, { ...who(), changeId: change.id, decision: "approve" }),
    ).toEqual({
      ok: false,
      code: "FORBIDDEN",
      message: "You proposed these bank details, so another plan manager must approve or reject them.",
    });

    signedIn = users.PLAN_MANAGER2;
    expect(
      await post(actions.decideBeneficiaryBankDetailsAction, { ...who(), changeId: change.id, decision: "approve" }),
    ).toEqual({
      ok: true,
      message: "New bank details approved.",
    });
    expect(await post(actions.decidePaymentMethodAction, { ...who(), decision: "approve" })).toEqual({
      ok: true,
      message: "New payment method approved.",
    });
    expect(await db().enrolment.findFirstOrThrow({ where: { person: { reference } } })).toMatchObject({
      paymentMethod: "BANK",
      pendingPaymentMethod: null,
    });
  });
});
