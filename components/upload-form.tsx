"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { ActionErrorSummary, fieldError } from "./action-error-summary";
import { buttonClass } from "./button-styles";
import { Field } from "./form-group";
import { SuccessMessage } from "./notification-from-result";
import { Table, TBody, Td, Th, THead, Tr } from "./table";
import type { ActionResult } from "@/lib/actions/result";
import { plural } from "@/lib/plural";
import type { UploadOutcome, UploadProgress } from "@/lib/uploads/receive-upload";

export type UploadActionData = {
  uploadId: string;
  status: UploadOutcome["status"];
  errors?: { lineNo: number; message: string }[];
  /** Nothing changed (a duplicate, or every row recorded before): told as a notice, not a success. */
  notice?: boolean;
  /** The earlier upload a duplicate repeats, or that recorded this file's rows first. */
  previousUploadId?: string;
};

type Result = ActionResult<UploadActionData>;

type Progress = { stage: "sending"; sent: number; total: number } | UploadProgress;

const NO_FILE: Result = {
  ok: false,
  code: "VALIDATION",
  message: "Check the form for errors.",
  fieldErrors: { file: ["Choose a file to upload"] },
};

/**
 * Every staff upload (docs/file-formats.md#rules-for-every-upload): a file input posted to the
 * upload route, a result that says what happened, and for a refused file the rows that are wrong
 * plus the error report download.
 *
 * With JavaScript the file goes by XMLHttpRequest (fetch cannot report upload progress): a
 * <progress> bar and a polite live region tell how much has been sent, then how many rows the
 * server has checked (it streams one JSON line per step, then the result). Without JavaScript the
 * form posts itself and the route redirects back to the page with the upload's id, which the
 * page turns into `initialResult`.
 */
export function UploadForm(props: {
  endpoint: string;
  id: string;
  label: string;
  hint?: ReactNode;
  accept: string;
  submitLabel: string;
  /** The outcome of an upload posted without JavaScript, read back by the page. */
  initialResult?: Result | null;
  /** Where an upload's own result page is: this path and the upload's id. */
  resultPath?: string;
  /** The kind's files are CSV, so a refused file's rows can come back with an Error column. */
  errorReport?: boolean;
}) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<Result | null>(props.initialResult ?? null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const busy = progress !== null;
  const notice = !!(result?.ok && result.data?.notice);

  const finish = (outcome: Result) => {
    setProgress(null);
    setResult(outcome);
    router.refresh(); // the recent uploads below
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const file = input.current?.files?.[0];
    if (!file) {
      setResult(NO_FILE);
      return;
    }
    setResult(null);
    setProgress({ stage: "sending", sent: 0, total: file.size });
    const body = new FormData();
    body.append("file", file, file.name);

    const xhr = new XMLHttpRequest();
    let read = 0;
    let final: Result | null = null;
    const readLines = () => {
      const text = xhr.responseText;
      const end = text.lastIndexOf("\n");
      if (end < read) return;
      for (const line of text.slice(read, end).split("\n")) {
        if (!line.trim()) continue;
        const message = JSON.parse(line) as { progress?: UploadProgress; result?: Result };
        if (message.progress) setProgress(message.progress);
        if (message.result) final = message.result;
      }
      read = end + 1;
    };
    xhr.open("POST", props.endpoint);
    xhr.setRequestHeader("Accept", "application/x-ndjson");
    xhr.upload.onprogress = (e) =>
      setProgress({ stage: "sending", sent: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.upload.onload = () => setProgress({ stage: "checking", rows: 0 });
    xhr.onprogress = readLines;
    xhr.onload = () => {
      try {
        readLines();
      } catch {
        final = null;
      }
      finish(final ?? failed(xhr.status));
    };
    xhr.onerror = () => finish(failed(0));
    xhr.send(body);
  };

  return (
    <div className="mb-8" id="upload-result">
      <ActionErrorSummary result={result} fields={["file"]} ids={{ file: props.id }} />
      {/* Always mounted: given null, it takes an earlier success banner down. */}
      <SuccessMessage result={notice ? null : result} />
      {notice && result?.ok && (
        <UploadNotice
          text={result.message ?? ""}
          previousHref={
            props.resultPath && result.data?.previousUploadId ? `${props.resultPath}${result.data.previousUploadId}` : undefined
          }
        />
      )}
      <FileProblems result={result} errorReport={props.errorReport} />
      {props.resultPath && result?.data?.uploadId && (
        <p className="mb-6">
          <a href={`${props.resultPath}${result.data.uploadId}`} className="font-bold text-link underline">
            See the full result of this upload
          </a>
        </p>
      )}
      <form method="post" action={props.endpoint} encType="multipart/form-data" onSubmit={onSubmit} noValidate>
        <Field id={props.id} label={props.label} hint={props.hint} error={fieldError(result, "file")}>
          {(aria) => (
            <input
              ref={input}
              id={props.id}
              name="file"
              type="file"
              accept={props.accept}
              className="mb-2 block max-w-full"
              disabled={busy}
              {...aria}
            />
          )}
        </Field>
        <button type="submit" disabled={busy} className={buttonClass("primary")}>
          {busy ? "Uploading…" : props.submitLabel}
        </button>
        <UploadProgressView id={`${props.id}-progress`} progress={progress} />
      </form>
    </div>
  );
}

function failed(status: number): Result {
  const message =
    status === 401
      ? "Your session has ended. Sign in again, then upload the file again."
      : status === 403
        ? "You do not have permission to do this."
        : "The upload did not finish. Nothing was changed: check your connection and try again.";
  return { ok: false, code: status === 403 ? "FORBIDDEN" : "INTERNAL", message };
}

const bytes = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(n / 1024)} KB`);

/** The bar and the words. The live region stays on the page so screen readers hear each change; its text moves in steps. */
function UploadProgressView({ id, progress }: { id: string; progress: Progress | null }) {
  let text = "";
  let value: number | undefined;
  let max: number | undefined;
  if (progress?.stage === "sending") {
    const percent = progress.total > 0 ? Math.floor((progress.sent / progress.total) * 10) * 10 : 0;
    text = `Sending the file: ${percent}% (${bytes(progress.sent)} of ${bytes(progress.total)})`;
    value = progress.sent;
    max = Math.max(progress.total, 1);
  } else if (progress?.stage === "checking") {
    text = progress.rows > 0 ? `Checking the file: ${plural(progress.rows, "row")} read` : "Checking the file";
  } else if (progress?.stage === "matching") {
    text = `Checking ${plural(progress.rows, "row")} against what was sent`;
  } else if (progress?.stage === "applying") {
    text =
      progress.rows === 1
        ? "The row is correct: applying the file"
        : `All ${plural(progress.rows, "row")} are correct: applying the file`;
  }
  return (
    <div className="mt-4">
      {progress && (
        <progress id={id} className="mb-2 block w-full max-w-md" value={value} max={max} aria-label="Upload progress" />
      )}
      <p aria-live="polite" className="text-secondary">
        {text}
      </p>
    </div>
  );
}

/**
 * An upload that changed nothing (the same file again, or rows all recorded before): a blue
 * notice, not a green success, read out once and focused as a success banner would be.
 */
function UploadNotice({ text, previousHref }: { text: string; previousHref?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    ref.current?.focus();
  }, [text]);
  return (
    <div
      ref={ref}
      role="status"
      aria-labelledby={titleId}
      tabIndex={-1}
      className="mb-[30px] border-[5px] border-link bg-link focus:outline-[3px] focus:outline-offset-0 focus:outline-focus"
    >
      <div className="px-[15px] pt-[2px] pb-[5px] sm:px-5">
        <h2 id={titleId} className="m-0 text-[1rem] font-bold text-white sm:text-[1.1875rem]">
          Nothing changed
        </h2>
      </div>
      <div className="bg-white p-[15px] sm:p-5">
        <p className="mb-0">{text}</p>
        {previousHref && (
          <p className="mt-3 mb-0">
            <a href={previousHref} className="font-bold text-link underline">
              See the earlier upload
            </a>
          </p>
        )}
      </div>
    </div>
  );
}

/**
 * A refused file's wrong rows (the first of them) and the download of them all. The download is
 * offered only for rows of a CSV: a whole-file problem (an .xlsx, a file that is not text) has no
 * rows for the report to repeat.
 */
export function FileProblems({ result, errorReport = true }: { result: Result | null; errorReport?: boolean }) {
  const errors = result && !result.ok ? (result.data?.errors ?? []) : [];
  const uploadId = result?.data?.uploadId;
  if (errors.length === 0 || !uploadId) return null;
  const report = errorReport && errors.some((e) => e.lineNo > 0);
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
      {report && (
        <p>
          <a href={`/api/uploads/${uploadId}/error-report`} download className="font-bold text-link underline">
            Download the rows with an Error column (CSV)
          </a>
        </p>
      )}
    </div>
  );
}
