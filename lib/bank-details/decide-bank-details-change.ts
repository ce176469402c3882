import type { Db, Tx } from "@/lib/db";
import { recordAudit, type StaffMember } from "@/lib/audit/record-audit";
import { decryptBankDetails, maskAccountNumber } from "@/lib/crypto/bank-details-cipher";
import { AppError } from "@/lib/errors";
import { addClaimEvent } from "../timeline/claim-events";
import { releaseBankPaymentHolds } from "../payments/payment-holds";

/**
 * The second caseworker's check of a bank-details change (maker-checker: never the proposer).
 * Approval makes the new details the claimant's; either way the held payments are released.
 */
export async function decideBankDetailsChange(options: {
  db: Db;
  key: Buffer;
  changeId: string;
  approve: boolean;
  note?: string | null;
  actor: StaffMember;
  now: Date;
  /** Refuses the proposer with these words (a plan manager checks a beneficiary's details). */
  makerMessage?: string;
  /** More work in the same transaction once the change is decided (the caller's own holds). */
  inSameTransaction?: (tx: Tx, decided: { claimantId: string }) => Promise<void>;
}): Promise<void> {
  const { db, key, changeId, approve, actor, now } = options;
  await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "BankDetailChange" WHERE id = ${changeId}::uuid FOR UPDATE`;
    if (!row) throw new AppError("NOT_FOUND", "Bank-details change not found");
    const change = await tx.bankDetailChange.findUniqueOrThrow({
      where: { id: changeId },
      include: { claimant: { include: { claims: true } } },
    });
    if (change.status !== "PENDING") throw new AppError("INVALID_STATE", "This change has already been decided");
    if (change.proposedById === actor.id) {
      throw new AppError(
        "FORBIDDEN",
        options.makerMessage ?? "You proposed this change, so another caseworker must approve or reject it.",
      );
    }
    await tx.bankDetailChange.update({
      where: { id: changeId },
      data: {
        status: approve ? "APPROVED" : "REJECTED",
        decidedById: actor.id,
        decidedAt: now,
        decisionNote: options.note ?? null,
      },
    });
    let bankDetailsNeededCleared = false;
    if (approve) {
      // The lookup hash travels with the ciphertext it was made from.
      await tx.bankDetails.upsert({
        where: { claimantId: change.claimantId },
        create: { claimantId: change.claimantId, ciphertext: change.ciphertext, lookupHash: change.lookupHash },
        update: { ciphertext: change.ciphertext, lookupHash: change.lookupHash },
      });
      // New details answer a failed cycle payment's flag (docs/cycle-reconciliation.md#a-failed-cycle-payment).
      const cleared = await tx.claimant.updateMany({
        where: { id: change.claimantId, bankDetailsNeededSince: { not: null } },
        data: { bankDetailsNeededSince: null },
      });
      bankDetailsNeededCleared = cleared.count > 0;
    }
    const released = await releaseBankPaymentHolds(tx, { claimantId: change.claimantId, actor, now });
    await options.inSameTransaction?.(tx, { claimantId: change.claimantId });
    const account = maskAccountNumber(decryptBankDetails(change.ciphertext, key).accountNumber);
    const summary = `${approve ? "New bank details approved" : "New bank details rejected"} (account ${account})`;
    for (const claim of change.claimant.claims) {
      await tx.claim.update({ where: { id: claim.id }, data: { version: { increment: 1 } } });
      await addClaimEvent(tx, {
        claimId: claim.id,
        actorId: actor.id,
        kind: approve ? "bank-details.approved" : "bank-details.rejected",
        summary,
      });
    }
    await recordAudit(tx, {
      actor,
      action: approve ? "bank-details.approved" : "bank-details.rejected",
      entityType: "Claimant",
      entityId: change.claimantId,
      before: { changeId, status: "PENDING" },
      after: {
        changeId,
        status: approve ? "APPROVED" : "REJECTED",
        account,
        releasedPayments: released,
        ...(bankDetailsNeededCleared ? { bankDetailsNeededCleared } : {}),
      },
    });
  });
}
