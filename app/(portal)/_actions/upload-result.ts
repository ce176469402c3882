import { z } from "zod";
import { formatDateTime } from "@/components/format-date";
import type { UploadCounts, UploadOutcome } from "@/lib/uploads/receive-upload";
import { MAX_UPLOAD_BYTES } from "@/lib/uploads/receive-upload";
import type { UploadActionData } from "@/components/upload-form";
import type { ActionOutcome } from "@/lib/actions/define-action";

/** A file field for upload actions: present, not empty, not too big. */
export const uploadFileField = z
  .instanceof(File, { message: "Choose a file to upload" })
  .refine((f) => f.size > 0, "The file is empty")
  .refine((f) => f.size <= MAX_UPLOAD_BYTES, `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);

/** The most rows an upload result lists on the page; the error report has every one. */
export const ERRORS_SHOWN = 50;

/** One way to tell staff what an upload did, for every kind of upload. */
export function uploadOutcomeResult(
  outcome: UploadOutcome,
  applied: (counts: UploadCounts) => string,
): ActionOutcome<UploadActionData> {
  switch (outcome.status) {
    case "DUPLICATE":
      return {
        ok: true,
        message: `This file was already uploaded by ${outcome.previous.uploadedBy} on ${formatDateTime(outcome.previous.uploadedAt)}. Nothing was changed.`,
        data: { uploadId: outcome.uploadId, status: outcome.status },
      };
    case "REJECTED": {
      const n = outcome.counts.errors;
      return {
        ok: false,
        code: "VALIDATION",
        message: `The file has ${n} ${n === 1 ? "error" : "errors"}. Nothing was changed: correct the file and upload it again.`,
        data: { uploadId: outcome.uploadId, status: outcome.status, errors: outcome.errors.slice(0, ERRORS_SHOWN) },
      };
    }
    case "APPLIED":
      return { ok: true, message: applied(outcome.counts), data: { uploadId: outcome.uploadId, status: outcome.status } };
  }
}
