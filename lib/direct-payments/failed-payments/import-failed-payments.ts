import { receiveUpload, type ImportUploadOptions, type UploadKindSpec, type UploadOutcome } from "@/lib/uploads/receive-upload";
import { applyPaymentFailures } from "./apply-payment-failures";
import { checkFailedPayments, MATCHED_FAILURES } from "./check-failed-payments";
import { renderMatchError } from "./match-failed-payments";

/**
 * SSCL finance uploads the AccessPay lines that bounced
 * (docs/file-formats.md#sscl-failed-payments-upload). The whole file is checked against the lines
 * we sent; only when no row is an error do the matched payments fail.
 */

/** Lines of this file are under 100 characters; these caps only stop files that are not one. */
export const FAILED_PAYMENTS_LIMITS = {
  maxLineBytes: 4 * 1024,
  maxColumns: 100,
  columnsHint: "expected 5 or 6",
  maxLines: 1_000_000,
} as const;

/** The upload kind, for the upload route and the shell. `key` decrypts the stored file lines' bank details. */
export function failedPaymentsUpload(key: Buffer): UploadKindSpec {
  return {
    kind: "SSCL_FAILED_PAYMENTS",
    contentType: "text/csv",
    limits: FAILED_PAYMENTS_LIMITS,
    duplicateOf: "any",
    check: (tx, file) => checkFailedPayments(tx, file, key),
    renderError: renderMatchError,
    apply: (tx, { uploadId, actor, now }) => applyPaymentFailures(tx, { failures: MATCHED_FAILURES, uploadId, actor, now }),
  };
}

/** The whole upload for bytes already in memory (tests, scripts); the route streams instead. */
export async function importFailedPayments(options: ImportUploadOptions & { key: Buffer }): Promise<UploadOutcome> {
  const { key, ...rest } = options;
  return receiveUpload({ ...rest, spec: failedPaymentsUpload(key) });
}
