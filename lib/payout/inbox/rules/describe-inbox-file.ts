import { describeBytes } from "@/lib/uploads/upload-limits";
import type { ReturnFileKind } from "./classify-return-file";

/**
 * The words for a file the Payout inbox moved to error/ (docs/file-formats.md#incoming-folder): one
 * line for the audit, the alert and the cron's answer, and the text of error/<name>.txt beside it.
 */

export const KIND_LABELS: Record<ReturnFileKind, string> = {
  PAYOUT_PAYMENT_CODES: "payment-code file",
  PAYOUT_RECONCILIATION: "reconciliation report",
};

/** How many of a rejected file's errors the one-line reason names. */
const NAMED_ERRORS = 3;

export function tooLargeReason(maxBytes: number): string {
  return `The file is larger than ${describeBytes(maxBytes)} (UPLOAD_MAX_MB): not imported.`;
}

export interface Rejection {
  kind: ReturnFileKind;
  uploadId: string;
  counts: { rows: number; errors: number };
  errors: readonly { lineNo: number; message: string }[];
}

/** "Rejected as a reconciliation report: 2 of 40 rows have errors, nothing applied (upload …). Line 3: …; Line 9: …" */
export function rejectionReason(rejection: Rejection): string {
  const { kind, uploadId, counts, errors } = rejection;
  const rows =
    counts.rows === counts.errors && counts.errors === 1 && errors[0]?.lineNo === 0
      ? "the file was refused"
      : `${counts.errors.toLocaleString("en-GB")} of ${counts.rows.toLocaleString("en-GB")} rows have errors`;
  const named = errors.slice(0, NAMED_ERRORS).map((e) => e.message);
  const more = counts.errors > named.length ? `; and ${(counts.errors - named.length).toLocaleString("en-GB")} more` : "";
  return `Rejected as a ${KIND_LABELS[kind]}: ${rows}, so nothing in it was applied (upload ${uploadId}). ${named.join("; ")}${more}`;
}

/** The note left beside a file in error/: why, and what to do. */
export function errorNote(input: {
  fileName: string;
  movedTo: string;
  at: Date;
  reason: string;
  errors?: readonly string[];
}): string {
  const lines = [
    `${input.fileName} was moved to ${input.movedTo} by the Disburse Payout inbox on ${input.at.toISOString()}.`,
    "",
    input.reason,
  ];
  if (input.errors && input.errors.length > 0) lines.push("", "Errors:", ...input.errors);
  lines.push(
    "",
    "Nothing in this file was applied. Correct it (or ask the Post Office for a corrected one) and put it in the inbox folder again, or upload it on the portal's Payout page.",
  );
  return `${lines.join("\n")}\n`;
}
