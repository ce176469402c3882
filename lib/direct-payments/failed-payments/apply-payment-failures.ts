import { assertTransition } from "@/lib/claims/rules/claim-transitions";
import type { SqlTx } from "@/lib/db/pg-transaction";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { ClaimStatus } from "@/lib/generated/prisma/enums";
import { queueClaimantMessages } from "@/lib/notify/queue-claimant-messages";
import { movePayments } from "@/lib/payments/move-payments";
import { changedWhileChecked } from "@/lib/uploads/changed-while-checked";
import { NO_REASON_GIVEN, type FailureToApply } from "./match-failed-payments";

/**
 * Writes the MATCHED rows of an SSCL failed-payments upload
 * (docs/file-formats.md#effect-of-an-applied-file), inside the upload's transaction, set-based: a
 * fixed number of statements for any number of payments.
 *
 *   1. the payments are locked (in id order) and checked again: any that is no longer SENT or PAID
 *      (an admin voided its batch between the check and now) fails the whole upload, CONFLICT;
 *   2. movePayments: every payment FAILED, with its history, audit and timeline rows;
 *   3. one UPDATE … FROM: each claim of a failed claim payment back to its caseworker as "request
 *      new bank details" (INFORMATION_REQUESTED, BANK_DETAILS), or only its version moved on when
 *      it is already waiting for new bank details; the timeline and audit rows by INSERT … SELECT;
 *   4. one message per person whose claim payments failed (PAYMENT_FAILED), in the outbox and on
 *      their claims' timelines;
 *   5. a cycle's payment has no claim to send back (docs/cycle-reconciliation.md#a-failed-cycle-payment):
 *      its person is flagged for new bank details (Claimant.bankDetailsNeededSince, audited), and a
 *      failure in a reconciled cycle is noted on the cycle's timeline as a late failure;
 *   6. one message per failed cycle payment (CYCLE_PAYMENT_FAILED), never twice for a payment.
 */

/** The claim statuses a failed bank payment may send back to the caseworker (the claim transition rules). */
export const CLAIM_STATUSES_BACK_FOR_BANK_DETAILS: readonly ClaimStatus[] = Object.values(ClaimStatus).filter(
  (status) => assertTransition(status, "INFORMATION_REQUESTED", { requestKind: "BANK_DETAILS", bankPaymentFailed: true }).ok,
);

const REQUESTED_SUMMARY = "Requested: new bank details (the bank payment failed)";
/** The words before the reference a cycle payment's failure message ends with. */
const CYCLE_PAYMENT_LABEL = "Payment reference";
/** How many references a late-failure entry on a cycle's timeline names before "and N more". */
const LATE_NAMED = 10;
/** How many changed payments or refused claims an error names before "and N more". */
const NAMED = 10;

export async function applyPaymentFailures(
  tx: SqlTx,
  options: {
    /** The failures, or SQL selecting them (columns "paymentId", "fileLineId", "failureReason"). */
    failures: readonly FailureToApply[] | Prisma.Sql;
    uploadId: string;
    actor: { id: string; email: string };
    now: Date;
  },
): Promise<void> {
  const { uploadId, actor, now } = options;
  if (Array.isArray(options.failures) && options.failures.length === 0) return;
  const failures = failureSql(options.failures);

  // 1. One statement, in id order: two transactions locking overlapping payments cannot deadlock.
  const [check] = await tx.$queryRaw<{ wanted: number; missing: number; changed: { reference: string; status: string }[] }[]>`
    WITH f AS (${failures}),
    locked AS (
      SELECT p.id, p.reference, p.status::text AS status FROM "Payment" p
      WHERE p.id IN (SELECT "paymentId" FROM f) ORDER BY p.id FOR UPDATE
    )
    SELECT (SELECT count(DISTINCT "paymentId") FROM f)::int AS wanted,
           ((SELECT count(DISTINCT "paymentId") FROM f) - (SELECT count(*) FROM locked))::int AS missing,
           coalesce((SELECT json_agg(json_build_object('reference', x.reference, 'status', x.status) ORDER BY x.reference)
                     FROM (SELECT * FROM locked WHERE status NOT IN ('SENT', 'PAID') ORDER BY reference LIMIT ${NAMED + 1}) x),
                    '[]'::json) AS changed`;
  if (check.wanted === 0) return;
  const changed = check.changed.map((p) => ({ reference: p.reference, why: `now ${p.status.toLowerCase()}` }));
  const conflict = changedWhileChecked(changed, check.missing);
  if (conflict) throw conflict;

  // 2. The status, history, audit and timeline entry of every payment.
  await movePayments(tx, {
    transition: "fail",
    mover: "SSCL_FINANCE",
    query: Prisma.sql`SELECT "paymentId" AS id, "failureReason" AS reason, "fileLineId" FROM (${failures}) f`,
    queryColumns: { reason: "reason" },
    actor,
    now,
    source: { uploadId },
  });

  // 3. The claims, back to their caseworkers.
  const at = Prisma.sql`(${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
  const refused = await tx.$queryRaw<{ reference: string; status: ClaimStatus; paymentReference: string }[]>`
    WITH f AS (${failures}),
    fc AS (
      SELECT DISTINCT ON (p."claimId") p."claimId" AS claim_id, p.id AS payment_id, p.reference AS payment_reference
      FROM f JOIN "Payment" p ON p.id = f."paymentId" WHERE p."claimId" IS NOT NULL ORDER BY p."claimId", p.id
    ),
    locked AS (
      SELECT c.id, c.reference, c.status, c."informationRequestKind" AS request_kind, c.version, c."assignedToId",
             fc.payment_id, fc.payment_reference,
             (c.status = 'INFORMATION_REQUESTED' AND c."informationRequestKind" = 'BANK_DETAILS') AS waiting,
             c.status::text = ANY(${CLAIM_STATUSES_BACK_FOR_BANK_DETAILS as ClaimStatus[]}::text[]) AS allowed
      FROM "Claim" c JOIN fc ON fc.claim_id = c.id
      ORDER BY c.id FOR UPDATE OF c
    ),
    updated AS (
      UPDATE "Claim" c
      SET status = CASE WHEN l.waiting THEN c.status ELSE 'INFORMATION_REQUESTED'::"ClaimStatus" END,
          "informationRequestKind" = CASE WHEN l.waiting THEN c."informationRequestKind" ELSE 'BANK_DETAILS'::"InformationRequestKind" END,
          version = c.version + 1, "updatedAt" = ${at}
      FROM locked l
      WHERE c.id = l.id AND (l.waiting OR l.allowed)
      RETURNING c.id, c.status::text AS status, c.version, c."assignedToId", c."informationRequestKind"::text AS request_kind,
                l.status::text AS old_status, l.version AS old_version, l.request_kind::text AS old_request_kind,
                l.waiting, l.payment_id
    ),
    events AS (
      INSERT INTO "ClaimEvent" (id, "claimId", at, "actorId", kind, summary, detail)
      SELECT gen_random_uuid(), u.id, ${at}, ${actor.id}::uuid, 'claim.information-requested', ${REQUESTED_SUMMARY},
             jsonb_build_object('kind', 'BANK_DETAILS', 'paymentId', u.payment_id, 'uploadId', ${uploadId}::text)
      FROM updated u WHERE NOT u.waiting
    ),
    audit AS (
      INSERT INTO "AuditLog" (at, "actorId", "actorLabel", action, "entityType", "entityId", before, after)
      SELECT ${at}, ${actor.id}::uuid, ${actor.email}, 'claim.information-requested', 'Claim', u.id::text,
             jsonb_build_object('status', u.old_status, 'version', u.old_version, 'assignedToId', u."assignedToId",
                                'informationRequestKind', u.old_request_kind),
             jsonb_build_object('status', u.status, 'version', u.version, 'assignedToId', u."assignedToId",
                                'informationRequestKind', u.request_kind, 'paymentId', u.payment_id, 'uploadId', ${uploadId}::text)
      FROM updated u WHERE NOT u.waiting
    )
    SELECT reference, status::text AS status, payment_reference AS "paymentReference"
    FROM locked WHERE NOT (waiting OR allowed) ORDER BY reference LIMIT ${NAMED}`;
  if (refused.length > 0) {
    const first = refused[0];
    const rule = assertTransition(first.status, "INFORMATION_REQUESTED", {
      requestKind: "BANK_DETAILS",
      bankPaymentFailed: true,
    });
    throw new AppError(
      "INVALID_STATE",
      `Claim ${first.reference} (payment ${first.paymentReference}) cannot ask for new bank details: ${rule.ok ? first.status : rule.message}` +
        (refused.length > 1 ? ` (and ${refused.length - 1} more claims)` : ""),
    );
  }

  // 4. One message per person, naming their claims. "No reason given" is our placeholder, not the
  // bank's words: the person is not told it.
  await queueClaimantMessages(tx, {
    kind: "PAYMENT_FAILED",
    actorId: actor.id,
    now,
    rows: Prisma.sql`
      SELECT p."personId" AS claimant_id, (array_agg(c.id ORDER BY c.reference))[1] AS claim_id,
             array_agg(c.id ORDER BY c.reference) AS claim_ids,
             string_agg(c.reference, ', ' ORDER BY c.reference) AS claim_reference, NULL::text AS reference_label,
             string_agg(DISTINCT f."failureReason", '; ' ORDER BY f."failureReason")
               FILTER (WHERE f."failureReason" <> ${NO_REASON_GIVEN}) AS reason
      FROM (${failures}) f JOIN "Payment" p ON p.id = f."paymentId" JOIN "Claim" c ON c.id = p."claimId"
      GROUP BY p."personId"`,
  });

  // 5. The people of failed cycle payments, flagged once (an earlier flag keeps its date), and the
  // reconciled cycles' timelines.
  await tx.$executeRaw`
    WITH fp AS (
      SELECT p.id, p.reference, p."personId", p."cycleId" FROM (${failures}) f JOIN "Payment" p ON p.id = f."paymentId"
      WHERE p."cycleId" IS NOT NULL
    ),
    flagged AS (
      UPDATE "Claimant" cl SET "bankDetailsNeededSince" = ${at}, "updatedAt" = ${at}
      WHERE cl.id IN (SELECT "personId" FROM fp) AND cl."bankDetailsNeededSince" IS NULL
      RETURNING cl.id
    ),
    audit AS (
      INSERT INTO "AuditLog" (at, "actorId", "actorLabel", action, "entityType", "entityId", before, after)
      SELECT ${at}, ${actor.id}::uuid, ${actor.email}, 'person.bank-details-needed', 'Claimant', fl.id::text,
             jsonb_build_object('bankDetailsNeededSince', NULL),
             jsonb_build_object('bankDetailsNeededSince', ${now.toISOString()}::text, 'uploadId', ${uploadId}::text,
                                'paymentIds', (SELECT jsonb_agg(fp.id ORDER BY fp.reference) FROM fp WHERE fp."personId" = fl.id))
      FROM flagged fl
    )
    INSERT INTO "PaymentCycleEvent" ("cycleId", at, "actorId", "actorLabel", kind, summary, detail)
    SELECT c.id, ${at}, ${actor.id}::uuid, ${actor.email}, 'cycle.late-failure',
           CASE WHEN count(*) = 1 THEN 'Late failure after reconciliation: payment '
                ELSE 'Late failures after reconciliation: ' || count(*) || ' payments, ' END
             || array_to_string((array_agg(fp.reference ORDER BY fp.reference))[1:${LATE_NAMED}], ', ')
             || CASE WHEN count(*) > ${LATE_NAMED} THEN ' and ' || (count(*) - ${LATE_NAMED}) || ' more' ELSE '' END
             || ' failed. Unpaid money is carried or listed for action on the reconciliation page.',
           jsonb_build_object('uploadId', ${uploadId}::text, 'payments', count(*))
    FROM fp JOIN "PaymentCycle" c ON c.id = fp."cycleId"
    WHERE c.status = 'RECONCILED'
    GROUP BY c.id`;

  // 6. One message per failed cycle payment, keyed by the payment so that it is never sent twice.
  await queueClaimantMessages(tx, {
    kind: "CYCLE_PAYMENT_FAILED",
    actorId: actor.id,
    now,
    dedupe: true,
    rows: Prisma.sql`
      SELECT p."personId" AS claimant_id, NULL::uuid AS claim_id, '{}'::uuid[] AS claim_ids, p.reference AS claim_reference,
             ${CYCLE_PAYMENT_LABEL}::text AS reference_label,
             nullif(f."failureReason", ${NO_REASON_GIVEN}) AS reason, 'cycle-payment-failed:' || p.id::text AS dedupe_key
      FROM (${failures}) f JOIN "Payment" p ON p.id = f."paymentId"
      WHERE p."cycleId" IS NOT NULL`,
  });
}

function failureSql(failures: readonly FailureToApply[] | Prisma.Sql): Prisma.Sql {
  if (failures instanceof Prisma.Sql) return failures;
  const list = failures as readonly FailureToApply[];
  return Prisma.sql`
    SELECT t."paymentId", t."fileLineId", t."failureReason"
    FROM unnest(${list.map((f) => f.paymentId)}::uuid[], ${list.map((f) => f.fileLineId)}::uuid[],
                ${list.map((f) => f.failureReason)}::text[]) AS t("paymentId", "fileLineId", "failureReason")`;
}
