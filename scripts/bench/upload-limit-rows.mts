// The rows an applied failed-payments upload writes, for the upload's limit: from the temporary
// table "failed" (one row per payment the joined UPDATE failed), each table by one statement.
import type pg from "pg";
import { auditRow } from "./step-support.mts";

export type FailureParams = { uploadId: string; at: string; actorId: string; actor: string; moveId: string; now: string };

/** Every row the product writes for the failed payments, one INSERT … SELECT (or UPDATE) per table. */
export async function writeFailureRows(
  client: pg.Client,
  p: FailureParams,
  file: { rows: number; sha256: string; bytes: number; fileName: string },
  mark: (phase: string) => void = () => {},
): Promise<void> {
  const { rows, sha256, bytes, fileName } = file;
  const { uploadId, at, actorId, actor, moveId, now } = p;
  await client.query(
    `INSERT INTO "Upload" (id, kind, status, "fileName", "storageKey", sha256, "byteSize", "uploadedById", "uploadedAt",
                           "rowCount", matched, unchanged, errors)
     VALUES ($1::uuid, 'SSCL_FAILED_PAYMENTS', 'APPLIED', $2::text, $1::uuid::text || '/' || $2::text, $3, $4, $5, $6::timestamp, $7, $7, 0, 0)`,
    [uploadId, fileName, sha256, bytes, actorId, at, rows],
  );
  await client.query(
    `INSERT INTO "UploadRow" (id, "uploadId", "lineNo", outcome, message, "paymentId")
     SELECT gen_random_uuid(), $1::uuid, line_no, 'MATCHED', 'Payment ' || reference || ' failed: ' || reason, payment_id FROM failed`,
    [uploadId],
  );
  mark("upload rows");
  await client.query(
    `INSERT INTO "PaymentStatusHistory" ("paymentId", "moveId", action, "fromStatus", "toStatus", at, "actorId", "actorLabel",
                                         reason, "uploadId")
     SELECT payment_id, $5::uuid, 'payment.failed', old_status::"PaymentStatus", 'FAILED', $2::timestamp, $3::uuid, $4, reason, $1::uuid
     FROM failed`,
    [uploadId, at, actorId, actor, moveId],
  );
  await client.query(
    `INSERT INTO "AuditLog" (at, "actorId", "actorLabel", action, "entityType", "entityId", before, after)
     SELECT $2::timestamp, $3::uuid, $4, 'payment.failed', 'Payment', payment_id::text,
            jsonb_build_object('status', old_status, 'holdReason', NULL, 'failureReason', NULL),
            jsonb_build_object('status', 'FAILED', 'failedAt', $5::text, 'failureReason', reason, 'reason', reason,
                               'uploadId', $1::uuid::text, 'fileLineId', file_line_id)
     FROM failed`,
    [uploadId, at, actorId, actor, now],
  );
  await client.query(
    `INSERT INTO "ClaimEvent" (id, "claimId", at, "actorId", kind, summary, detail)
     SELECT gen_random_uuid(), claim_id, $2::timestamp, $3::uuid, 'payment.failed', 'Payment ' || reference || ' failed: ' || reason,
            jsonb_build_object('paymentId', payment_id, 'previousStatus', old_status, 'uploadId', $1::uuid::text, 'fileLineId', file_line_id)
     FROM failed`,
    [uploadId, at, actorId],
  );
  mark("history, audit, timeline");
  // Each claim back to its caseworker for new bank details, audited with what it was before.
  await client.query(
    `WITH before AS (SELECT c.id, c.status::text AS status, c.version, c."assignedToId", c."informationRequestKind"::text AS kind,
                            f.payment_id
                     FROM "Claim" c JOIN failed f ON f.claim_id = c.id),
     changed AS (UPDATE "Claim" c SET status = 'INFORMATION_REQUESTED', "informationRequestKind" = 'BANK_DETAILS',
                        version = c.version + 1, "needsAttention" = true, "updatedAt" = $2::timestamp
                 FROM failed f WHERE c.id = f.claim_id RETURNING c.id, c.version)
     INSERT INTO "AuditLog" (at, "actorId", "actorLabel", action, "entityType", "entityId", before, after)
     SELECT $2::timestamp, $3::uuid, $4, 'claim.information-requested', 'Claim', b.id::text,
            jsonb_build_object('status', b.status, 'version', b.version, 'assignedToId', b."assignedToId", 'informationRequestKind', b.kind),
            jsonb_build_object('status', 'INFORMATION_REQUESTED', 'version', ch.version, 'assignedToId', b."assignedToId",
                               'informationRequestKind', 'BANK_DETAILS', 'paymentId', b.payment_id, 'uploadId', $1::uuid::text)
     FROM before b JOIN changed ch ON ch.id = b.id`,
    [uploadId, at, actorId, actor],
  );
  mark("claims back to caseworkers");
  await client.query(
    `INSERT INTO "ClaimEvent" (id, "claimId", at, "actorId", kind, summary, detail)
     SELECT gen_random_uuid(), claim_id, $2::timestamp, $3::uuid, 'claim.information-requested',
            'Requested: new bank details (the bank payment failed)',
            jsonb_build_object('kind', 'BANK_DETAILS', 'paymentId', payment_id, 'uploadId', $1::uuid::text)
     FROM failed`,
    [uploadId, at, actorId],
  );
  // The claimant told, by their contact preference, and the message on the timeline.
  await client.query(
    `WITH queued AS (
       INSERT INTO "Notification" (id, "claimantId", "claimId", channel, template, recipient, personalisation)
       SELECT gen_random_uuid(), c."claimantId", c.id, 'EMAIL', 'PAYMENT_FAILED', cl.email,
              jsonb_build_object('subject', 'Your payment could not be made', 'body',
                                 'Dear ' || cl."firstName" || ', we could not pay claim ' || c.reference || ': ' || f.reason,
                                 'claimReference', c.reference)
       FROM failed f JOIN "Claim" c ON c.id = f.claim_id JOIN "Claimant" cl ON cl.id = c."claimantId"
       RETURNING id, "claimId")
     INSERT INTO "ClaimEvent" (id, "claimId", at, "actorId", kind, summary, detail)
     SELECT gen_random_uuid(), q."claimId", $1::timestamp, $2::uuid, 'message.queued', 'Email queued: Your payment could not be made',
            jsonb_build_object('notificationId', q.id, 'channel', 'EMAIL')
     FROM queued q`,
    [at, actorId],
  );
  mark("claimants told");
  await auditRow(client, {
    at,
    actor,
    actorId,
    action: "upload.applied",
    entityType: "Upload",
    entityId: uploadId,
    after: { kind: "SSCL_FAILED_PAYMENTS", fileName: fileName, status: "APPLIED", sha256, rows, matched: rows },
  });
}
