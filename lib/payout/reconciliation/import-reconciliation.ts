import { receiveUpload, type ImportUploadOptions, type UploadKindSpec, type UploadOutcome } from "@/lib/uploads/receive-upload";
import { applyReconciliation } from "./apply-reconciliation";
import { checkReconciliation, MATCHED_STATUSES } from "./check-reconciliation";
import { renderReconciliationError } from "./render-reconciliation-error";

/**
 * Caseworkers upload the Post Office's daily reconciliation report
 * (docs/file-formats.md#payout-reconciliation-upload). The whole report is checked against the
 * vouchers; only when no row is an error do the vouchers take the statuses it reports.
 */

/** A report line is under 100 characters; these caps only stop files that are not one. */
export const RECONCILIATION_LIMITS = {
  maxLineBytes: 4 * 1024,
  maxColumns: 100,
  // A header and a million rows, with room to spare.
  maxLines: 2_000_000,
} as const;

export interface ReconciliationUploadOptions {
  /** Who the moves are made by: the caseworker who uploads (default), or the system (an automated inbox). */
  mover?: "SYSTEM" | "CASEWORKER";
}

/** The upload kind, for the upload route and the shell. */
export function reconciliationUpload(options: ReconciliationUploadOptions = {}): UploadKindSpec {
  return {
    kind: "PAYOUT_RECONCILIATION",
    contentType: "text/csv",
    limits: RECONCILIATION_LIMITS,
    duplicateOf: "any",
    check: (tx, file) => checkReconciliation(tx, file),
    renderError: renderReconciliationError,
    apply: async (tx, { uploadId, actor, now }) => {
      await applyReconciliation(tx, { changes: MATCHED_STATUSES, uploadId, actor, mover: options.mover ?? "CASEWORKER", now });
    },
  };
}

/** The whole upload for bytes already in memory (tests, scripts, the inbox); the route streams instead. */
export async function importReconciliation(options: ReconciliationUploadOptions & ImportUploadOptions): Promise<UploadOutcome> {
  const { mover, ...rest } = options;
  return receiveUpload({ ...rest, spec: reconciliationUpload({ mover }) });
}
