"use client";

import { useActionState, type ReactNode } from "react";
import { ActionErrorSummary, fieldError } from "./action-error-summary";
import { Field } from "./form-group";
import { SuccessMessage } from "./notification-from-result";
import { SubmitButton } from "./submit-button";
import { Table, TBody, Td, Th, THead, Tr } from "./table";
import type { ActionResult } from "@/lib/actions/result";
import type { UploadOutcome } from "@/lib/uploads/receive-upload";

export type UploadActionData = {
  uploadId: string;
  status: UploadOutcome["status"];
  errors?: { lineNo: number; message: string }[];
};
type UploadAction = (
  previous: ActionResult<UploadActionData> | null,
  formData: FormData,
) => Promise<ActionResult<UploadActionData>>;

/**
 * Every staff upload: a file input, a result that says what happened, and for a refused file the
 * rows that are wrong plus the error report download (file-formats.md "Rules for every upload").
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
  const [result, action] = useActionState(props.action, null);
  const errors = result && !result.ok ? (result.data?.errors ?? []) : [];
  const uploadId = result?.data?.uploadId;
  return (
    <div className="mb-8">
      <ActionErrorSummary result={result} fields={["file"]} ids={{ file: props.id }} />
      <SuccessMessage result={result} />
      {errors.length > 0 && uploadId && (
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
      )}
      <form action={action} noValidate>
        <Field id={props.id} label={props.label} hint={props.hint} error={fieldError(result, "file")}>
          {(aria) => (
            <input id={props.id} name="file" type="file" accept={props.accept} className="mb-2 block max-w-full" {...aria} />
          )}
        </Field>
        {props.children}
        <SubmitButton pendingLabel="Checking the file… this can take a minute">{props.submitLabel}</SubmitButton>
      </form>
    </div>
  );
}
