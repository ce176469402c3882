import type { AuditActor } from "@/lib/audit/record-audit";
import type { SqlTx } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import type { HoldReason } from "@/lib/generated/prisma/enums";
import { movePayments } from "@/lib/payments/move-payments";

// While new bank details or a new payment method wait for a second plan manager, the person's
// unsent payments are held, so no run pays to details or by a method that may be refused
// (docs/plans.md#four-eyes-on-bank-details-and-payment-methods). Holds are set-based, through
// movePayments like every other payment move, so each shows in the payment's history.

/** SQL on "Payment" p choosing the payments to look at, e.g. one person's or one cycle's. */
export type PaymentScope = Prisma.Sql;

export const personScope = (personId: string): PaymentScope => Prisma.sql`p."personId" = ${personId}::uuid`;
export const cycleScope = (cycleId: string): PaymentScope => Prisma.sql`p."cycleId" = ${cycleId}::uuid`;

const mover = (actor: AuditActor): "PLAN_MANAGER" | "SYSTEM" => ("id" in actor ? "PLAN_MANAGER" : "SYSTEM");

/**
 * Holds the scope's waiting (NEW, not already held) payments whose person has a change pending:
 * bank payments while new bank details wait, and the payments of a plan's cycles while the
 * enrolment's new payment method waits. Also for a cycle whose payroll has just been approved
 * (`mover` "SYSTEM": the approval, not a plan manager, holds them).
 *
 * Both queries start from the few pending changes and reach the payments through the
 * (cycleId, personId) and personId indexes: right after a cycle's approval the planner's statistics
 * still count its payments as DRAFT, and a query starting from the payments then read every
 * enrolment once per payment (minutes at 20,000 payments).
 */
export async function holdForPendingChanges(
  tx: SqlTx,
  options: { scope: PaymentScope; actor: AuditActor; now: Date; mover?: "SYSTEM"; uploadId?: string },
): Promise<{ bankDetails: number; paymentMethod: number; personDetails: number }> {
  const { scope, actor, now } = options;
  const source = options.uploadId ? { uploadId: options.uploadId } : undefined;
  const by = options.mover ?? mover(actor);
  const method = await movePayments(tx, {
    transition: "hold",
    mover: by,
    query: Prisma.sql`
      SELECT p.id FROM "Enrolment" e
      JOIN "PaymentPlan" pp ON pp."benefitPlanId" = e."benefitPlanId"
      JOIN "PaymentCycle" pc ON pc."paymentPlanId" = pp.id
      JOIN "Payment" p ON p."cycleId" = pc.id AND p."personId" = e."personId"
      WHERE e."pendingPaymentMethod" IS NOT NULL AND p.status = 'NEW' AND p."holdReason" IS NULL AND (${scope})`,
    reason: "PAYMENT_METHOD_CHANGE_PENDING",
    detail: "a new payment method is waiting for a second plan manager",
    actor,
    now,
    source,
  });
  const bank = await movePayments(tx, {
    transition: "hold",
    mover: by,
    query: Prisma.sql`
      SELECT p.id FROM (SELECT DISTINCT "claimantId" FROM "BankDetailChange" WHERE status = 'PENDING') b
      JOIN "Payment" p ON p."personId" = b."claimantId"
      WHERE p.status = 'NEW' AND p."holdReason" IS NULL AND p.method = 'BANK' AND (${scope})`,
    reason: "BANK_DETAILS_CHANGE_PENDING",
    detail: "new bank details are waiting for approval",
    actor,
    now,
    source,
  });
  // A caseworker's change of the person's name or postal address waiting for its checker holds every
  // unsent payment of theirs, cycle payments included (docs/people.md#name-and-address-changes).
  const person = await movePayments(tx, {
    transition: "hold",
    mover: by,
    query: Prisma.sql`
      SELECT p.id FROM (SELECT DISTINCT "claimantId" FROM "PersonDetailsChange" WHERE status = 'PENDING') c
      JOIN "Payment" p ON p."personId" = c."claimantId"
      WHERE p.status = 'NEW' AND p."holdReason" IS NULL AND (${scope})`,
    reason: "PERSON_DETAILS_CHANGE_PENDING",
    detail: "a change of name or address is waiting for a second caseworker",
    actor,
    now,
    source,
  });
  return { bankDetails: bank.count, paymentMethod: method.count, personDetails: person.count };
}

/**
 * Releases the scope's payments held for the reasons given, then holds again any that another
 * pending change still concerns (new bank details approved while a new method still waits).
 * Returns how many were released.
 */
export async function releaseHolds(
  tx: SqlTx,
  options: { scope: PaymentScope; reasons: readonly HoldReason[]; bankOnly?: boolean; actor: AuditActor; now: Date },
): Promise<number> {
  const { scope, actor, now } = options;
  const { count } = await movePayments(tx, {
    transition: "release",
    mover: mover(actor),
    query: Prisma.sql`
      SELECT p.id FROM "Payment" p
      WHERE p.status = 'NEW' AND p."holdReason"::text = ANY(${options.reasons as string[]}::text[]) AND (${scope})
        ${options.bankOnly ? Prisma.sql`AND p.method = 'BANK'` : Prisma.empty}`,
    actor,
    now,
  });
  await holdForPendingChanges(tx, { scope, actor, now });
  return count;
}

/** A cycle's payments of one benefit plan, for one person: those a payment method change concerns. */
export function enrolmentScope(personId: string, benefitPlanId: string): PaymentScope {
  return Prisma.sql`p."personId" = ${personId}::uuid AND p."cycleId" IN (
    SELECT pc.id FROM "PaymentCycle" pc JOIN "PaymentPlan" pp ON pp.id = pc."paymentPlanId"
    WHERE pp."benefitPlanId" = ${benefitPlanId}::uuid)`;
}
