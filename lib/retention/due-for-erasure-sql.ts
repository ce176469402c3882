import { Prisma } from "@/lib/generated/prisma/client";
import { OPEN_CLAIM_STATUSES, UNSETTLED_PAYMENT_STATUSES } from "./rules/retention-rule";

/**
 * isDueForErasure (rules/retention-rule.ts) as a condition on the "Claimant" row aliased `c`: not
 * erased, created before the cutoff, and no claim, enrolment, payment (or its history) or change of
 * details that is open or has moved since. Each NOT EXISTS is an anti-join on an indexed person
 * column, so the question is asked of many people in one statement.
 */
export function dueForErasureSql(options: { cutoff: Date; cutoffDate: string; today: string }): Prisma.Sql {
  const { cutoffDate, today } = options;
  // Timestamps are stored as UTC without a zone: the instant is compared as UTC whatever the session's zone.
  const cutoff = utcTimestamp(options.cutoff);
  return Prisma.sql`
    c."erasedAt" IS NULL
    AND c."createdAt" < ${cutoff}
    AND NOT EXISTS (
      SELECT 1 FROM "Claim" k WHERE k."claimantId" = c.id
        AND (k.status::text = ANY(${[...OPEN_CLAIM_STATUSES]}::text[]) OR k."createdAt" >= ${cutoff} OR k."updatedAt" >= ${cutoff}))
    AND NOT EXISTS (
      SELECT 1 FROM "Enrolment" e WHERE e."personId" = c.id
        AND (e."enrolledTo" IS NULL OR e."enrolledTo" >= ${today}::date OR e."enrolledTo" >= ${cutoffDate}::date
             OR e."createdAt" >= ${cutoff} OR e."updatedAt" >= ${cutoff}))
    AND NOT EXISTS (
      SELECT 1 FROM "Payment" p WHERE p."personId" = c.id
        AND (p.status::text = ANY(${[...UNSETTLED_PAYMENT_STATUSES]}::text[]) OR p."createdAt" >= ${cutoff} OR p."updatedAt" >= ${cutoff}
             OR EXISTS (SELECT 1 FROM "PaymentStatusHistory" h WHERE h."paymentId" = p.id AND h.at >= ${cutoff})))
    AND NOT EXISTS (
      SELECT 1 FROM "BankDetailChange" b WHERE b."claimantId" = c.id AND (b."proposedAt" >= ${cutoff} OR b."decidedAt" >= ${cutoff}))
    AND NOT EXISTS (
      SELECT 1 FROM "PersonDetailsChange" d WHERE d."claimantId" = c.id AND (d."proposedAt" >= ${cutoff} OR d."decidedAt" >= ${cutoff}))`;
}

/** An instant as the UTC "timestamp without time zone" the tables hold. */
export function utcTimestamp(instant: Date): Prisma.Sql {
  return Prisma.sql`(${instant.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}
