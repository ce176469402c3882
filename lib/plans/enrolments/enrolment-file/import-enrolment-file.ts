import { receiveUpload, type ImportUploadOptions, type UploadKindSpec, type UploadOutcome } from "@/lib/uploads/receive-upload";
import { applyEnrolmentFile } from "./apply-enrolment-file";
import { checkEnrolmentFile, type EnrolmentFilePlan } from "./check-enrolment-file";
import { FIXED_COLUMNS } from "./enrolment-columns";
import { RECORD_ERRORS, renderEnrolmentError } from "./render-enrolment-error";

/**
 * Plan managers upload a benefit plan's enrolment file (docs/enrolment-file.md): the whole file is
 * checked against the plan and the record; only when no row is an error are its people enrolled
 * and changed, their new bank details and payment methods left waiting for a second plan manager.
 */

/** A row is a few hundred characters; these caps only stop files that are not an enrolment file. */
export const ENROLMENT_FILE_LIMITS = {
  maxLineBytes: 64 * 1024,
  maxColumns: FIXED_COLUMNS.length + 200,
  // A header and a million people, with room to spare.
  maxLines: 1_000_001,
  columnsHint: "an enrolment file has 18 columns and one per attribute of the plan",
} as const;

export interface EnrolmentFileUploadOptions {
  benefitPlanId: string;
  /** The bank-details key: the file's details are stored encrypted, and compared with those on record. */
  key: Buffer;
  /** BANK_DETAILS_LOOKUP_KEY: each proposed account keeps its lookup hash beside its ciphertext. */
  lookupKey: Buffer;
  /** Tests only: the person references to try, in order. */
  makeReference?: () => string;
}

/** The upload kind, for the upload route and the shell. */
export function enrolmentFileUpload(options: EnrolmentFileUploadOptions): UploadKindSpec<EnrolmentFilePlan> {
  return {
    kind: "ENROLMENT",
    contentType: "text/csv",
    limits: ENROLMENT_FILE_LIMITS,
    duplicateOf: "any",
    benefitPlanId: options.benefitPlanId,
    check: (tx, file) =>
      checkEnrolmentFile(tx, file, { benefitPlanId: options.benefitPlanId, key: options.key, lookupKey: options.lookupKey }),
    renderError: (kind, facts, lineNo) =>
      (RECORD_ERRORS as readonly string[]).includes(kind) ? renderEnrolmentError(kind, facts, lineNo) : `Line ${lineNo}: error`,
    apply: async (tx, { uploadId, fileName, actor, now, plan }) => {
      await applyEnrolmentFile(tx, { uploadId, fileName, actor, now, plan, makeReference: options.makeReference });
    },
  };
}

/** The whole upload for bytes already in memory (tests, scripts); the route streams instead. */
export function importEnrolmentFile(options: EnrolmentFileUploadOptions & ImportUploadOptions): Promise<UploadOutcome> {
  const { benefitPlanId, key, lookupKey, makeReference, ...rest } = options;
  return receiveUpload({
    ...rest,
    spec: enrolmentFileUpload({ benefitPlanId, key, lookupKey, makeReference }) as UploadKindSpec,
  });
}
