import type { Tx } from "@/lib/db";

// While a bank-details change waits for a second caseworker, the claimant's unsent bank payments
// are held, so no run pays to details that are about to change.

export async function holdBankPaymentsForChange(tx: Tx, claimantId: string): Promise<number> {
  const { count } = await tx.payment.updateMany({
    where: { claim: { claimantId }, method: "BANK", status: "NEW", holdReason: null },
    data: { holdReason: "BANK_DETAILS_CHANGE_PENDING" },
  });
  await refreshNeedsAttention(tx, claimantId);
  return count;
}

/** After the change is decided: held payments go ahead (approved details) or wait on the old ones. */
export async function releaseBankPaymentHolds(tx: Tx, claimantId: string): Promise<number> {
  const { count } = await tx.payment.updateMany({
    where: {
      claim: { claimantId },
      method: "BANK",
      status: "NEW",
      holdReason: { in: ["BANK_DETAILS_CHANGE_PENDING", "BAD_BANK_DETAILS", "NO_BANK_DETAILS"] },
    },
    data: { holdReason: null },
  });
  await refreshNeedsAttention(tx, claimantId);
  return count;
}

/** "Needs attention": a payment on hold or failed (and not yet replaced). */
export async function refreshNeedsAttention(tx: Tx, claimantId: string): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Claim" c SET "needsAttention" = EXISTS (
      SELECT 1 FROM "Payment" p
      WHERE p."claimId" = c.id
        AND ((p.status = 'NEW' AND p."holdReason" IS NOT NULL)
          OR (p.status = 'FAILED' AND NOT EXISTS (SELECT 1 FROM "Payment" r WHERE r."replacesId" = p.id)))
    )
    WHERE c."claimantId" = ${claimantId}::uuid`;
}
