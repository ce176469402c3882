import type { StaffMember } from "@/lib/audit/record-audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { enrolBeneficiary } from "@/lib/plans/enrolments/enrol-beneficiary";
import type { AttributeDeclaration } from "@/lib/plans/rules/attributes";
import { makeUser } from "../support/make-user";
import { TEST_LOOKUP_KEY } from "../support/lookup-key";

// Shared set-up for the enrolment tests: plan managers, a plan's attributes, and the enrol form.

export const ATTRIBUTES: AttributeDeclaration[] = [
  { name: "Household size", type: "NUMBER" },
  { name: "Tenure", type: "ONE_OF", options: ["Rent", "Own"] },
];

export async function planManager(db: PrismaClient): Promise<StaffMember> {
  const user = await makeUser(db, { role: "PLAN_MANAGER" });
  return { id: user.id, email: user.email, name: user.name };
}

export const reader = (fields: Record<string, string>) => (name: string) => fields[name];

export function dateFields(name: string, iso: string): Record<string, string> {
  const [year, month, day] = iso.split("-");
  return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year };
}

export const NEW_PERSON = {
  personChoice: "NEW",
  firstName: "Ada",
  lastName: "Lovelace",
  ...dateFields("dateOfBirth", "1985-12-10"),
  addressLine1: "1 High Street",
  town: "Leeds",
  postcode: "LS1 1AA",
  country: "England",
  contactPreference: "LETTER",
};

export const BANK_FIELDS = { nameOnAccount: "A Lovelace", sortCode: "200000", accountNumber: "55779911" };

/** Enrols through the form, as the page does. */
export function enrol(
  db: PrismaClient,
  key: Buffer,
  options: { planCode: string; actor: StaffMember; fields: Record<string, string>; now?: Date; makeReference?: () => string },
) {
  return enrolBeneficiary({
    db,
    key,
    lookupKey: TEST_LOOKUP_KEY,
    planCode: options.planCode,
    read: reader(options.fields),
    actor: options.actor,
    now: options.now ?? new Date("2026-11-28T10:00:00.000Z"),
    makeReference: options.makeReference,
  });
}

type Action = (previous: null, formData: FormData) => Promise<unknown>;

/** Runs a server action with a form; a redirect (thrown by the mocked redirect()) comes back as { redirectTo }. */
export async function post(action: Action, fields: Record<string, string>): Promise<Record<string, unknown>> {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  try {
    return (await action(null, data)) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof Error && "redirectTo" in error) return { redirectTo: error.redirectTo };
    throw error;
  }
}

/** The benefit plan pages' server actions, on a Prisma client for `databaseUrl`. */
export async function loadBenefitPlanActions(databaseUrl: string) {
  const { vi } = await import("vitest");
  vi.resetModules();
  // The actions read BANK_DETAILS_LOOKUP_KEY through the settings, which these tests do not give.
  vi.doMock("@/lib/bank-details/lookup-key", () => ({ bankLookupKey: () => TEST_LOOKUP_KEY }));
  delete (globalThis as { prisma?: unknown }).prisma;
  process.env.DATABASE_URL = databaseUrl;
  return {
    ...(await import("@/app/(portal)/benefit-plans/actions")),
    ...(await import("@/app/(portal)/benefit-plans/[code]/enrol/actions")),
    ...(await import("@/app/(portal)/benefit-plans/[code]/beneficiaries/[reference]/actions")),
  };
}
