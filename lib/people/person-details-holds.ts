import type { AuditActor } from "@/lib/audit/record-audit";
import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { movePayments } from "@/lib/payments/move-payments";
import { PAYOUT_ADDRESS_HOLDS } from "./rules/payout-address-check";

// While a change of name or address waits for a second caseworker, the person's unsent payments
// (bank and cash, of claims and cycles: Payment.personId) that nothing else holds are held, as the
// bank-details change holds bank payments (lib/payments/payment-holds.ts), through movePayments so
// each hold and release is in the payment's history.

const mover = (actor: AuditActor) => ("id" in actor ? "CASEWORKER" : "SYSTEM");

export async function holdPaymentsForPersonChange(
  tx: Tx,
  options: { personId: string; actor: AuditActor; now: Date },
): Promise<number> {
  const { count } = await movePayments(tx, {
    transition: "hold",
    mover: mover(options.actor),
    query: Prisma.sql`
      SELECT p.id FROM "Payment" p
      WHERE p."personId" = ${options.personId}::uuid AND p.status = 'NEW' AND p."holdReason" IS NULL`,
    reason: "PERSON_DETAILS_CHANGE_PENDING",
    detail: "a change of name or address is waiting for a second caseworker",
    actor: options.actor,
    now: options.now,
  });
  return count;
}

/**
 * After the change is decided: its own holds go; with `addressNowPasses`, so do the cash
 * payments a Payout run held because the old name or address could not go into its file.
 */
export async function releasePaymentsAfterPersonChange(
  tx: Tx,
  options: { personId: string; addressNowPasses: boolean; actor: AuditActor; now: Date },
): Promise<{ released: number; releasedPayoutHolds: number }> {
  const release = (holds: readonly string[], method: Prisma.Sql) =>
    movePayments(tx, {
      transition: "release",
      mover: mover(options.actor),
      query: Prisma.sql`
        SELECT p.id FROM "Payment" p
        WHERE p."personId" = ${options.personId}::uuid AND p.status = 'NEW' AND ${method}
          AND p."holdReason"::text = ANY(${[...holds]}::text[])`,
      actor: options.actor,
      now: options.now,
    });
  const own = await release(["PERSON_DETAILS_CHANGE_PENDING"], Prisma.sql`TRUE`);
  const payout = options.addressNowPasses ? await release(PAYOUT_ADDRESS_HOLDS, Prisma.sql`p.method = 'CASH'`) : { count: 0 };
  return { released: own.count, releasedPayoutHolds: payout.count };
}
