import type { UploadKind } from "@/lib/generated/prisma/enums";
import { UploadForm, type UploadAction } from "./upload-form";
import { UploadsTable, type UploadRowView } from "./uploads-table";

/** What each kind of staff upload asks for, and how its recent uploads are listed. */
const KINDS = {
  SSCL_FAILED_PAYMENTS: {
    id: "failed-payments-file",
    label: "SSCL failed-payments file (CSV)",
    accept: ".csv,text/csv",
    submitLabel: "Upload and check",
    caption: "Recent failed-payments uploads",
    matchedLabel: "Failed",
  },
  BANK_HOLIDAYS: {
    id: "bank-holidays-file",
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
  action: UploadAction;
  kind: keyof typeof KINDS;
  uploads: UploadRowView[];
}) {
  const kind = KINDS[props.kind];
  return (
    <>
      <h2 id={props.headingId} className="mb-4 text-[1.125rem] font-bold sm:text-[1.5rem]">
        {props.title}
      </h2>
      <UploadForm
        action={props.action}
        id={kind.id}
        label={kind.label}
        hint={props.hint}
        accept={kind.accept}
        submitLabel={kind.submitLabel}
      />
      <UploadsTable caption={kind.caption} uploads={props.uploads} matchedLabel={kind.matchedLabel} />
    </>
  );
}
