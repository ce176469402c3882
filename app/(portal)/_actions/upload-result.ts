import { plural } from "@/lib/plural";
import { formatDateTime } from "@/components/format-date";
import type { UploadActionData } from "@/components/upload-form";
import type { ActionOutcome } from "@/lib/actions/define-action";
import type { Db } from "@/lib/db";
import type { UploadKind } from "@/lib/generated/prisma/enums";
import type { UploadCounts, UploadOutcome } from "@/lib/uploads/receive-upload";
import { failedPaymentsMessage } from "@/lib/direct-payments/failed-payments/failed-payments-message";
import { loadFailedPaymentsSummary } from "@/lib/direct-payments/failed-payments/load-failed-payments-result";

/** The most rows an upload result lists on the page; the error report has every one. */
export const ERRORS_SHOWN = 50;

/** What the page says when a file of each kind was applied. */
export const appliedMessages: Partial<Record<UploadKind, (counts: UploadCounts) => string>> = {
  SSCL_FAILED_PAYMENTS: (c) => {
    const unchanged = c.unchanged ? `; ${plural(c.unchanged, "row was", "rows were")} already recorded` : "";
    return `${plural(c.matched, "payment", "payments")} marked as failed${unchanged}. The claims are back with caseworkers for new bank details.`;
  },
  PAYOUT_PAYMENT_CODES: (c) => {
    const unchanged = c.unchanged ? `; ${plural(c.unchanged, "row already had its", "rows already had their")} code` : "";
    return `${plural(c.matched, "payment code", "payment codes")} stored and the claimants' voucher messages queued${unchanged}.`;
  },
  PAYOUT_RECONCILIATION: (c) => {
    const unchanged = c.unchanged ? `; ${plural(c.unchanged, "row was", "rows were")} already recorded` : "";
    return `${plural(c.matched, "voucher", "vouchers")} updated from the Post Office's report${unchanged}.`;
  },
  ENROLMENT: (c) => {
    const unchanged = c.unchanged ? `; ${plural(c.unchanged, "row changed", "rows changed")} nothing` : "";
    return `${plural(c.matched, "person", "people")} enrolled or changed${unchanged}. New bank details and payment methods wait for a second plan manager.`;
  },
  BANK_HOLIDAYS: (c) =>
    `Bank holidays replaced: ${c.rows} dates (${c.matched} new or changed, ${c.unchanged} unchanged). Working days now count from this calendar.`,
};

/** One way to tell staff what an upload did, for every kind of upload. */
export function uploadOutcomeResult(
  outcome: UploadOutcome,
  applied: (counts: UploadCounts) => string,
): ActionOutcome<UploadActionData> {
  switch (outcome.status) {
    case "DUPLICATE":
      // Not a success: nothing was done. Told as a notice that names the earlier upload.
      return {
        ok: true,
        message: `This file was already uploaded on ${formatDateTime(outcome.previous.uploadedAt)} by ${outcome.previous.uploadedBy}. Nothing was changed.`,
        data: { uploadId: outcome.uploadId, status: outcome.status, notice: true, previousUploadId: outcome.previous.uploadId },
      };
    case "REJECTED": {
      const n = outcome.counts.errors;
      return {
        ok: false,
        code: "VALIDATION",
        message: `The file has ${plural(n, "error", "errors")}. Nothing was changed: correct the file and upload it again.`,
        data: { uploadId: outcome.uploadId, status: outcome.status, errors: outcome.errors.slice(0, ERRORS_SHOWN) },
      };
    }
    case "APPLIED":
      return { ok: true, message: applied(outcome.counts), data: { uploadId: outcome.uploadId, status: outcome.status } };
  }
}

/**
 * What staff are told an upload did, reading what the counts alone cannot say: an applied
 * failed-payments file names each payment it failed, with its amount and the total, or, when every
 * row was recorded before, says that nothing changed (a notice, not a success) and which upload
 * recorded them.
 */
export async function describeUploadOutcome(
  db: Db,
  outcome: UploadOutcome,
  kind: UploadKind,
): Promise<ActionOutcome<UploadActionData>> {
  const applied = appliedMessages[kind] ?? (() => "The file was applied.");
  if (outcome.status !== "APPLIED" || kind !== "SSCL_FAILED_PAYMENTS") return uploadOutcomeResult(outcome, applied);
  const summary = await loadFailedPaymentsSummary(db, outcome.uploadId);
  const nothing = summary.failed === 0;
  return {
    ok: true,
    message: failedPaymentsMessage(summary, formatDateTime),
    data: {
      uploadId: outcome.uploadId,
      status: outcome.status,
      ...(nothing ? { notice: true } : {}),
      ...(nothing && summary.earlier ? { previousUploadId: summary.earlier.uploadId } : {}),
    },
  };
}

/**
 * The result of an earlier upload, read back from its record: what a page shows after the upload
 * form was posted without JavaScript and the route redirected back with the upload's id. Null
 * for an upload of another kind, or one still being checked.
 */
export async function loadUploadResult(
  db: Db,
  uploadId: string,
  kind: UploadKind,
): Promise<ActionOutcome<UploadActionData> | null> {
  const upload = await db.upload.findUnique({ where: { id: uploadId } });
  if (!upload || upload.kind !== kind) return null;
  const applied = appliedMessages[kind] ?? (() => "The file was applied.");
  const counts = { rows: upload.rowCount, matched: upload.matched, unchanged: upload.unchanged, errors: upload.errors };
  switch (upload.status) {
    case "APPLIED":
      return describeUploadOutcome(db, { status: "APPLIED", uploadId, counts }, kind);
    case "REJECTED": {
      const rows = await db.uploadRow.findMany({
        where: { uploadId, outcome: "ERROR" },
        orderBy: { lineNo: "asc" },
        take: ERRORS_SHOWN,
        select: { lineNo: true, message: true },
      });
      const errors = rows.map((r) => ({ lineNo: r.lineNo, message: r.message ?? `Line ${r.lineNo}: error` }));
      return uploadOutcomeResult({ status: "REJECTED", uploadId, counts, errors }, applied);
    }
    case "DUPLICATE": {
      const first = await db.upload.findFirst({
        where: { kind, sha256: upload.sha256, status: "APPLIED", uploadedAt: { lte: upload.uploadedAt } },
        orderBy: { uploadedAt: "asc" },
        include: { uploadedBy: { select: { name: true } } },
      });
      if (!first) return null;
      const previous = { uploadId: first.id, uploadedAt: first.uploadedAt, uploadedBy: first.uploadedBy.name };
      return uploadOutcomeResult({ status: "DUPLICATE", uploadId, previous }, applied);
    }
    default:
      return null;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A page's `?upload=<id>` (where the upload route sends a form posted without JavaScript) as a result to show. */
export async function uploadResultFromParam(
  db: Db,
  param: string | string[] | undefined,
  kind: UploadKind,
): Promise<ActionOutcome<UploadActionData> | null> {
  const uploadId = Array.isArray(param) ? param[0] : param;
  if (!uploadId || !UUID.test(uploadId)) return null;
  return (
    (await loadUploadResult(db, uploadId, kind)) ?? {
      ok: false,
      code: "INTERNAL",
      message: "The upload did not finish. Nothing was changed: upload the file again.",
    }
  );
}
