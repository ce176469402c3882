// Shared set-up for the payment plan tests: a benefit plan with attributes, enrolled people, the
// form as a browser posts it, and the plan actions loaded against the test database.
import type { CurrentUser } from "@/lib/auth/current-user";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AttributeDeclaration } from "@/lib/plans/rules/attributes";
import { makeClaimReference } from "@/lib/references/claim-reference";
import { makeUser } from "../support/make-user";

export const ATTRIBUTES: AttributeDeclaration[] = [
  { name: "Household size", type: "NUMBER" },
  { name: "Region", type: "ONE_OF", options: ["North", "South"] },
  { name: "Disabled", type: "YES_NO" },
];

export async function staff(db: PrismaClient, role: CurrentUser["role"]): Promise<CurrentUser> {
  const u = await makeUser(db, { role });
  return { id: u.id, email: u.email, name: u.name, role, mustChangePassword: false };
}

export async function makeBenefitPlan(db: PrismaClient, createdById: string, attributes = ATTRIBUTES) {
  const code = `BP-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  return db.benefitPlan.create({ data: { code, name: `Benefit ${code}`, attributes, createdById } });
}

/** A person with a reference, enrolled in the benefit plan with attribute sets effective from their dates. */
export async function enrol(
  db: PrismaClient,
  options: {
    benefitPlanId: string;
    createdById: string;
    firstName?: string;
    attributes: { effectiveFrom: string; values: Record<string, unknown> }[];
    enrolledFrom?: string;
    enrolledTo?: string;
    endReason?: string;
  },
) {
  const person = await db.claimant.create({
    data: {
      reference: makeClaimReference(),
      firstName: options.firstName ?? "Grace",
      lastName: "Hopper",
      dateOfBirth: new Date("1950-12-09"),
      addressLine1: "1 High Street",
      town: "Leeds",
      postcode: "LS1 1AA",
      country: "England",
      contactPreference: "LETTER",
    },
  });
  await db.enrolment.create({
    data: {
      benefitPlanId: options.benefitPlanId,
      personId: person.id,
      paymentMethod: "BANK",
      enrolledFrom: new Date(`${options.enrolledFrom ?? "2020-01-01"}T00:00:00Z`),
      enrolledTo: options.enrolledTo ? new Date(`${options.enrolledTo}T00:00:00Z`) : null,
      endReason: options.endReason ?? null,
      createdById: options.createdById,
      attributes: {
        create: options.attributes.map((a) => ({
          effectiveFrom: new Date(`${a.effectiveFrom}T00:00:00Z`),
          values: a.values as object,
          createdById: options.createdById,
        })),
      },
    },
  });
  return person;
}

/**
 * A complete, valid plan form as the browser posts it: £50 base; +£20 for a household of 3 or
 * more and +£25 when disabled, both counting towards a £30 ceiling; +£10 in the North outside it;
 * a £90 limit.
 */
export function planFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    code: "CHB-MONTHLY",
    name: "Child benefit, monthly",
    periodicityMonths: "1",
    "validFrom-day": "1",
    "validFrom-month": "1",
    "validFrom-year": "2027",
    "validTo-day": "",
    "validTo-month": "",
    "validTo-year": "",
    carryOverUnpaid: "yes",
    letterTemplateCode: "",
    baseAmount: "50.00",
    amountCount: "3",
    "amount-1-label": "Large household",
    "amount-1-amount": "20",
    "amount-1-counts": "yes",
    "amount-1-conditionCount": "1",
    "amount-1-condition-1-attribute": "Household size",
    "amount-1-condition-1-operator": ">=",
    "amount-1-condition-1-value": "3",
    "amount-2-label": "Disability",
    "amount-2-amount": "25",
    "amount-2-counts": "yes",
    "amount-2-conditionCount": "1",
    "amount-2-condition-1-attribute": "Disabled",
    "amount-2-condition-1-operator": "=",
    "amount-2-condition-1-value": "yes",
    "amount-3-label": "Northern fuel",
    "amount-3-amount": "10",
    "amount-3-counts": "no",
    "amount-3-conditionCount": "1",
    "amount-3-condition-1-attribute": "Region",
    "amount-3-condition-1-operator": "=",
    "amount-3-condition-1-value": "North",
    ceiling: "30",
    limit: "90",
    previewReference: "",
    intent: "save",
    ...overrides,
  };
}

/** The rule planFields() describes, as stored. */
export const PLAN_FIELDS_RULE = {
  baseAmountPence: 5_000,
  conditionalAmounts: [
    {
      label: "Large household",
      conditions: [{ attribute: "Household size", type: "NUMBER", operator: ">=", value: 3 }],
      amountPence: 2_000,
      countsTowardsCeiling: true,
    },
    {
      label: "Disability",
      conditions: [{ attribute: "Disabled", type: "YES_NO", operator: "=", value: true }],
      amountPence: 2_500,
      countsTowardsCeiling: true,
    },
    {
      label: "Northern fuel",
      conditions: [{ attribute: "Region", type: "ONE_OF", operator: "=", value: "North" }],
      amountPence: 1_000,
      countsTowardsCeiling: false,
    },
  ],
  ceilingPence: 3_000,
  limitPence: 9_000,
};

export function formData(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

/**
 * For vi.mock("next/navigation", …): redirect() throws, as Next's own does, an error carrying the URL.
 * (A class would not do: vi.resetModules() gives the mock a copy of its own.)
 */
export function throwRedirect(url: string): never {
  throw Object.assign(new Error(`redirect to ${url}`), { redirectTo: url });
}

type Action = (previous: null, formData: FormData) => Promise<unknown>;

/** Runs an action; a redirect comes back as { redirectTo }. */
export async function post(action: Action, fields: Record<string, string>): Promise<Record<string, unknown>> {
  try {
    return (await action(null, formData(fields))) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof Error && "redirectTo" in error) return { redirectTo: error.redirectTo };
    throw error;
  }
}

/** The plan actions on the test database: module state (the Prisma client) is reset first. */
export async function loadPlanActions(databaseUrl: string) {
  const { vi } = await import("vitest");
  vi.resetModules();
  delete (globalThis as { prisma?: unknown }).prisma;
  process.env.DATABASE_URL = databaseUrl;
  return import("@/app/(portal)/payment-plans/actions");
}
