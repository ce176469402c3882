import { Prisma } from "@/lib/generated/prisma/client";

// Who a cycle pays, as SQL over an enrolment `e`: the one definition the payroll and the page's
// "nothing due" list share (docs/plans.md#building-the-payroll).

/** Enrolled for any part of the period. */
export function enrolledInPeriod(periodStart: string, periodEnd: string): Prisma.Sql {
  return Prisma.sql`(e."enrolledFrom" <= ${periodEnd}::date AND (e."enrolledTo" IS NULL OR e."enrolledTo" >= ${periodStart}::date))`;
}

/**
 * The enrolment's attribute values in force on the period's first day (or on the day a mid-period
 * enrolment began); the earliest set when none had started yet; {} when it has none.
 */
export function attributesInForce(periodStart: string): Prisma.Sql {
  return Prisma.sql`coalesce((
    SELECT a."values" FROM "EnrolmentAttributes" a
    WHERE a."enrolmentId" = e.id
    ORDER BY a."effectiveFrom" <= greatest(${periodStart}::date, e."enrolledFrom") DESC,
             CASE WHEN a."effectiveFrom" <= greatest(${periodStart}::date, e."enrolledFrom") THEN a."effectiveFrom" END DESC,
             a."effectiveFrom"
    LIMIT 1), '{}'::jsonb)`;
}
