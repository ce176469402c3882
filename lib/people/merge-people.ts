import type { Db, Tx } from "@/lib/db";
import { recordAudit, type StaffMember } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { mergeRefusal, type MergeParty } from "./rules/merge-rules";

/** A time for the timestamp(3) columns, which hold UTC as Prisma writes them. */
const utc = (at: Date) => Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

export type MergeCounts = {
  claims: number;
  enrolments: number;
  payments: number;
  notifications: number;
  bankDetailChanges: number;
  personDetailsChanges: number;
  uploadRows: number;
  /** Records merged into the merged one earlier, now pointing at the survivor. */
  earlierMerges: number;
  /** Claims (of anyone) whose possible-match flag named the merged record, or now names their own person. */
  possibleMatchFlagsCleared: number;
};

/**
 * Links two records of one person (docs/people.md#linking-records): in one transaction, with both
 * rows locked, every row that points at the merged record moves to the survivor in one statement
 * per table (claims, enrolments, payments, notifications, bank-details and name-and-address
 * changes, upload rows, earlier merges), flags naming it are cleared, and it keeps only its own
 * bank details and a pointer (`mergedIntoId`). The survivor keeps its own bank details. Audited
 * with both ids and the counts; each moved claim's timeline says so. Refused (mergeRefusal) when
 * either record is erased or merged already, both are enrolled in one plan, or the merged record
 * has unsent payments or changes waiting for a checker.
 */
export async function mergePeople(options: {
  db: Db;
  survivorId: string;
  mergedId: string;
  actor: StaffMember;
  now: Date;
  /** Work that must hold under the same lock (linking from a claim checks its flag still stands). */
  inSameTransaction?: (tx: Tx) => Promise<void>;
}): Promise<MergeCounts> {
  const { db, survivorId, mergedId, actor, now } = options;
  return db.$transaction(async (tx) => {
    // Both rows locked in id order, so two merges of the same pair cannot deadlock.
    const parties = await tx.$queryRaw<(MergeParty & { firstName: string; lastName: string })[]>`
      SELECT id, reference, "erasedAt", "mergedIntoId", "firstName", "lastName" FROM "Claimant"
      WHERE id IN (${survivorId}::uuid, ${mergedId}::uuid) ORDER BY id FOR UPDATE`;
    const survivor = parties.find((p) => p.id === survivorId);
    const merged = parties.find((p) => p.id === mergedId);
    if (!survivor || !merged) throw new AppError("NOT_FOUND", "One of the two person records no longer exists");
    await options.inSameTransaction?.(tx);

    const [facts] = await tx.$queryRaw<{ sharedPlans: string[]; unsent: number; pending: number }[]>`
      SELECT
        ARRAY(SELECT bp.name FROM "Enrolment" s JOIN "Enrolment" m ON m."benefitPlanId" = s."benefitPlanId"
              JOIN "BenefitPlan" bp ON bp.id = s."benefitPlanId"
              WHERE s."personId" = ${survivorId}::uuid AND m."personId" = ${mergedId}::uuid ORDER BY bp.name) AS "sharedPlans",
        (SELECT count(*)::int FROM "Payment" WHERE "personId" = ${mergedId}::uuid AND status IN ('NEW', 'DRAFT', 'SUSPENDED')) AS unsent,
        (SELECT count(*)::int FROM "BankDetailChange" WHERE "claimantId" = ${mergedId}::uuid AND status = 'PENDING')
          + (SELECT count(*)::int FROM "PersonDetailsChange" WHERE "claimantId" = ${mergedId}::uuid AND status = 'PENDING') AS pending`;
    const refusal = mergeRefusal({
      survivor,
      merged,
      sharedPlans: survivor.id === merged.id ? [] : facts.sharedPlans,
      mergedUnsentPayments: facts.unsent,
      mergedPendingChanges: facts.pending,
    });
    if (refusal) throw new AppError("INVALID_STATE", refusal);

    const counts = await moveEverything(tx, { survivorId, mergedId, now });
    const survivorName = survivor.reference ?? survivor.id;
    const mergedName = merged.reference ?? merged.id;
    await tx.$executeRaw`
      INSERT INTO "ClaimEvent" (id, "claimId", at, "actorId", kind, summary, detail)
      SELECT gen_random_uuid(), c.id, ${utc(now)}, ${actor.id}::uuid, 'person.merged',
             ${`Person records linked by ${actor.name}: record ${mergedName} merged into ${survivorName}, which this claim now belongs to`},
             ${JSON.stringify({ survivorId, mergedId })}::jsonb
      FROM "Claim" c WHERE c.id = ANY(${counts.movedClaimIds}::uuid[])`;
    await recordAudit(tx, {
      actor,
      action: "person.merged",
      entityType: "Claimant",
      entityId: mergedId,
      before: { mergedIntoId: null },
      after: {
        survivorId,
        mergedId,
        survivorReference: survivor.reference,
        mergedReference: merged.reference,
        mergedIntoId: survivorId,
        moved: counts.moved,
        bankDetailsKeptOnMergedRecord: counts.mergedHasBankDetails,
      },
    });
    return counts.moved;
  });
}

async function moveEverything(tx: Tx, ids: { survivorId: string; mergedId: string; now: Date }) {
  const s = ids.survivorId;
  const m = ids.mergedId;
  const at = utc(ids.now);
  // Claims: the version moves on so a form opened before the merge is refused as stale.
  const movedClaims = await tx.$queryRaw<{ id: string }[]>`
    UPDATE "Claim" SET "claimantId" = ${s}::uuid, version = version + 1, "updatedAt" = ${at}
    WHERE "claimantId" = ${m}::uuid RETURNING id`;
  const flags = await tx.$executeRaw`
    UPDATE "Claim" SET "possibleMatchId" = NULL, version = version + 1, "updatedAt" = ${at}
    WHERE "possibleMatchId" = ${m}::uuid OR ("possibleMatchId" = ${s}::uuid AND "claimantId" = ${s}::uuid)`;
  const enrolments =
    await tx.$executeRaw`UPDATE "Enrolment" SET "personId" = ${s}::uuid, "updatedAt" = ${at} WHERE "personId" = ${m}::uuid`;
  const payments =
    await tx.$executeRaw`UPDATE "Payment" SET "personId" = ${s}::uuid, "updatedAt" = ${at} WHERE "personId" = ${m}::uuid`;
  const notifications = await tx.$executeRaw`UPDATE "Notification" SET "claimantId" = ${s}::uuid WHERE "claimantId" = ${m}::uuid`;
  const bankDetailChanges =
    await tx.$executeRaw`UPDATE "BankDetailChange" SET "claimantId" = ${s}::uuid WHERE "claimantId" = ${m}::uuid`;
  const personDetailsChanges = await tx.$executeRaw`
    UPDATE "PersonDetailsChange" SET "claimantId" = ${s}::uuid WHERE "claimantId" = ${m}::uuid`;
  const uploadRows = await tx.$executeRaw`UPDATE "UploadRow" SET "personId" = ${s}::uuid WHERE "personId" = ${m}::uuid`;
  const earlierMerges = await tx.$executeRaw`
    UPDATE "Claimant" SET "mergedIntoId" = ${s}::uuid, "updatedAt" = ${at} WHERE "mergedIntoId" = ${m}::uuid`;
  await tx.$executeRaw`UPDATE "Claimant" SET "mergedIntoId" = ${s}::uuid, "updatedAt" = ${at} WHERE id = ${m}::uuid`;
  const mergedHasBankDetails = (await tx.bankDetails.count({ where: { claimantId: m } })) > 0;
  return {
    movedClaimIds: movedClaims.map((c) => c.id),
    mergedHasBankDetails,
    moved: {
      claims: movedClaims.length,
      enrolments,
      payments,
      notifications,
      bankDetailChanges,
      personDetailsChanges,
      uploadRows,
      earlierMerges,
      possibleMatchFlagsCleared: flags,
    } satisfies MergeCounts,
  };
}
