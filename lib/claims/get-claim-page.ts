import type { Db } from "@/lib/db";
import { decryptBankDetails, maskAccountNumber, maskSortCode } from "@/lib/crypto/bank-details-cipher";
import { checkBankAccount } from "@/lib/bank-details/modulus";

type MaskedBankDetails = { sortCode: string; account: string; nameOnAccount: string; hasRollNumber: boolean; valid: boolean };

function masked(ciphertext: string, key: Buffer): MaskedBankDetails {
  const plain = decryptBankDetails(ciphertext, key);
  return {
    sortCode: maskSortCode(plain.sortCode),
    account: maskAccountNumber(plain.accountNumber),
    nameOnAccount: plain.nameOnAccount,
    hasRollNumber: !!plain.rollNumber,
    valid: checkBankAccount(plain.sortCode, plain.accountNumber).valid,
  };
}

/** Everything the claim page shows, with bank details decrypted only to be masked. */
export async function getClaimPage(db: Db, reference: string, key: Buffer) {
  const claim = await db.claim.findUnique({
    where: { reference },
    include: {
      claimant: {
        include: {
          bankDetails: true,
          bankDetailChanges: {
            where: { status: "PENDING" },
            include: { proposedBy: { select: { id: true, name: true } } },
            orderBy: { proposedAt: "desc" },
          },
        },
      },
      assignedTo: { select: { id: true, name: true } },
      keyedInBy: { select: { id: true, name: true } },
      firstApprovedBy: { select: { id: true, name: true } },
      expenses: { orderBy: { lineNo: "asc" } },
      payments: {
        orderBy: { createdAt: "asc" },
        include: {
          replaces: { select: { reference: true } },
          replacedBy: { select: { reference: true, method: true } },
          // A cash payment's batch, for the voucher section's link to it.
          fileLines: { where: { isVoid: false }, select: { batchId: true } },
        },
      },
      events: { orderBy: { at: "desc" }, include: { actor: { select: { name: true } } } },
    },
  });
  if (!claim) return null;
  const { claimant } = claim;
  const claimedPence = claim.expenses.reduce((sum, l) => sum + l.claimedPence, 0);
  const approvedPence = claim.expenses.reduce((sum, l) => sum + (l.approvedPence ?? 0), 0);
  return {
    ...claim,
    claimant: { ...claimant, bankDetails: undefined, bankDetailChanges: undefined },
    bankDetails: claimant.bankDetails ? masked(claimant.bankDetails.ciphertext, key) : null,
    pendingChanges: claimant.bankDetailChanges.map((c) => ({
      id: c.id,
      proposedAt: c.proposedAt,
      proposedBy: c.proposedBy,
      note: c.note,
      details: masked(c.ciphertext, key),
    })),
    payments: claim.payments.map(({ replaces, replacedBy, fileLines, ...p }) => ({
      ...p,
      replacesReference: replaces?.reference ?? null,
      replacedBy,
      batchId: fileLines[0]?.batchId ?? null,
    })),
    totals: { claimedPence, approvedPence },
  };
}

export type ClaimPage = NonNullable<Awaited<ReturnType<typeof getClaimPage>>>;
