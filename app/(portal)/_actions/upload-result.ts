import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formatDateTime } from "@/components/format-date";
import type { UploadCounts, UploadOutcome } from "@/lib/uploads/receive-upload";
import { MAX_UPLOAD_BYTES } from "@/lib/uploads/receive-upload";
import type { UploadActionData } from "@/components/upload-form";
import { defineAction, type ActionOutcome } from "@/lib/actions/define-action";
import type { ActionKey } from "@/lib/auth/access";
import type { CurrentUser } from "@/lib/auth/current-user";

/** A file field for upload actions: present, not empty, not too big. */
export const uploadFileField = z
  .instanceof(File, { message: "Choose a file to upload" })
  .refine((f) => f.size > 0, "The file is empty")
  .refine((f) => f.size <= MAX_UPLOAD_BYTES, `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB`);

/** What an upload action hands its service: the file's name and bytes, who uploaded it, when. */
export type ReceivedFile = { fileName: string; bytes: Buffer; actor: CurrentUser; now: Date };

/**
 * Every upload action: the file checked (uploadFileField), handed to the service, the page that
 * lists the uploads refreshed, and the outcome told the one way (uploadOutcomeResult).
 */
export function defineUploadAction(
  key: ActionKey,
  options: {
    receive: (file: ReceivedFile) => Promise<UploadOutcome>;
    /** The page that lists this kind's uploads. */
    path: string;
    /** The message for an applied file. */
    applied: (counts: UploadCounts) => string;
  },
) {
  return defineAction(key, z.object({ file: uploadFileField }), async ({ file }, user) => {
    const outcome = await options.receive({
      fileName: file.name,
      bytes: Buffer.from(await file.arrayBuffer()),
      actor: user,
      now: new Date(),
    });
    revalidatePath(options.path);
    return uploadOutcomeResult(outcome, options.applied);
  });
}

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
