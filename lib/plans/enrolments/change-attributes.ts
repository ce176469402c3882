import { recordAudit, type StaffMember } from "@/lib/audit/record-audit";
import { longDate } from "@/lib/dates/london-date";
import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { parseAttributeValues } from "./attribute-values";
import { dayFieldId, requiredDate, type ReadField } from "./date-fields";
import { lockEnrolment } from "./lock-enrolment";

export const EFFECTIVE_FROM = "effectiveFrom";

/**
 * A plan manager records a beneficiary's new attribute values, in force from a date: a new set,
 * never an edit of an earlier one, so a cycle for an earlier period still sees the values it saw
 * (the set in force on a date is the latest starting on or before it).
 */
export async function changeAttributes(options: {
  db: Db;
  planCode: string;
  personReference: string;
  read: ReadField;
  actor: StaffMember;
  now: Date;
}): Promise<{ effectiveFrom: string }> {
  const { db, actor, now } = options;
  return db.$transaction(async (tx) => {
    const enrolment = await lockEnrolment(tx, options.planCode, options.personReference);
    const fieldErrors: Record<string, string[]> = {};
    const date = requiredDate(options.read, EFFECTIVE_FROM, "date the change takes effect");
    if (!date.ok) fieldErrors[dayFieldId(EFFECTIVE_FROM)] = [date.message];
    else if (date.value < enrolment.enrolledFrom) {
      fieldErrors[dayFieldId(EFFECTIVE_FROM)] = [
        `The change cannot take effect before the enrolment starts (${longDate(enrolment.enrolledFrom)})`,
      ];
    } else if (enrolment.enrolledTo && date.value > enrolment.enrolledTo) {
      fieldErrors[dayFieldId(EFFECTIVE_FROM)] = [
        `The change cannot take effect after the enrolment ended (${longDate(enrolment.enrolledTo)})`,
      ];
    }
    const values = parseAttributeValues(enrolment.attributes, options.read);
    if (!values.ok) Object.assign(fieldErrors, values.fieldErrors);
    if (Object.keys(fieldErrors).length || !date.ok || !values.ok) {
      throw new AppError("VALIDATION", "Check the form for errors.", fieldErrors);
    }
    const clash = await tx.enrolmentAttributes.findUnique({
      where: { enrolmentId_effectiveFrom: { enrolmentId: enrolment.id, effectiveFrom: new Date(`${date.value}T00:00:00.000Z`) } },
    });
    if (clash) {
      const message = `There are already values in force from ${longDate(date.value)}: choose another date`;
      throw new AppError("VALIDATION", message, { [dayFieldId(EFFECTIVE_FROM)]: [message] });
    }
    const [inForce] = await tx.$queryRaw<{ values: unknown }[]>`
      SELECT "values" FROM "EnrolmentAttributes"
      WHERE "enrolmentId" = ${enrolment.id}::uuid AND "effectiveFrom" <= ${date.value}::date
      ORDER BY "effectiveFrom" DESC LIMIT 1`;
    await tx.enrolmentAttributes.create({
      data: {
        enrolmentId: enrolment.id,
        effectiveFrom: new Date(`${date.value}T00:00:00.000Z`),
        values: values.values,
        createdById: actor.id,
        createdAt: now,
      },
    });
    await recordAudit(tx, {
      actor,
      action: "enrolment.attributes-changed",
      entityType: "Enrolment",
      entityId: enrolment.id,
      before: { effectiveFrom: date.value, values: (inForce?.values ?? null) as Prisma.InputJsonValue | null },
      after: {
        benefitPlan: enrolment.planCode,
        person: enrolment.personReference,
        effectiveFrom: date.value,
        values: values.values,
      },
    });
    return { effectiveFrom: date.value };
  });
}
