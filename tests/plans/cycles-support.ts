// Test set-up for payment cycles, straight into the database: a benefit plan with declared
// attributes, a payment plan with one rule version, and beneficiaries enrolled set-based (one
// statement per table however many), so a test can enrol thousands.
import { randomUUID } from "node:crypto";
import type { StaffMember } from "@/lib/audit/record-audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AttributeDeclaration } from "@/lib/plans/rules/attributes";
import type { CalculationRule } from "@/lib/plans/rules/calculation-rule";
import { makeClaimReference } from "@/lib/references/claim-reference";
import { makeUser } from "../support/make-user";

export const FLAT_RULE: CalculationRule = { baseAmountPence: 5000, conditionalAmounts: [], ceilingPence: null, limitPence: null };

export async function makeAccountant(db: PrismaClient, name = "Accountant"): Promise<StaffMember> {
  const user = await makeUser(db, { role: "ACCOUNTANT", name });
  return { id: user.id, email: user.email, name: user.name };
}

export type PlanSetup = Awaited<ReturnType<typeof makePlan>>;

export async function makePlan(
  db: PrismaClient,
  options: {
    rule?: CalculationRule;
    attributes?: AttributeDeclaration[];
    periodicityMonths?: number;
    validFrom?: string;
    validTo?: string | null;
    carryOverUnpaid?: boolean;
  } = {},
) {
  const createdById = randomUUID();
  const code = `C${randomUUID().slice(0, 8).toUpperCase()}`;
  const benefitPlan = await db.benefitPlan.create({
    data: { code, name: `Benefit plan ${code}`, attributes: (options.attributes ?? []) as object[], createdById },
  });
  const paymentPlan = await db.paymentPlan.create({
    data: {
      code,
      name: `Payment plan ${code}`,
      benefitPlanId: benefitPlan.id,
      periodicityMonths: options.periodicityMonths ?? 1,
      validFrom: new Date(`${options.validFrom ?? "2026-01-01"}T00:00:00Z`),
      validTo: options.validTo ? new Date(`${options.validTo}T00:00:00Z`) : null,
      carryOverUnpaid: options.carryOverUnpaid ?? false,
      createdById,
    },
  });
  const version = await addVersion(db, paymentPlan.id, options.rule ?? FLAT_RULE, 1);
  return { benefitPlan, paymentPlan, version };
}

/** In SQL: Prisma writes a JSON number such as 0.30000000000000004 as 0.3, and the rule must stay exact. */
export async function addVersion(db: PrismaClient, paymentPlanId: string, rule: CalculationRule, version: number) {
  const [row] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO "PaymentPlanVersion" (id, "paymentPlanId", version, rule, "createdById")
    VALUES (gen_random_uuid(), ${paymentPlanId}::uuid, ${version}, ${JSON.stringify(rule)}::jsonb, gen_random_uuid())
    RETURNING id`;
  return { id: row.id, version };
}

export type Beneficiary = {
  /** Values in force from enrolledFrom; or several dated sets. */
  attributes?: Record<string, unknown>;
  attributeSets?: { effectiveFrom: string; values: Record<string, unknown> }[];
  method?: "BANK" | "CASH";
  enrolledFrom?: string;
  enrolledTo?: string | null;
  pendingPaymentMethod?: "BANK" | "CASH" | null;
  lastName?: string;
};

export type Enrolled = { personId: string; reference: string; enrolmentId: string; lastName: string };

/** People, their enrolments and attribute sets, in three statements whatever the number. */
export async function enrol(db: PrismaClient, benefitPlanId: string, beneficiaries: Beneficiary[]): Promise<Enrolled[]> {
  const references = new Set<string>();
  while (references.size < beneficiaries.length) references.add(makeClaimReference());
  const rows = [...references].map((reference, i) => {
    const b = beneficiaries[i];
    return {
      personId: randomUUID(),
      enrolmentId: randomUUID(),
      reference,
      lastName: b.lastName ?? `Person${i}`,
      method: b.method ?? "BANK",
      pending: b.pendingPaymentMethod ?? null,
      from: b.enrolledFrom ?? "2025-06-01",
      to: b.enrolledTo ?? null,
      sets: b.attributeSets ?? [{ effectiveFrom: b.enrolledFrom ?? "2025-06-01", values: b.attributes ?? {} }],
    };
  });
  const createdById = randomUUID();
  await db.$executeRaw`
    INSERT INTO "Claimant" (id, reference, "firstName", "lastName", "dateOfBirth", "addressLine1", town, postcode, country,
                            "contactPreference", "updatedAt")
    SELECT id, reference, 'Ada', last, DATE '1960-01-01', '1 High Street', 'Leeds', 'LS1 1AA', 'England', 'LETTER', now()
    FROM unnest(${rows.map((r) => r.personId)}::uuid[], ${rows.map((r) => r.reference)}::text[],
                ${rows.map((r) => r.lastName)}::text[]) AS t(id, reference, last)`;
  await db.$executeRaw`
    INSERT INTO "Enrolment" (id, "benefitPlanId", "personId", "paymentMethod", "pendingPaymentMethod", "enrolledFrom",
                             "enrolledTo", "createdById", "updatedAt")
    SELECT id, ${benefitPlanId}::uuid, person, method::"PaymentMethod", pending::"PaymentMethod", "from", "to",
           ${createdById}::uuid, now()
    FROM unnest(${rows.map((r) => r.enrolmentId)}::uuid[], ${rows.map((r) => r.personId)}::uuid[],
                ${rows.map((r) => r.method)}::text[], ${rows.map((r) => r.pending)}::text[],
                ${rows.map((r) => r.from)}::date[], ${rows.map((r) => r.to)}::date[])
      AS t(id, person, method, pending, "from", "to")`;
  const sets = rows.flatMap((r) => r.sets.map((s) => ({ enrolmentId: r.enrolmentId, ...s })));
  await db.$executeRaw`
    INSERT INTO "EnrolmentAttributes" (id, "enrolmentId", "effectiveFrom", "values", "createdById")
    SELECT gen_random_uuid(), enrolment, "from", vals, ${createdById}::uuid
    FROM unnest(${sets.map((s) => s.enrolmentId)}::uuid[], ${sets.map((s) => s.effectiveFrom)}::date[],
                ${sets.map((s) => JSON.stringify(s.values))}::jsonb[]) AS t(enrolment, "from", vals)`;
  return rows.map((r) => ({ personId: r.personId, reference: r.reference, enrolmentId: r.enrolmentId, lastName: r.lastName }));
}

export type CyclePaymentRow = {
  id: string;
  personId: string;
  reference: string;
  status: string;
  method: string;
  amountPence: number;
  holdReason: string | null;
  cancelReason: string | null;
  lines: { lineNo: number; kind: string; label: string; amountPence: number; carriedFromPaymentId: string | null }[];
};

/** A cycle's payments with their lines, by person. */
export async function cyclePayments(db: PrismaClient, cycleId: string): Promise<Map<string, CyclePaymentRow>> {
  const payments = await db.payment.findMany({
    where: { cycleId },
    include: { lines: { orderBy: { lineNo: "asc" } } },
  });
  return new Map(
    payments.map((p) => [
      p.personId,
      {
        id: p.id,
        personId: p.personId,
        reference: p.reference,
        status: p.status,
        method: p.method,
        amountPence: p.amountPence,
        holdReason: p.holdReason,
        cancelReason: p.cancelReason,
        lines: p.lines.map((l) => ({
          lineNo: l.lineNo,
          kind: l.kind,
          label: l.label,
          amountPence: l.amountPence,
          carriedFromPaymentId: l.carriedFromPaymentId,
        })),
      },
    ]),
  );
}
