import { recordAudit, type StaffMember } from "@/lib/audit/record-audit";
import { longDate } from "@/lib/dates/london-date";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { dayFieldId, requiredDate, type ReadField } from "./date-fields";
import { END_REASON_CODES, MAX_OTHER_REASON_LENGTH, storedEndReason, type EndReasonCode } from "./end-reasons";
import { lockEnrolment } from "./lock-enrolment";

export const ENROLLED_TO = "enrolledTo";

/**
 * A plan manager ends an enrolment: the last day the person is enrolled, and why. A cycle whose
 * period starts after that day pays them nothing; an earlier one still includes them.
 */
export async function endEnrolment(options: {
  db: Db;
  planCode: string;
  personReference: string;
  read: ReadField;
  actor: StaffMember;
  now: Date;
}): Promise<{ enrolledTo: string }> {
  const { db, read, actor, now } = options;
  return db.$transaction(async (tx) => {
    const enrolment = await lockEnrolment(tx, options.planCode, options.personReference);
    if (enrolment.enrolledTo) {
      throw new AppError("INVALID_STATE", `This enrolment already ended on ${longDate(enrolment.enrolledTo)}`);
    }
    const fieldErrors: Record<string, string[]> = {};
    const date = requiredDate(read, ENROLLED_TO, "last day of the enrolment");
    if (!date.ok) fieldErrors[dayFieldId(ENROLLED_TO)] = [date.message];
    else if (date.value < enrolment.enrolledFrom) {
      fieldErrors[dayFieldId(ENROLLED_TO)] = [`The enrolment cannot end before it starts (${longDate(enrolment.enrolledFrom)})`];
    }
    const code = read("endReason") as EndReasonCode | undefined;
    const other = (read("otherReason") ?? "").trim();
    if (!code || !END_REASON_CODES.includes(code)) fieldErrors.endReason = ["Choose why the enrolment ends"];
    else if (code === "OTHER" && !other) fieldErrors.otherReason = ["Enter why the enrolment ends"];
    else if (code === "OTHER" && other.length > MAX_OTHER_REASON_LENGTH) {
      fieldErrors.otherReason = [`The reason must be ${MAX_OTHER_REASON_LENGTH} characters or fewer`];
    }
    if (Object.keys(fieldErrors).length || !date.ok || !code)
      throw new AppError("VALIDATION", "Check the form for errors.", fieldErrors);
    const endReason = storedEndReason(code, other);
    await tx.enrolment.update({
      where: { id: enrolment.id },
      data: { enrolledTo: new Date(`${date.value}T00:00:00.000Z`), endReason, updatedAt: now },
    });
    await recordAudit(tx, {
      actor,
      action: "enrolment.ended",
      entityType: "Enrolment",
      entityId: enrolment.id,
      before: { enrolledTo: null },
      after: { benefitPlan: enrolment.planCode, person: enrolment.personReference, enrolledTo: date.value, endReason },
    });
    return { enrolledTo: date.value };
  });
}
