import type { Tx } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import { encryptBankDetails, maskAccountNumber, type BankDetailsPlain } from "@/lib/crypto/bank-details-cipher";
import { holdBankPaymentsForChange } from "../payments/payment-holds";
import { bankLookupHash, bankLookupHashes } from "./lookup-hash";
import { findSameAccountPeople, type SameAccountPerson } from "./same-account";

/**
 * Records new bank details as a pending change (from a caseworker, or from the claimant through
 * the API) and holds the claimant's unsent bank payments until a second caseworker decides it.
 * A newer proposal replaces one still pending. Returns the other people who already hold the
 * proposed account, for the maker's warning (docs/security.md#a-checker-who-can-check).
 */
export async function proposeBankDetailsChange(
  tx: Tx,
  options: {
    claimantId: string;
    details: BankDetailsPlain;
    key: Buffer;
    /** BANK_DETAILS_LOOKUP_KEY: the change keeps the account's lookup hash beside its ciphertext. */
    lookupKey: Buffer;
    actor: AuditActor;
    proposedById: string | null;
    note?: string | null;
  },
): Promise<{ changeId: string; heldPayments: number; sameAccount: SameAccountPerson[] }> {
  const { claimantId, details, key, actor } = options;
  const now = new Date();
  await tx.$queryRaw`SELECT id FROM "Claimant" WHERE id = ${claimantId}::uuid FOR UPDATE`;
  const replaced = await tx.bankDetailChange.updateMany({
    where: { claimantId, status: "PENDING" },
    data: { status: "REJECTED", decidedAt: now, decisionNote: "Replaced by a newer change" },
  });
  const lookupHash = bankLookupHash(details, options.lookupKey);
  const change = await tx.bankDetailChange.create({
    data: {
      claimantId,
      ciphertext: encryptBankDetails(details, key),
      lookupHash,
      proposedById: options.proposedById,
      note: options.note ?? null,
    },
  });
  const heldPayments = await holdBankPaymentsForChange(tx, { claimantId, actor, now });
  const sameAccount = await findSameAccountPeople(tx, {
    personId: claimantId,
    proposed: bankLookupHashes(details, options.lookupKey),
    now,
  });
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
      // Who else holds the account, as the maker was told.
      ...(sameAccount.length > 0 ? { sameAccountAs: sameAccount.map((p) => p.reference ?? p.personId) } : {}),
    },
  });
  return { changeId: change.id, heldPayments, sameAccount };
}
