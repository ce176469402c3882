import type { Db } from "@/lib/db";
import { recordAudit, type StaffMember } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { addPersonEventToClaims } from "./claims-timeline";
import { releasePaymentsAfterPersonChange } from "./person-details-holds";
import { personChangeNote } from "./person-details-schema";
import { payoutAddressProblem } from "./rules/payout-address-check";
import {
  changedPersonFields,
  personChangeDecisionRefusal,
  pickPersonDetails,
  PERSON_CHANGE_MESSAGES,
} from "./rules/person-details";

export type PersonChangeDecision = {
  approved: boolean;
  released: number;
  /** Cash payments a Payout run had held for the old name or address, released by the new one. */
  releasedPayoutHolds: number;
};

/**
 * The second caseworker's decision on a change of name or address (never its maker). Approval
 * writes the new name and address (the claims' copies of the name follow by trigger), releases
 * the change's holds and, when the new details pass the Payout file's own checks, the cash
 * payments a run held for the old ones (ADDRESS_EMPTY_AFTER_CLEANING, INVALID_POSTCODE,
 * NAME_EMPTY_AFTER_CLEANING). Rejection releases the change's holds and leaves the details as they were.
 */
export async function decidePersonDetails(options: {
  db: Db;
  changeId: string;
  approve: boolean;
  note?: unknown;
  actor: StaffMember;
  now: Date;
}): Promise<PersonChangeDecision> {
  const { db, changeId, approve, actor, now } = options;
  const note = personChangeNote.safeParse(options.note ?? undefined);
  if (!note.success) throw new AppError("VALIDATION", "Check the note.", { note: note.error.issues.map((i) => i.message) });

  return db.$transaction(async (tx) => {
    // The person first, then the change: the order a proposal takes them in, so the two never deadlock.
    const [row] = await tx.$queryRaw<{ claimantId: string }[]>`
      SELECT "claimantId" FROM "PersonDetailsChange" WHERE id = ${changeId}::uuid`;
    if (!row) throw new AppError("NOT_FOUND", "Change of name or address not found");
    await tx.$queryRaw`SELECT id FROM "Claimant" WHERE id = ${row.claimantId}::uuid FOR UPDATE`;
    await tx.$queryRaw`SELECT id FROM "PersonDetailsChange" WHERE id = ${changeId}::uuid FOR UPDATE`;
    const change = await tx.personDetailsChange.findUniqueOrThrow({ where: { id: changeId }, include: { claimant: true } });
    const refusal = personChangeDecisionRefusal(change, actor.id);
    if (refusal) throw new AppError(refusal === PERSON_CHANGE_MESSAGES.maker ? "FORBIDDEN" : "INVALID_STATE", refusal);
    if (approve && change.claimant.erasedAt) throw new AppError("INVALID_STATE", PERSON_CHANGE_MESSAGES.erased);

    const proposed = pickPersonDetails(change);
    const changed = changedPersonFields(pickPersonDetails(change.claimant), proposed);
    await tx.personDetailsChange.update({
      where: { id: changeId },
      data: { status: approve ? "APPROVED" : "REJECTED", decidedById: actor.id, decidedAt: now, decisionNote: note.data },
    });
    if (approve) await tx.claimant.update({ where: { id: change.claimantId }, data: proposed });
    const addressNowPasses = approve && payoutAddressProblem(proposed) === null;
    const { released, releasedPayoutHolds } = await releasePaymentsAfterPersonChange(tx, {
      personId: change.claimantId,
      addressNowPasses,
      actor,
      now,
    });
    await addPersonEventToClaims(tx, {
      personId: change.claimantId,
      actorId: actor.id,
      kind: approve ? "person-details.approved" : "person-details.rejected",
      summary: approve
        ? `Change of name or address approved by ${actor.name}${releasedPayoutHolds > 0 ? `: ${releasedPayoutHolds === 1 ? "a voucher held" : `${releasedPayoutHolds} vouchers held`} for the old address released` : ""}`
        : `Change of name or address rejected by ${actor.name}: the details stay as they were`,
      now,
      bumpVersion: true,
    });
    await recordAudit(tx, {
      actor,
      action: approve ? "person-details.approved" : "person-details.rejected",
      entityType: "Claimant",
      entityId: change.claimantId,
      before: { changeId, status: "PENDING" },
      after: { changeId, status: approve ? "APPROVED" : "REJECTED", changed, released, releasedPayoutHolds },
    });
    return { approved: approve, released, releasedPayoutHolds };
  });
}
