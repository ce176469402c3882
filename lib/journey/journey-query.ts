import { Prisma } from "@/lib/generated/prisma/client";

// The payment journey's one statement (docs/payment-journey.md#one-query), apart from the loader so
// that the bench (scripts/bench/journey.mts) times and EXPLAINs exactly what the page runs.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Longest payment reference (Payment.reference is VARCHAR(18)); anything longer finds nothing. */
const MAX_REFERENCE = 18;

/** Which column the key names: a UUID is the payment's id, anything else its reference. */
export function journeyKey(key: string): { id: string | null; reference: string | null } | null {
  const k = key.trim();
  if (UUID.test(k)) return { id: k.toLowerCase(), reference: null };
  if (k === "" || k.length > MAX_REFERENCE) return null;
  // References are stored upper-case (claim reference alphabet and digits), so upper() of the key
  // meets the unique index on "reference" as it is.
  return { id: null, reference: k.toUpperCase() };
}

/** Every timestamp column is UTC without a zone: make it an instant, in a row or inside JSON. */
const utc = (column: string) => `(${column} AT TIME ZONE 'UTC')`;

/**
 * The statement. Each branch of the UNION ALL starts from the one payment row `p` (or its file
 * lines `l`) and reaches its rows by an index; the claim and cycle branches use the payment's
 * claimId or cycleId, so a cycle payment's claim branches find nothing without reading anything.
 */
export function journeySql({ id, reference }: { id: string | null; reference: string | null }): Prisma.Sql {
  // Fixed text and two bind parameters: the same statement for every payment.
  return Prisma.sql`
WITH p AS (
  SELECT * FROM "Payment" WHERE id = ${id}::uuid OR reference = ${reference}::text LIMIT 1
),
next_failure AS (
  -- A claim's failed-payment message is queued at the failure's time: it belongs to the payment whose
  -- failure it follows, up to the failure of the payment that replaced it.
  SELECT r."failedAt" FROM p JOIN "Payment" r ON r."replacesId" = p.id
),
decision AS (
  SELECT e.* FROM p JOIN "ClaimEvent" e ON e."claimId" = p."claimId"
  WHERE e.kind IN ('claim.approved', 'claim.second-approved')
    AND e.detail->>'paymentId' IN (p.id::text, p."replacesId"::text)
),
l AS (
  SELECT fl."batchId", fl."lineNo", fl."isVoid", b."runId", b.method, b.status AS batch_status,
         b."createdAt" AS batch_created, b."voidedAt", b."voidReason", vu.name AS voided_by,
         r.kind AS run_kind, r."startedAt" AS run_started, r."triggeredBy",
         f.id AS file_id, f."fileName", f.kind AS file_kind, f."createdAt" AS file_created
  FROM p
  JOIN "FileLine" fl ON fl."paymentId" = p.id
  JOIN "Batch" b ON b.id = fl."batchId"
  JOIN "Run" r ON r.id = b."runId"
  LEFT JOIN "User" vu ON vu.id = b."voidedById"
  -- The payment file of the batch (AccessPay or Payout), not the ADI journal.
  LEFT JOIN LATERAL (
    SELECT bf.id, bf."fileName", bf.kind, bf."createdAt" FROM "BatchFile" bf
    WHERE bf."batchId" = b.id AND bf.kind <> 'ADI_JOURNAL' ORDER BY bf.kind LIMIT 1
  ) f ON true
)
SELECT 'payment' AS src, ${Prisma.raw(utc('p."createdAt"'))} AS at, 0::bigint AS seq,
       jsonb_build_object(
         'id', p.id, 'reference', p.reference, 'method', p.method, 'status', p.status, 'amountPence', p."amountPence",
         'createdAt', ${Prisma.raw(utc('p."createdAt"'))}, 'holdReason', p."holdReason", 'failureReason', p."failureReason",
         'cancelReason', p."cancelReason", 'personId', p."personId",
         'personName', trim(c."firstName" || ' ' || c."lastName"), 'personReference', c.reference,
         'claimId', p."claimId", 'claimReference', cl.reference, 'cycleId', p."cycleId",
         'cycleLabel', CASE WHEN cy.id IS NULL THEN NULL
                            ELSE pp.name || ', ' || to_char(cy."periodStart", 'FMDD FMMonth YYYY') || ' to '
                                 || to_char(cy."periodEnd", 'FMDD FMMonth YYYY') END,
         'paymentCode', p."paymentCode", 'bankDetailsMasked', NULL
       ) AS d,
       -- What the payment was paid to (its live bank line's copy), else the person's details now.
       CASE WHEN p.method = 'BANK' THEN coalesce(
         (SELECT x."bankDetailsCiphertext" FROM "FileLine" x WHERE x."paymentId" = p.id AND NOT x."isVoid" LIMIT 1),
         bd.ciphertext) END AS cipher
FROM p
JOIN "Claimant" c ON c.id = p."personId"
LEFT JOIN "BankDetails" bd ON bd."claimantId" = p."personId"
LEFT JOIN "Claim" cl ON cl.id = p."claimId"
LEFT JOIN "PaymentCycle" cy ON cy.id = p."cycleId"
LEFT JOIN "PaymentPlan" pp ON pp.id = cy."paymentPlanId"
UNION ALL
SELECT 'history', ${Prisma.raw(utc("h.at"))}, h.id,
       jsonb_build_object(
         'action', h.action, 'fromStatus', h."fromStatus", 'toStatus', h."toStatus", 'holdReason', h."holdReason",
         'reason', h.reason, 'actorName', u.name, 'actorLabel', h."actorLabel", 'runId', h."runId",
         'batchId', h."batchId", 'uploadId', h."uploadId", 'uploadKind', up.kind, 'uploadFileName', up."fileName",
         'statusDate', CASE WHEN h."uploadId" IS NOT NULL AND h."toStatus" IN ('CASHED', 'EXPIRED', 'CANCELLED')
                            THEN to_char(p."postOfficeStatusDate", 'YYYY-MM-DD') END
       ), NULL
FROM p
JOIN "PaymentStatusHistory" h ON h."paymentId" = p.id
LEFT JOIN "User" u ON u.id = h."actorId"
LEFT JOIN "Upload" up ON up.id = h."uploadId"
UNION ALL
-- The claim's decision that made the payment (a reissue's: the one that made the payment it
-- replaces), and the first approval before a second one.
-- The decision and the payment it made are one transaction: its event is stamped by the database
-- a moment after the payment's time, so it takes the earlier of the two.
SELECT 'claim-event', ${Prisma.raw(utc('least(e.at, p."createdAt")'))}, 0,
       jsonb_build_object('kind', e.kind, 'summary', e.summary, 'actorName', u.name), NULL
FROM p JOIN decision e ON true
LEFT JOIN "User" u ON u.id = e."actorId"
UNION ALL
SELECT 'claim-event', ${Prisma.raw(utc("f.at"))}, 0,
       jsonb_build_object('kind', f.kind, 'summary', f.summary, 'actorName', u.name), NULL
FROM decision e
JOIN LATERAL (
  SELECT x.* FROM "ClaimEvent" x
  WHERE x."claimId" = e."claimId" AND x.kind = 'claim.first-approved' AND x.at <= e.at ORDER BY x.at DESC LIMIT 1
) f ON e.kind = 'claim.second-approved'
LEFT JOIN "User" u ON u.id = f."actorId"
UNION ALL
SELECT 'cycle-event', ${Prisma.raw(utc("ce.at"))}, ce.id,
       jsonb_build_object('kind', ce.kind, 'summary', ce.summary, 'actorName', u.name, 'actorLabel', ce."actorLabel"), NULL
FROM p
JOIN "PaymentCycleEvent" ce ON ce."cycleId" = p."cycleId"
LEFT JOIN "User" u ON u.id = ce."actorId"
WHERE ce.kind = 'cycle.approved'
UNION ALL
SELECT 'line', ${Prisma.raw(utc("coalesce(l.file_created, l.batch_created)"))}, l."lineNo",
       jsonb_build_object(
         'batchId', l."batchId", 'lineNo', l."lineNo", 'isVoid', l."isVoid", 'method', l.method,
         'batchStatus', l.batch_status, 'voidedAt', ${Prisma.raw(utc('l."voidedAt"'))}, 'voidReason', l."voidReason",
         'voidedBy', l.voided_by, 'runId', l."runId", 'runKind', l.run_kind,
         'runStartedAt', ${Prisma.raw(utc("l.run_started"))}, 'runTriggeredBy', l."triggeredBy",
         'fileId', l.file_id, 'fileName', l."fileName", 'fileKind', l.file_kind
       ), NULL
FROM l
UNION ALL
SELECT 'download', ${Prisma.raw(utc('d."downloadedAt"'))}, 0,
       jsonb_build_object('batchId', l."batchId", 'runId', l."runId", 'fileName', l."fileName", 'userName', u.name,
                          'downloads', (SELECT count(*) FROM "FileDownload" n WHERE n."batchFileId" = l.file_id)), NULL
FROM l
JOIN LATERAL (
  SELECT fd."downloadedAt", fd."userId" FROM "FileDownload" fd
  WHERE fd."batchFileId" = l.file_id ORDER BY fd."downloadedAt" LIMIT 1
) d ON true
JOIN "User" u ON u.id = d."userId"
UNION ALL
SELECT 'delivery', ${Prisma.raw(utc('coalesce(bd."finishedAt", bd."startedAt")'))}, bd."attemptNo",
       jsonb_build_object('batchId', l."batchId", 'fileName', bd."fileName", 'target', bd.target,
                          'attemptNo', bd."attemptNo", 'outcome', bd.outcome, 'triggeredBy', bd."triggeredBy"), NULL
FROM l
JOIN LATERAL (
  SELECT * FROM "BatchDelivery" x
  WHERE x."batchId" = l."batchId" AND x.outcome IN ('DELIVERED', 'ALREADY_DELIVERED') ORDER BY x."attemptNo" LIMIT 1
) bd ON true
UNION ALL
SELECT 'code', ${Prisma.raw(utc('coalesce(p."codeIssuedAt", p."updatedAt")'))}, 0,
       jsonb_build_object('code', p."paymentCode", 'uploadId', p."codeUploadId", 'uploadFileName', up."fileName",
                          'uploaderName', u.name), NULL
FROM p
LEFT JOIN "Upload" up ON up.id = p."codeUploadId"
LEFT JOIN "User" u ON u.id = up."uploadedById"
WHERE p."paymentCode" IS NOT NULL
UNION ALL
SELECT 'message', ${Prisma.raw(utc('n."createdAt"'))}, 0,
       jsonb_build_object('template', n.template, 'channel', n.channel, 'status', n.status,
                          'sentAt', ${Prisma.raw(utc('n."sentAt"'))}, 'error', n.error), NULL
FROM (
  -- The voucher's own message (Notification.paymentId), a cycle payment's failure message (keyed
  -- by the payment), and the claim's approval and failure messages.
  SELECT n.* FROM p JOIN "Notification" n ON n."paymentId" = p.id
  UNION ALL
  SELECT n.* FROM p JOIN "Notification" n ON n."dedupeKey" = 'cycle-payment-failed:' || p.id::text
  UNION ALL
  SELECT n.* FROM p JOIN "Notification" n ON n."claimId" = p."claimId"
  WHERE n."paymentId" IS NULL
    AND ((n.template = 'CLAIM_APPROVED' AND p."replacesId" IS NULL)
      OR (n.template = 'PAYMENT_FAILED' AND n."createdAt" >= p."failedAt"
          AND n."createdAt" < coalesce((SELECT "failedAt" FROM next_failure), 'infinity')))
) n
UNION ALL
SELECT 'before', ${Prisma.raw(utc('o."createdAt"'))}, 0,
       jsonb_build_object('id', o.id, 'reference', o.reference, 'status', o.status,
                          'createdAt', ${Prisma.raw(utc('o."createdAt"'))}, 'how', 'REISSUE'), NULL
FROM p JOIN "Payment" o ON o.id = p."replacesId"
UNION ALL
SELECT 'before', ${Prisma.raw(utc('o."createdAt"'))}, pl."lineNo",
       jsonb_build_object('id', o.id, 'reference', o.reference, 'status', o.status,
                          'createdAt', ${Prisma.raw(utc('o."createdAt"'))}, 'how', 'CARRY_OVER'), NULL
FROM p
JOIN "PaymentLine" pl ON pl."paymentId" = p.id AND pl."carriedFromPaymentId" IS NOT NULL
JOIN "Payment" o ON o.id = pl."carriedFromPaymentId"
UNION ALL
-- A reissue's time is its creation in the status history (the time its maker gave), not the row's default.
SELECT 'after', ${Prisma.raw(utc('coalesce(made.at, o."createdAt")'))}, 0,
       jsonb_build_object('id', o.id, 'reference', o.reference, 'status', o.status,
                          'createdAt', ${Prisma.raw(utc('o."createdAt"'))}, 'how', 'REISSUE'), NULL
FROM p JOIN "Payment" o ON o."replacesId" = p.id
LEFT JOIN LATERAL (
  SELECT h.at FROM "PaymentStatusHistory" h WHERE h."paymentId" = o.id ORDER BY h.id LIMIT 1
) made ON true
UNION ALL
SELECT 'after', ${Prisma.raw(utc('o."createdAt"'))}, 0,
       jsonb_build_object('id', o.id, 'reference', o.reference, 'status', o.status,
                          'createdAt', ${Prisma.raw(utc('o."createdAt"'))}, 'how', 'CARRY_OVER'), NULL
FROM p
JOIN "PaymentLine" pl ON pl."carriedFromPaymentId" = p.id
JOIN "Payment" o ON o.id = pl."paymentId"`;
}

/** The statement's text and parameters, for EXPLAIN in tests and the bench. */
export function journeyStatement(key: string) {
  const k = journeyKey(key);
  return k ? journeySql(k) : null;
}
