import type { ActionResult } from "@/lib/actions/result";
import type { UploadKind } from "@/lib/generated/prisma/enums";
import { describeBytes } from "@/lib/uploads/upload-limits";
import { UploadForm, type UploadActionData } from "./upload-form";
import { UploadsTable, type UploadRowView } from "./uploads-table";

/** What each kind of staff upload asks for, and how its recent uploads are listed. */
const KINDS = {
  SSCL_FAILED_PAYMENTS: {
    id: "failed-payments-file",
    endpoint: "/api/uploads/failed-payments",
    label: "SSCL failed-payments file (CSV)",
    accept: ".csv,text/csv",
    submitLabel: "Upload and check",
    caption: "Recent failed-payments uploads",
    matchedLabel: "Failed",
  },
  PAYOUT_PAYMENT_CODES: {
    id: "payment-codes-file",
    endpoint: "/api/uploads/payout-payment-codes",
    label: "Payout payment-code file (CSV)",
    accept: ".csv,text/csv",
    submitLabel: "Upload payment codes",
    caption: "Recent payment-code uploads",
    matchedLabel: "Codes issued",
  },
  PAYOUT_RECONCILIATION: {
    id: "reconciliation-file",
    endpoint: "/api/uploads/payout-reconciliation",
    label: "Payout reconciliation report (CSV)",
    accept: ".csv,text/csv",
    submitLabel: "Upload reconciliation",
    caption: "Recent reconciliation uploads",
    matchedLabel: "Outcomes recorded",
  },
  BANK_HOLIDAYS: {
    id: "bank-holidays-file",
    endpoint: "/api/uploads/bank-holidays",
    label: "Bank holidays file (JSON)",
    accept: ".json,application/json",
    submitLabel: "Upload and replace",
    caption: "Recent bank-holiday uploads",
    matchedLabel: "New or changed",
  },
} satisfies Partial<Record<UploadKind, Record<string, string>>>;

/** A page's upload: its heading, the upload form, and the recent uploads of that kind. */
export function UploadSection(props: {
  title: string;
  /** For a section the heading labels. */
  headingId?: string;
  hint: string;
  kind: keyof typeof KINDS;
  uploads: UploadRowView[];
  /** The largest file the upload takes, told in the hint. */
  maxBytes: number;
  /** The outcome of an upload posted without JavaScript (the page read it back from ?upload=<id>). */
  initialResult?: ActionResult<UploadActionData> | null;
  /** Where each upload's own result page is: this path and the upload's id (kinds that have one). */
  resultPath?: string;
  /** Recent uploads only, without the form (for those who may look but not upload). */
  readOnly?: boolean;
  /** The kind's route with a query of its own, e.g. the batch a payment-code file answers. */
  endpointQuery?: string;
}) {
  const kind = KINDS[props.kind];
  return (
    <>
      <h2 id={props.headingId} className="mb-4 text-[1.125rem] font-bold sm:text-[1.5rem]">
        {props.title}
      </h2>
      {!props.readOnly && (
        <UploadForm
          endpoint={props.endpointQuery ? `${kind.endpoint}?${props.endpointQuery}` : kind.endpoint}
          id={kind.id}
          label={kind.label}
          hint={`${props.hint} Files of up to ${describeBytes(props.maxBytes)}.`}
          accept={kind.accept}
          submitLabel={kind.submitLabel}
          initialResult={props.initialResult}
          resultPath={props.resultPath}
          errorReport={kind.accept.includes(".csv")}
        />
      )}
      <UploadsTable
        caption={kind.caption}
        uploads={props.uploads}
        matchedLabel={kind.matchedLabel}
        resultPath={props.resultPath}
        errorReport={kind.accept.includes(".csv")}
      />
    </>
  );
}
