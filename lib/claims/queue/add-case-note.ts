import { recordAudit, type StaffMember } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { addClaimEvent } from "@/lib/timeline/claim-events";
import { CASE_NOTE_EVENT, checkCaseNote } from "./case-note";

/**
 * Adds a case note to the claim's timeline, audited, in one transaction. A note changes nothing
 * about the claim, so it takes no version and makes no other tab stale.
 */
export async function addCaseNote(options: {
  db: Db;
  reference: string;
  note: string | undefined;
  actor: StaffMember;
}): Promise<void> {
  const { db, reference, actor } = options;
  const check = checkCaseNote(options.note);
  if (!check.ok) throw new AppError("VALIDATION", check.message, { note: [check.message] });
  await db.$transaction(async (tx) => {
    const claim = await tx.claim.findUnique({ where: { reference }, select: { id: true } });
    if (!claim) throw new AppError("NOT_FOUND", "Unknown claim");
    await addClaimEvent(tx, {
      claimId: claim.id,
      actorId: actor.id,
      kind: CASE_NOTE_EVENT,
      summary: "Case note",
      detail: { note: check.note },
    });
    await recordAudit(tx, {
      actor,
      action: CASE_NOTE_EVENT,
      entityType: "Claim",
      entityId: claim.id,
      after: { reference, note: check.note },
    });
  });
}
