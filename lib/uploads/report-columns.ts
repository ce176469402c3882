import type { UploadKind } from "@/lib/generated/prisma/enums";

/** Column names for humans (error report header); SSCL's failed-payments file has no header row. */
export const FAILED_PAYMENT_COLUMNS = ["Sort code", "Account number", "Name", "Amount", "Reference", "Reason"] as const;

/** Header names for each kind's error report; a kind without names gets "Column 1", "Column 2"... */
export const REPORT_COLUMNS: Partial<Record<UploadKind, readonly string[]>> = {
  SSCL_FAILED_PAYMENTS: FAILED_PAYMENT_COLUMNS,
};

/** Kinds whose file starts with its own header row, which heads the error report (lib/uploads/upload-report.ts). */
export const REPORT_HEADER_FROM_FILE: ReadonlySet<UploadKind> = new Set<UploadKind>(["ENROLMENT"]);
