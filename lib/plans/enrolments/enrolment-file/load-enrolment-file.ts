import { decryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PaymentMethod, Role, UploadStatus } from "@/lib/generated/prisma/enums";
import { shownBankDetails, type ShownBankDetails } from "../load-beneficiary";
import type { AppliedEnrolmentFile } from "./apply-enrolment-file";
import type { EnrolmentFileDecision } from "./decide-enrolment-file-changes";

/** The waiting changes listed per page. */
export const CHANGES_PER_PAGE = 100;

export interface EnrolmentFileChange {
  lineNo: number;
  personReference: string;
  name: string;
  /** New bank details waiting: in full for whoever may decide them, masked for everyone else. */
  bankDetails: ShownBankDetails | null;
  /** A payment method waiting: `first` for a new enrolment's first method (from and to are the same). */
  method: { from: PaymentMethod; to: PaymentMethod; first: boolean } | null;
}

export interface EnrolmentFilePage {
  upload: {
    id: string;
    fileName: string;
    status: UploadStatus;
    uploadedAt: Date;
    uploadedBy: { id: string; name: string };
    rows: number;
    matched: number;
    unchanged: number;
    errors: number;
    message: string | null;
  };
  /** What applying the file did (its audit record); null when it was not applied. */
  applied: AppliedEnrolmentFile | null;
  decisions: { approved: boolean; by: string; at: Date; counts: EnrolmentFileDecision }[];
  waiting: { bankDetails: number; paymentMethods: number; firstMethods: number };
  /** A plan manager other than the uploader: sees the waiting details in full and may decide them. */
  mayDecide: boolean;
  changes: EnrolmentFileChange[];
  /** The line to list the next page after, and the previous page before. */
  nextAfter: number | null;
  previousBefore: number | null;
}

/**
 * One enrolment file of a plan, for its page: the upload, what applying it did, the decisions on
 * it, and a page of the changes still waiting (people in the file's order). Null when the plan has
 * no such file. The plain bank details leave this function only for a viewer who may decide them.
 */
export async function loadEnrolmentFile(options: {
  db: Db;
  key: Buffer;
  planCode: string;
  uploadId: string;
  viewer: { id: string; role: Role };
  /** Keyset paging by line: the page after one line, or before one (the first page without either). */
  after?: number;
  before?: number;
}): Promise<EnrolmentFilePage | null> {
  const { db, key, uploadId, viewer } = options;
  const upload = await db.upload.findFirst({
    where: { id: uploadId, kind: "ENROLMENT", benefitPlan: { code: options.planCode.trim().toUpperCase() } },
    include: { uploadedBy: { select: { id: true, name: true } } },
  });
  if (!upload) return null;
  const audit = await db.auditLog.findMany({
    where: {
      entityType: "Upload",
      entityId: uploadId,
      action: { in: ["enrolment-file.applied", "enrolment-file.changes-approved", "enrolment-file.changes-rejected"] },
    },
    orderBy: { id: "asc" },
    include: { actor: { select: { name: true } } },
  });
  const appliedEntry = audit.find((a) => a.action === "enrolment-file.applied");
  const [waiting] = await db.$queryRaw<EnrolmentFilePage["waiting"][]>`
    SELECT (SELECT count(*) FROM "BankDetailChange" WHERE "uploadId" = ${uploadId}::uuid AND status = 'PENDING')::int AS "bankDetails",
           (SELECT count(*) FROM "Enrolment" WHERE "pendingMethodUploadId" = ${uploadId}::uuid
              AND "pendingPaymentMethod" IS NOT NULL)::int AS "paymentMethods",
           (SELECT count(*) FROM "Enrolment" WHERE "pendingMethodUploadId" = ${uploadId}::uuid
              AND "pendingPaymentMethod" = "paymentMethod")::int AS "firstMethods"`;
  const mayDecide = viewer.role === "PLAN_MANAGER" && viewer.id !== upload.uploadedById;

  const backwards = options.before !== undefined;
  const rows = await db.$queryRaw<
    {
      lineNo: number;
      reference: string;
      name: string;
      ciphertext: string | null;
      method: PaymentMethod | null;
      pending: PaymentMethod | null;
    }[]
  >`
    SELECT r."lineNo", c.reference, c."firstName" || ' ' || c."lastName" AS name, b.ciphertext,
           e."paymentMethod"::text AS method, e."pendingPaymentMethod"::text AS pending
    FROM "UploadRow" r
    JOIN "Claimant" c ON c.id = r."personId"
    LEFT JOIN "BankDetailChange" b ON b."claimantId" = c.id AND b."uploadId" = ${uploadId}::uuid AND b.status = 'PENDING'
    LEFT JOIN "Enrolment" e ON e."personId" = c.id AND e."pendingMethodUploadId" = ${uploadId}::uuid
      AND e."pendingPaymentMethod" IS NOT NULL
    WHERE r."uploadId" = ${uploadId}::uuid AND (b.id IS NOT NULL OR e.id IS NOT NULL)
      AND ${backwards ? Prisma.sql`r."lineNo" < ${options.before}` : Prisma.sql`r."lineNo" > ${options.after ?? 0}`}
    ORDER BY ${backwards ? Prisma.sql`r."lineNo" DESC` : Prisma.sql`r."lineNo"`}
    LIMIT ${CHANGES_PER_PAGE + 1}`;
  const more = rows.length > CHANGES_PER_PAGE;
  const shown = rows.slice(0, CHANGES_PER_PAGE);
  if (backwards) shown.reverse();
  const changes = shown.map((r): EnrolmentFileChange => ({
    lineNo: r.lineNo,
    personReference: r.reference,
    name: r.name,
    bankDetails: r.ciphertext ? shownBankDetails(decryptBankDetails(r.ciphertext, key), mayDecide) : null,
    method: r.method && r.pending ? { from: r.method, to: r.pending, first: r.method === r.pending } : null,
  }));

  return {
    upload: {
      id: upload.id,
      fileName: upload.fileName,
      status: upload.status,
      uploadedAt: upload.uploadedAt,
      uploadedBy: upload.uploadedBy,
      rows: upload.rowCount,
      matched: upload.matched,
      unchanged: upload.unchanged,
      errors: upload.errors,
      message: upload.message,
    },
    applied: appliedEntry ? (appliedEntry.after as unknown as AppliedEnrolmentFile) : null,
    decisions: audit
      .filter((a) => a.action !== "enrolment-file.applied")
      .map((a) => ({
        approved: a.action === "enrolment-file.changes-approved",
        by: a.actor?.name ?? a.actorLabel,
        at: a.at,
        counts: a.after as unknown as EnrolmentFileDecision,
      })),
    waiting,
    mayDecide,
    changes,
    nextAfter: changes.length > 0 && (backwards || more) ? changes[changes.length - 1].lineNo : null,
    previousBefore: changes.length > 0 && (backwards ? more : (options.after ?? 0) > 0) ? changes[0].lineNo : null,
  };
}
