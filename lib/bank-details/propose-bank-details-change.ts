import type { Tx } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { encryptBankDetails, maskAccountNumber, type BankDetailsPlain } from "@/lib/crypto/bank-details-cipher";
import { holdBankPaymentsForChange } from "../payments/payment-holds";

/**
 * Records new bank details as a pending change (from a caseworker, or from the claimant through
 * the API) and holds the claimant's unsent bank payments until a second caseworker decides it.
 * A newer proposal replaces one still pending.
 */
export async function proposeBankDetailsChange(
  tx: Tx,
  options: {
    claimantId: string;
    details: BankDetailsPlain;
    key: Buffer;
    actor: AuditActor;
    proposedById: string | null;
    note?: string | null;
  },
): Promise<{ changeId: string; heldPayments: number }> {
  const { claimantId, details, key, actor } = options;
  await tx.$queryRaw`SELECT id FROM "Claimant" WHERE id = ${claimantId}::uuid FOR UPDATE`;
  const replaced = await tx.bankDetailChange.updateMany({
    where: { claimantId, status: "PENDING" },
    data: { status: "REJECTED", decidedAt: new Date(), decisionNote: "Replaced by a newer change" },
  });
  const change = await tx.bankDetailChange.create({
    data: {
      claimantId,
      ciphertext: encryptBankDetails(details, key),
      proposedById: options.proposedById,
      note: options.note ?? null,
    },
  });
  const heldPayments = await holdBankPaymentsForChange(tx, { claimantId, actor, now: new Date() });
  await recordAudit(tx, {
    actor,
    action: "bank-details.proposed",
    entityType: "Claimant",
    entityId: claimantId,
    // Never the details themselves: the last three digits are what screens show too.
    after: {
      changeId: change.id,
      account: maskAccountNumber(details.accountNumber),
      replacedPending: replaced.count,
      heldPayments,
    },
  });
  return { changeId: change.id, heldPayments };
}
