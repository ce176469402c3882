import { randomUUID } from "node:crypto";
import { encryptBankDetails, type BankDetailsPlain } from "@/lib/crypto/bank-details-cipher";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ContactPreference, PaymentCycleStatus, PaymentMethod, PaymentStatus } from "@/lib/generated/prisma/enums";
import { makeClaimReference } from "@/lib/references/claim-reference";
import { VALID_BANK } from "./make-claim";

// Test set-up for payments that belong to a person and a payment cycle instead of a claim
// (docs/domain.md#payments), straight into the database: the least of a benefit plan, a payment
// plan with one version (a flat amount) and a cycle that the payment needs. Nothing here is the
// product's way of making them (that is the cycle's payroll); it only gives tests the rows.

export type TestCycle = Awaited<ReturnType<typeof makeCycle>>;

/** A benefit plan, a payment plan (monthly, one version), and one cycle of it in the status given. */
export async function makeCycle(
  db: PrismaClient,
  options: {
    status?: PaymentCycleStatus;
    /** YYYY-MM-DD, the first day of a month; the period is that month. */
    periodStart?: string;
    /** The payment plan's own letter template code (Payout column 19); null: the setting's. */
    letterTemplateCode?: string | null;
    createdById?: string;
  } = {},
) {
  const createdById = options.createdById ?? randomUUID();
  const code = `T${randomUUID().slice(0, 8).toUpperCase()}`;
  const periodStart = options.periodStart ?? "2026-11-01";
  const [year, month] = periodStart.split("-").map(Number);
  const periodEnd = new Date(Date.UTC(year, month, 0));
  const benefitPlan = await db.benefitPlan.create({ data: { code, name: `Benefit plan ${code}`, createdById } });
  const paymentPlan = await db.paymentPlan.create({
    data: {
      code,
      name: `Payment plan ${code}`,
      benefitPlanId: benefitPlan.id,
      periodicityMonths: 1,
      validFrom: new Date("2026-01-01"),
      letterTemplateCode: options.letterTemplateCode ?? null,
      createdById,
    },
  });
  const version = await db.paymentPlanVersion.create({
    data: {
      paymentPlanId: paymentPlan.id,
      version: 1,
      rule: { baseAmountPence: 5000, conditionalAmounts: [], ceilingPence: null, limitPence: null },
      createdById,
    },
  });
  const cycle = await db.paymentCycle.create({
    data: {
      paymentPlanId: paymentPlan.id,
      planVersionId: version.id,
      periodStart: new Date(`${periodStart}T00:00:00Z`),
      periodEnd,
      status: options.status ?? "APPROVED",
      createdById,
    },
  });
  return { benefitPlan, paymentPlan, version, cycle, periodStart };
}

/**
 * A person (with a reference, an address and, by default, approved bank details; or `person`, an
 * existing one, given a reference if they have none) and their payment in `cycle` (made when not
 * given): no claim, reference `<person reference>-<YYYYMM>`, one base line for the whole amount, in
 * the status given (DRAFT, SUSPENDED, NEW, SENT, …).
 */
export async function makeCyclePayment(
  db: PrismaClient,
  key: Buffer,
  options: {
    cycle?: TestCycle;
    person?: { id: string };
    method?: PaymentMethod;
    status?: PaymentStatus;
    amountPence?: number;
    /** For a new person: their approved bank details (null for none). */
    bank?: BankDetailsPlain | null;
    contactPreference?: ContactPreference;
  } = {},
) {
  const cycle = options.cycle ?? (await makeCycle(db));
  const person = options.person
    ? await existingPerson(db, options.person.id)
    : await db.claimant.create({
        data: { ...GRACE, reference: makeClaimReference(), contactPreference: options.contactPreference ?? "EMAIL" },
      });
  if (!options.person) {
    const bank = options.bank === undefined ? VALID_BANK : options.bank;
    if (bank) await db.bankDetails.create({ data: { claimantId: person.id, ciphertext: encryptBankDetails(bank, key) } });
  }
  const amountPence = options.amountPence ?? 5000;
  const payment = await db.payment.create({
    data: {
      reference: `${person.reference}-${cycle.periodStart.slice(0, 4)}${cycle.periodStart.slice(5, 7)}`,
      personId: person.id,
      cycleId: cycle.cycle.id,
      method: options.method ?? "BANK",
      amountPence,
      status: options.status ?? "NEW",
      lines: { create: [{ lineNo: 1, kind: "BASE", label: "Base amount", amountPence }] },
    },
  });
  return { payment, person, cycle };
}

const GRACE = {
  firstName: "Grace",
  lastName: "Hopper",
  dateOfBirth: new Date("1946-12-09"),
  email: "grace@example.com",
  phone: "07700900456",
  addressLine1: "2 Market Street",
  town: "York",
  postcode: "YO1 8AA",
  country: "England",
};

/** An existing person (a claimant, say), given a reference if they have none yet. */
async function existingPerson(db: PrismaClient, id: string) {
  const person = await db.claimant.findUniqueOrThrow({ where: { id } });
  if (person.reference) return person;
  return db.claimant.update({ where: { id }, data: { reference: makeClaimReference() } });
}
