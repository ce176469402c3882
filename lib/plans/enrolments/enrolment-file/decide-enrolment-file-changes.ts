import { recordAuditSql, type StaffMember } from "@/lib/audit/record-audit";
import { decryptBankDetails, maskAccountNumber } from "@/lib/crypto/bank-details-cipher";
import type { Db } from "@/lib/db";
import { withPgTransaction } from "@/lib/db/pg-transaction";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { movePayments } from "@/lib/payments/move-payments";
import { holdForPendingChanges } from "../beneficiary-holds";

export interface EnrolmentFileDecision {
  bankDetails: number;
  paymentMethods: number;
  releasedPayments: number;
  /** Rejecting: new enrolments' first methods, which cannot be rejected (there is none to fall back to) and still wait. */
  firstMethodsLeft: number;
}

/** Each statement may take this long: a file's changes may be a hundred thousand people's. */
const STATEMENT_TIMEOUT_MS = 300_000;

export const UPLOADER_MESSAGE = "You uploaded this file, so another plan manager must approve or reject its changes.";

/**
 * A second plan manager (never the uploader) approves or rejects, at once, everything an
 * enrolment file left waiting that is still waiting: its people's new bank details and payment
 * methods (docs/enrolment-file.md#four-eyes). The same decision as on a beneficiary's page
 * (decideBeneficiaryBankDetails, decidePaymentMethod), made set-based in a fixed number of
 * statements: approved details become the person's, an approved method the enrolment's and that of
 * its unsent payments of the plan's cycles; either way the held payments are released, and held
 * again where another change still waits. A new enrolment's first method cannot be rejected: it
 * is left waiting (with its payments held) for a plan manager to approve, replace or end.
 */
export async function decideEnrolmentFileChanges(options: {
  db: Db;
  key: Buffer;
  planCode: string;
  uploadId: string;
  approve: boolean;
  actor: StaffMember;
  now: Date;
}): Promise<EnrolmentFileDecision> {
  const { db, key, uploadId, approve, actor, now } = options;
  const at = Prisma.sql`(${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  return withPgTransaction(
    db,
    async (tx) => {
      const [upload] = await tx.$queryRaw<{ uploadedById: string; planCode: string }[]>`
        SELECT u."uploadedById", b.code AS "planCode"
        FROM "Upload" u JOIN "BenefitPlan" b ON b.id = u."benefitPlanId"
        WHERE u.id = ${uploadId}::uuid AND u.kind = 'ENROLMENT' AND b.code = ${options.planCode.trim().toUpperCase()}
        FOR UPDATE OF u`;
      if (!upload) throw new AppError("NOT_FOUND", `There is no such enrolment file of benefit plan ${options.planCode}`);
      if (upload.uploadedById === actor.id) throw new AppError("FORBIDDEN", UPLOADER_MESSAGE);

      await tx.$executeRaw`
        CREATE TEMP TABLE decided_bank ON COMMIT DROP AS
        WITH d AS (
          UPDATE "BankDetailChange"
          SET status = ${approve ? "APPROVED" : "REJECTED"}::"BankDetailChangeStatus", "decidedById" = ${actor.id}::uuid,
              "decidedAt" = ${at}
          WHERE "uploadId" = ${uploadId}::uuid AND status = 'PENDING' AND "proposedById" IS DISTINCT FROM ${actor.id}::uuid
          RETURNING id, "claimantId" AS person_id, ciphertext, "lookupHash" AS lookup_hash)
        SELECT * FROM d`;
      if (approve) {
        await tx.$executeRaw`
          INSERT INTO "BankDetails" (id, "claimantId", ciphertext, "lookupHash", "createdAt", "updatedAt")
          SELECT gen_random_uuid(), person_id, ciphertext, lookup_hash, ${at}, ${at} FROM decided_bank
          ON CONFLICT ("claimantId") DO UPDATE
          SET ciphertext = EXCLUDED.ciphertext, "lookupHash" = EXCLUDED."lookupHash", "updatedAt" = EXCLUDED."updatedAt"`;
        // New details answer a failed cycle payment's flag, as a single approval does.
        await tx.$executeRaw`
          UPDATE "Claimant" c SET "bankDetailsNeededSince" = NULL
          FROM decided_bank d WHERE c.id = d.person_id AND c."bankDetailsNeededSince" IS NOT NULL`;
      }

      await tx.$executeRaw`
        CREATE TEMP TABLE decided_method ON COMMIT DROP AS
        WITH o AS (
          SELECT id, "pendingPaymentMethod" AS method FROM "Enrolment"
          WHERE "pendingMethodUploadId" = ${uploadId}::uuid AND "pendingPaymentMethod" IS NOT NULL
            AND "pendingMethodProposedById" IS DISTINCT FROM ${actor.id}::uuid
            AND (${approve} OR "pendingPaymentMethod" <> "paymentMethod")
          FOR UPDATE),
        d AS (
          UPDATE "Enrolment" e
          SET "paymentMethod" = CASE WHEN ${approve} THEN o.method ELSE e."paymentMethod" END, "pendingPaymentMethod" = NULL,
              "pendingMethodProposedById" = NULL, "pendingMethodProposedAt" = NULL, "pendingMethodUploadId" = NULL,
              "updatedAt" = ${at}
          FROM o WHERE e.id = o.id
          RETURNING e.id, e."personId" AS person_id, e."benefitPlanId" AS plan_id, o.method)
        SELECT * FROM d`;
      const planCycles = Prisma.sql`
        JOIN "PaymentPlan" pp ON pp."benefitPlanId" = d.plan_id
        JOIN "PaymentCycle" pc ON pc."paymentPlanId" = pp.id
        JOIN "Payment" p ON p."cycleId" = pc.id AND p."personId" = d.person_id`;
      if (approve) {
        // Not a status change, so not movePayments' to make: the method of payments no run has taken.
        await tx.$executeRaw`
          UPDATE "Payment" q SET method = d.method, "updatedAt" = ${at}
          FROM decided_method d ${planCycles}
          WHERE q.id = p.id AND p.status IN ('DRAFT', 'SUSPENDED', 'NEW') AND p.method <> d.method`;
      }

      const released = await movePayments(tx, {
        transition: "release",
        mover: "PLAN_MANAGER",
        query: Prisma.sql`
          SELECT p.id FROM "Payment" p
          WHERE p.status = 'NEW' AND p.method = 'BANK'
            AND p."holdReason" IN ('BANK_DETAILS_CHANGE_PENDING', 'BAD_BANK_DETAILS', 'NO_BANK_DETAILS')
            AND p."personId" IN (SELECT person_id FROM decided_bank)
          UNION
          SELECT p.id FROM decided_method d ${planCycles}
          WHERE p.status = 'NEW' AND p."holdReason" = 'PAYMENT_METHOD_CHANGE_PENDING'`,
        actor,
        now,
        source: { uploadId },
      });
      // A payment released from one hold while the person's other change still waits is held again.
      await holdForPendingChanges(tx, {
        scope: Prisma.sql`p."personId" IN (SELECT person_id FROM decided_bank UNION SELECT person_id FROM decided_method)`,
        actor,
        now,
      });

      await claimTimelines(tx, { key, approve, actorId: actor.id, at });

      const [counts] = await tx.$queryRaw<{ bankDetails: number; paymentMethods: number; firstMethodsLeft: number }[]>`
        SELECT (SELECT count(*) FROM decided_bank)::int AS "bankDetails",
               (SELECT count(*) FROM decided_method)::int AS "paymentMethods",
               (SELECT count(*) FROM "Enrolment" WHERE "pendingMethodUploadId" = ${uploadId}::uuid
                  AND "pendingPaymentMethod" IS NOT NULL)::int AS "firstMethodsLeft"`;
      if (counts.bankDetails === 0 && counts.paymentMethods === 0) {
        throw new AppError(
          "INVALID_STATE",
          counts.firstMethodsLeft > 0
            ? "Nothing left to reject: the new enrolments' first payment methods can only be approved (or replaced, or their enrolments ended, on each beneficiary's page)."
            : "Nothing in this file waits for a decision: it may have just been decided.",
        );
      }
      const decision = { ...counts, releasedPayments: released.count };
      await recordAuditSql(tx, {
        actor,
        action: approve ? "enrolment-file.changes-approved" : "enrolment-file.changes-rejected",
        entityType: "Upload",
        entityId: uploadId,
        after: { benefitPlan: upload.planCode, ...decision },
      });
      return decision;
    },
    { statementTimeoutMs: STATEMENT_TIMEOUT_MS },
  );
}

/**
 * A person who is also a claimant has the decision on each claim's timeline, as a single decision
 * puts it there (lib/bank-details/decide-bank-details-change.ts): few people, so their details are
 * read and masked here, then written in two statements.
 */
async function claimTimelines(
  tx: Parameters<typeof movePayments>[0],
  options: { key: Buffer; approve: boolean; actorId: string; at: Prisma.Sql },
): Promise<void> {
  const claims = await tx.$queryRaw<{ claimId: string; ciphertext: string }[]>`
    SELECT cl.id AS "claimId", d.ciphertext FROM decided_bank d JOIN "Claim" cl ON cl."claimantId" = d.person_id`;
  if (claims.length === 0) return;
  const words = options.approve ? "New bank details approved" : "New bank details rejected";
  const summaries = claims.map(
    (c) => `${words} (account ${maskAccountNumber(decryptBankDetails(c.ciphertext, options.key).accountNumber)})`,
  );
  const ids = claims.map((c) => c.claimId);
  await tx.$executeRaw`UPDATE "Claim" SET version = version + 1 WHERE id = ANY(${ids}::uuid[])`;
  await tx.$executeRaw`
    INSERT INTO "ClaimEvent" (id, "claimId", at, "actorId", kind, summary)
    SELECT gen_random_uuid(), x.claim_id, ${options.at}, ${options.actorId}::uuid,
           ${options.approve ? "bank-details.approved" : "bank-details.rejected"}, x.summary
    FROM unnest(${ids}::uuid[], ${summaries}::text[]) AS x(claim_id, summary)`;
}
