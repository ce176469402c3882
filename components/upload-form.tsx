"use client";

import type { ReactNode } from "react";
import { fieldError } from "./action-error-summary";
import { ActionForm } from "./action-form";
import { Field } from "./form-group";
import { SuccessMessage } from "./notification-from-result";
import { Table, TBody, Td, Th, THead, Tr } from "./table";
import type { ActionResult } from "@/lib/actions/result";
import type { UploadOutcome } from "@/lib/uploads/receive-upload";

export type UploadActionData = {
  uploadId: string;
  status: UploadOutcome["status"];
  errors?: { lineNo: number; message: string }[];
};
export type UploadAction = (
  previous: ActionResult<UploadActionData> | null,
  formData: FormData,
) => Promise<ActionResult<UploadActionData>>;

/**
 * Every staff upload: a file input, a result that says what happened, and for a refused file the
 * rows that are wrong plus the error report download (docs/file-formats.md#rules-for-every-upload).
 */
export function UploadForm(props: {
  action: UploadAction;
  id: string;
  label: string;
  hint?: ReactNode;
  accept: string;
  submitLabel: string;
  /** Extra fields, e.g. a confirmation. */
  children?: ReactNode;
}) {
  return (
    <ActionForm
      action={props.action}
      className="mb-8"
      fields={["file"]}
      ids={{ file: props.id }}
      submitLabel={props.submitLabel}
      pendingLabel="Checking the file… this can take a minute"
      outcome={(result) => (
        <>
          <SuccessMessage result={result} />
          <FileProblems result={result} />
        </>
      )}
    >
      {(result) => (
        <>
          <Field id={props.id} label={props.label} hint={props.hint} error={fieldError(result, "file")}>
            {(aria) => (
              <input id={props.id} name="file" type="file" accept={props.accept} className="mb-2 block max-w-full" {...aria} />
            )}
          </Field>
          {props.children}
        </>
      )}
    </ActionForm>
  );
}

/** A refused file's wrong rows (the first of them) and the download of them all. */
function FileProblems({ result }: { result: ActionResult<UploadActionData> | null }) {
  const errors = result && !result.ok ? (result.data?.errors ?? []) : [];
  const uploadId = result?.data?.uploadId;
  if (errors.length === 0 || !uploadId) return null;
  return (
    <div className="mb-6">
      <Table caption="Problems in the file">
        <THead>
          <Tr>
            <Th>Line</Th>
            <Th>Problem</Th>
          </Tr>
        </THead>
        <TBody>
          {errors.map((e) => (
            <Tr key={`${e.lineNo}-${e.message}`}>
              <Td>{e.lineNo === 0 ? "Whole file" : e.lineNo}</Td>
              <Td>{e.message}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      <p>
        <a href={`/api/uploads/${uploadId}/error-report`} download className="font-bold text-link underline">
          Download the rows with an Error column (CSV)
        </a>
      </p>
    </div>
  );
}
