import type { AuditActor } from "@/lib/audit/record-audit";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { movePayments, refreshNeedsAttentionSql } from "./move-payments";

// While a bank-details change waits for a second caseworker, the person's unsent bank payments
// (of claims and of cycles alike: Payment.personId) are held, so no run pays to details that are about to change. Holds and their release go
// through movePayments like every other payment move, so they are in the payment's history.

export async function holdBankPaymentsForChange(
  tx: Tx,
  options: { claimantId: string; actor: AuditActor; now: Date },
): Promise<number> {
  const { count } = await movePayments(tx, {
    transition: "hold",
    mover: "id" in options.actor ? "CASEWORKER" : "SYSTEM",
    query: Prisma.sql`
      SELECT p.id FROM "Payment" p
      WHERE p."personId" = ${options.claimantId}::uuid AND p.method = 'BANK' AND p.status = 'NEW' AND p."holdReason" IS NULL`,
    reason: "BANK_DETAILS_CHANGE_PENDING",
    detail: "new bank details are waiting for a second caseworker",
    actor: options.actor,
    now: options.now,
  });
  return count;
}

/** After the change is decided: held payments go ahead (approved details) or wait on the old ones. */
export async function releaseBankPaymentHolds(
  tx: Tx,
  options: { claimantId: string; actor: AuditActor; now: Date },
): Promise<number> {
  const { count } = await movePayments(tx, {
    transition: "release",
    mover: "id" in options.actor ? "CASEWORKER" : "SYSTEM",
    query: Prisma.sql`
      SELECT p.id FROM "Payment" p
      WHERE p."personId" = ${options.claimantId}::uuid AND p.method = 'BANK' AND p.status = 'NEW'
        AND p."holdReason" IN ('BANK_DETAILS_CHANGE_PENDING', 'BAD_BANK_DETAILS', 'NO_BANK_DETAILS')`,
    actor: options.actor,
    now: options.now,
  });
  return count;
}

/** "Needs attention" for every claim of the claimant (after a payment is created or replaced). */
export async function refreshNeedsAttention(tx: Tx, claimantId: string): Promise<void> {
  await tx.$executeRaw`${refreshNeedsAttentionSql(Prisma.sql`SELECT id FROM "Claim" WHERE "claimantId" = ${claimantId}::uuid`)}`;
}

/**
 * The hold a payment made now for this person starts with while a change of their name or postal
 * address waits for its checker (docs/people.md#name-and-address-changes): a claim's approval and a
 * reissue alike, so no payment made meanwhile goes out under details about to change.
 */
export async function pendingPersonChangeHold(tx: Tx, personId: string): Promise<"PERSON_DETAILS_CHANGE_PENDING" | null> {
  const pending = await tx.personDetailsChange.count({ where: { claimantId: personId, status: "PENDING" } });
  return pending > 0 ? "PERSON_DETAILS_CHANGE_PENDING" : null;
}
