import { plural } from "@/lib/plural";
import { buttonClass } from "@/components/button-styles";
import { formatDateTime } from "@/components/format-date";
import { Money } from "@/components/money";
import Link from "next/link";
import { StatusTag, Tag } from "@/components/tag";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import type { PendingBatchAction } from "@/lib/batches/batch-actions/list-batch-action-requests";
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

/** A void asked for and waiting for a second admin (a file of the batch was downloaded). */
function WaitingVoid({ request }: { request: PendingBatchAction }) {
  return (
    <div className="mb-4 border-l-[10px] border-mid-grey p-[15px]">
      <p className="mb-2">
        <Tag colour="yellow">Waiting for a second admin</Tag>
      </p>
      <p className="mb-0">
        Void asked by {request.requestedBy}, {formatDateTime(request.requestedAt)}: {request.reason}. Another administrator
        approves or rejects it on{" "}
        <Link href="/admin/approvals" className="text-link underline">
          Approvals
        </Link>
        .
      </p>
    </div>
  );
}

function BatchFiles({ batch, mayVoid, waiting }: { batch: Batch; mayVoid: boolean; waiting?: PendingBatchAction }) {
  return (
    <>
      <p className="mb-3">
        <StatusTag status={batch.status} kind="batch" /> {plural(batch.paymentCount, "payment")},{" "}
        <Money pence={batch.totalPence} />
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
      {waiting && <WaitingVoid request={waiting} />}
      {mayVoid && (batch.status === "STORED" || batch.status === "VOID") && (
        <VoidBatchForm
          action={voidBatchAction}
          batchId={batch.id}
          showForm={batch.status === "STORED" && !waiting}
          downloaded={batch.files.some((f) => f.downloads.length > 0)}
        />
      )}
    </>
  );
}

/** One run: when, who started it, and each of its batches with files, downloads and totals. */
export function RunBatches({
  run,
  mayVoid,
  waiting,
}: {
  run: BankAdminRun;
  mayVoid: boolean;
  /** Requests waiting for a second admin, for batches of this page. */
  waiting: PendingBatchAction[];
}) {
  return (
    <section id={`run-${run.id}`} aria-labelledby={`run-heading-${run.id}`} className="mb-10 border-t border-mid-grey pt-5">
      <h3 id={`run-heading-${run.id}`} className="mb-2 text-[1.125rem] font-bold sm:text-[1.5rem]">
        Run of {formatDateTime(run.startedAt)}
      </h3>
      <p className="mb-4 text-secondary">
        Started by {run.triggeredBy}. Run {run.id}
      </p>
      {run.batches.map((b) => (
        <BatchFiles key={b.id} batch={b} mayVoid={mayVoid} waiting={waiting.find((w) => w.batch.id === b.id)} />
      ))}
    </section>
  );
}
