import { buttonClass } from "@/components/button-styles";
import { formatDateTime } from "@/components/format-date";
import { Money } from "@/components/money";
import { StatusTag } from "@/components/tag";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import type { BankAdminRun } from "@/lib/direct-payments/bank-admin/list-bank-admin-runs";
import { voidBatchAction } from "../actions";
import { VoidBatchForm } from "./void-batch-form";

type Batch = BankAdminRun["batches"][number];
type File = Batch["files"][number];

const fileKindLabels: Record<string, string> = { ACCESSPAY_CSV: "AccessPay CSV", ADI_JOURNAL: "ADI journal" };

function Downloads({ file }: { file: File }) {
  if (file.downloads.length === 0) return <span className="font-bold text-error">Not downloaded yet</span>;
  const [first, ...rest] = file.downloads;
  return (
    <>
      First by {first.by}, {formatDateTime(first.at)}
      {rest.length > 0 && (
        <ul className="mt-1 text-secondary">
          {rest.map((d) => (
            <li key={d.id}>
              Again by {d.by}, {formatDateTime(d.at)}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function FileRow({ file }: { file: File }) {
  return (
    <Tr>
      <Td>
        <span className="block font-bold">{fileKindLabels[file.kind] ?? file.kind}</span>
        <span className="break-all">{file.fileName}</span>
        <code className="mt-1 block text-sm break-all text-secondary">sha256 {file.sha256}</code>
      </Td>
      <Td numeric>{file.lineCount}</Td>
      <Td numeric>
        <Money pence={file.totalPence} />
      </Td>
      <Td>
        <Downloads file={file} />
      </Td>
      <Td>
        {file.isVoid ? (
          <span className="text-secondary">Void: not for the bank</span>
        ) : (
          <a href={`/api/files/${file.id}`} download={file.fileName} className={buttonClass("secondary", { small: true })}>
            Download<span className="sr-only"> {file.fileName}</span>
          </a>
        )}
      </Td>
    </Tr>
  );
}

function BatchFiles({ batch, mayVoid }: { batch: Batch; mayVoid: boolean }) {
  return (
    <>
      <p className="mb-3">
        <StatusTag status={batch.status} kind="batch" /> {batch.paymentCount} payments, <Money pence={batch.totalPence} />
        {batch.status === "VOID" && (
          <span className="mt-1 block">
            Voided{batch.voidedBy ? ` by ${batch.voidedBy}` : ""}
            {batch.voidedAt ? `, ${formatDateTime(batch.voidedAt)}` : ""}: {batch.voidReason}
          </span>
        )}
      </p>
      <Table caption="Files" captionVisuallyHidden>
        <THead>
          <Tr>
            <Th>File</Th>
            <Th numeric>Lines</Th>
            <Th numeric>Total</Th>
            <Th>Downloads</Th>
            <Th>
              <span className="sr-only">Download</span>
            </Th>
          </Tr>
        </THead>
        <TBody>
          {batch.files.map((f) => (
            <FileRow key={f.id} file={f} />
          ))}
        </TBody>
      </Table>
      {mayVoid && (batch.status === "STORED" || batch.status === "VOID") && (
        <VoidBatchForm action={voidBatchAction} batchId={batch.id} showForm={batch.status === "STORED"} />
      )}
    </>
  );
}

/** One run: when, who started it, and each of its batches with files, downloads and totals. */
export function RunBatches({ run, mayVoid }: { run: BankAdminRun; mayVoid: boolean }) {
  return (
    <section id={`run-${run.id}`} aria-labelledby={`run-heading-${run.id}`} className="mb-10 border-t border-mid-grey pt-5">
      <h3 id={`run-heading-${run.id}`} className="mb-2 text-[1.125rem] font-bold sm:text-[1.5rem]">
        Run of {formatDateTime(run.startedAt)}
      </h3>
      <p className="mb-4 text-secondary">
        Started by {run.triggeredBy}. Run {run.id}
      </p>
      {run.batches.map((b) => (
        <BatchFiles key={b.id} batch={b} mayVoid={mayVoid} />
      ))}
    </section>
  );
}
