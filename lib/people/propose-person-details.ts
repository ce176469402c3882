import type { Db } from "@/lib/db";
import { recordAudit, type StaffMember } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { addPersonEventToClaims } from "./claims-timeline";
import { holdPaymentsForPersonChange } from "./person-details-holds";
import { personChangeNote, personDetailsSchema } from "./person-details-schema";
import { changedPersonFields, pickPersonDetails, PERSON_CHANGE_MESSAGES, PERSON_FIELD_LABELS } from "./rules/person-details";

export type ProposedPersonChange = { changeId: string; changed: string[]; heldPayments: number; replacedPending: number };

/**
 * A caseworker's change of a person's name or postal address (maker-checker: it can redirect
 * cash, docs/people.md#name-and-address-changes): checked as the intake checks them, then pending
 * until a second caseworker decides; the person's unsent payments are held meanwhile. A newer
 * proposal replaces one still pending. The audit names the fields changed, never their values
 * (the audit log is append-only, and the values live on the change, which erasure can blank).
 */
export async function proposePersonDetails(options: {
  db: Db;
  personId: string;
  fields: Record<string, unknown>;
  note?: unknown;
  actor: StaffMember;
  now: Date;
}): Promise<ProposedPersonChange> {
  const { db, personId, actor, now } = options;
  const parsed = personDetailsSchema.safeParse(options.fields);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "firstName")] ??= []).push(issue.message);
    throw new AppError("VALIDATION", "Check the name and address for errors.", fieldErrors);
  }
  const note = personChangeNote.safeParse(options.note ?? undefined);
  if (!note.success) throw new AppError("VALIDATION", "Check the note.", { note: note.error.issues.map((i) => i.message) });
  const proposed = parsed.data;

  return db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Claimant" WHERE id = ${personId}::uuid FOR UPDATE`;
    if (!row) throw new AppError("NOT_FOUND", "Person not found");
    const person = await tx.claimant.findUniqueOrThrow({ where: { id: personId } });
    if (person.erasedAt) throw new AppError("INVALID_STATE", PERSON_CHANGE_MESSAGES.erased);
    if (person.mergedIntoId) throw new AppError("INVALID_STATE", PERSON_CHANGE_MESSAGES.merged);
    const changed = changedPersonFields(pickPersonDetails(person), proposed);
    if (changed.length === 0) throw new AppError("VALIDATION", PERSON_CHANGE_MESSAGES.nothingChanged);

    const replaced = await tx.personDetailsChange.updateMany({
      where: { claimantId: personId, status: "PENDING" },
      data: { status: "REJECTED", decidedAt: now, decisionNote: "Replaced by a newer change" },
    });
    const change = await tx.personDetailsChange.create({
      data: { claimantId: personId, ...proposed, proposedById: actor.id, proposedAt: now, note: note.data },
    });
    const heldPayments = await holdPaymentsForPersonChange(tx, { personId, actor, now });
    const words = changed.map((f) => PERSON_FIELD_LABELS[f].toLowerCase()).join(", ");
    await addPersonEventToClaims(tx, {
      personId,
      actorId: actor.id,
      kind: "person-details.proposed",
      summary: `Change of name or address proposed by ${actor.name} (${words}): awaiting a second caseworker`,
      now,
    });
    await recordAudit(tx, {
      actor,
      action: "person-details.proposed",
      entityType: "Claimant",
      entityId: personId,
      after: { changeId: change.id, changed, replacedPending: replaced.count, heldPayments },
    });
    return { changeId: change.id, changed, heldPayments, replacedPending: replaced.count };
  });
}
