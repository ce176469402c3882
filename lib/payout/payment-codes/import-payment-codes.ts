import { PAYOUT_DEFAULTS } from "@/lib/config/schema";
import { receiveUpload, type ImportUploadOptions, type UploadKindSpec, type UploadOutcome } from "@/lib/uploads/receive-upload";
import { applyPaymentCodes } from "./apply-payment-codes";
import { checkPaymentCodes, MATCHED_CODES, type PaymentCodesPlan } from "./check-payment-codes";
import { renderPaymentCodeError } from "./render-payment-code-error";

/**
 * Caseworkers upload the Post Office's payment-code file for a delivered Payout batch
 * (docs/file-formats.md#payout-payment-code-upload). The whole file is checked against the batch;
 * only when no row is an error are the codes stored and the claimants' voucher messages queued.
 */

/** A line of this file is some 200 characters; these caps only stop files that are not one. */
export const PAYMENT_CODES_LIMITS = {
  maxLineBytes: 4 * 1024,
  maxColumns: 100,
  columnsHint: "expected 23",
  maxLines: 1_000_000,
} as const;

export interface PaymentCodesUploadOptions {
  /** The batch the file answers, when the person uploading chose one; otherwise read from the file. */
  batchId?: string | null;
  /** For a voucher whose expiry the run did not record (VOUCHER_VALIDITY_DAYS). */
  voucherValidityDays?: number;
}

/** The upload kind, for the upload route and the shell. */
export function paymentCodesUpload(options: PaymentCodesUploadOptions = {}): UploadKindSpec<PaymentCodesPlan> {
  return {
    kind: "PAYOUT_PAYMENT_CODES",
    contentType: "text/csv",
    limits: PAYMENT_CODES_LIMITS,
    duplicateOf: "any",
    check: (tx, file) => checkPaymentCodes(tx, file, { batchId: options.batchId }),
    renderError: renderPaymentCodeError,
    apply: async (tx, { uploadId, actor, now, plan }) => {
      await applyPaymentCodes(tx, {
        codes: MATCHED_CODES,
        batchId: plan.batchId,
        uploadId,
        actor,
        now,
        voucherValidityDays: options.voucherValidityDays ?? PAYOUT_DEFAULTS.voucherValidityDays,
      });
    },
  };
}

/** The whole upload for bytes already in memory (tests, scripts, the inbox); the route streams instead. */
export async function importPaymentCodes(options: PaymentCodesUploadOptions & ImportUploadOptions): Promise<UploadOutcome> {
  const { batchId, voucherValidityDays, ...rest } = options;
  return receiveUpload({ ...rest, spec: paymentCodesUpload({ batchId, voucherValidityDays }) as UploadKindSpec });
}
