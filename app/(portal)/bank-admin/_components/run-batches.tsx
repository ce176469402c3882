import { plural } from "@/lib/plural";
import { buttonClass } from "@/components/button-styles";
import { formatDateTime } from "@/components/format-date";
import { Money } from "@/components/money";
import Link from "next/link";
import { StatusTag, Tag } from "@/components/tag";
import { Details } from "@/components/details";
import type { BatchReconciliationView } from "@/lib/batches/reconciliation/load-batch-reconciliations";
import type { PendingBatchAction } from "@/lib/batches/batch-actions/list-batch-action-requests";
import type { BankAdminRun } from "@/lib/direct-payments/bank-admin/list-bank-admin-runs";
import { voidBatchAction } from "../actions";
import { BatchProgressTag, BatchReconciliation } from "./batch-reconciliation";
import { VoidBatchForm } from "./void-batch-form";

type Batch = BankAdminRun["batches"][number];
type File = Batch["files"][number];

const fileKindLabels: Record<string, string> = { ACCESSPAY_CSV: "AccessPay CSV", ADI_JOURNAL: "ADI journal" };

function Downloads({ file }: { file: File }) {
  if (file.downloads.length === 0) return <span className="font-bold text-error">Not downloaded yet</span>;
  const [first, ...rest] = file.downloads;
  return (
    <>
      <span>
        First by {first.by}, {formatDateTime(first.at)}
      </span>
      {rest.length > 0 && (
        <ul className="mt-1 mb-0 text-secondary">
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

/** "96 payment lines" for the AccessPay file, "2 journal lines" for the ADI journal. */
function linesText(file: File): string {
  return file.kind === "ADI_JOURNAL" ? plural(file.lineCount, "journal line") : plural(file.lineCount, "payment line");
}

/** One file: the download first and large, then what it holds and who downloaded it. */
function FileBlock({ file }: { file: File }) {
  const kind = fileKindLabels[file.kind] ?? file.kind;
  return (
    <li className="mb-5">
      {file.isVoid ? (
        <p className="mb-1 font-bold break-all">
          {kind}: {file.fileName} <span className="font-normal text-secondary">(void: not for the bank)</span>
        </p>
      ) : (
        <a
          href={`/api/files/${file.id}`}
          download={file.fileName}
          className={buttonClass("primary", { className: "mb-2 max-w-full break-all text-left" })}
        >
          Download {file.fileName} ({kind})
        </a>
      )}
      <p className="mb-1">
        {kind}: {linesText(file)}, <Money pence={file.totalPence} />
      </p>
      <div>
        <Downloads file={file} />
      </div>
    </li>
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

function BatchFiles({
  batch,
  mayVoid,
  mayExport,
  waiting,
  reconciliation,
}: {
  batch: Batch;
  mayVoid: boolean;
  mayExport: boolean;
  waiting?: PendingBatchAction;
  reconciliation?: BatchReconciliationView;
}) {
  return (
    <>
      <p className="mb-3">
        {reconciliation ? <BatchProgressTag view={reconciliation} /> : <StatusTag status={batch.status} kind="batch" />}{" "}
        {plural(batch.paymentCount, "payment")}, <Money pence={batch.totalPence} />
        {batch.status === "VOID" && (
          <span className="mt-1 block">
            Voided{batch.voidedBy ? ` by ${batch.voidedBy}` : ""}
            {batch.voidedAt ? `, ${formatDateTime(batch.voidedAt)}` : ""}: {batch.voidReason}
          </span>
        )}
      </p>
      <ul className="mb-4 list-none p-0">
        {batch.files.map((f) => (
          <FileBlock key={f.id} file={f} />
        ))}
      </ul>
      {reconciliation && <BatchReconciliation view={reconciliation} mayExport={mayExport} />}
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

/** Identifiers for checking and for support: the run's id and each file's sha256, out of the way. */
function RunChecks({ run }: { run: BankAdminRun }) {
  return (
    <Details summary="Run ID and file checksums">
      <p className="mb-2">
        Run <code className="break-all">{run.id}</code>
      </p>
      <ul className="mb-0 list-none p-0">
        {run.batches.flatMap((b) =>
          b.files.map((f) => (
            <li key={f.id} className="mb-1 text-secondary">
              <span className="break-all">{f.fileName}</span> <code className="block text-sm break-all">sha256 {f.sha256}</code>
            </li>
          )),
        )}
      </ul>
    </Details>
  );
}

/** One run: when, who started it, and each of its batches with files, downloads and totals. */
export function RunBatches({
  run,
  mayVoid,
  mayExport,
  waiting,
  reconciliations,
}: {
  run: BankAdminRun;
  mayVoid: boolean;
  /** May download a batch's reconciliation CSV. */
  mayExport: boolean;
  /** Requests waiting for a second admin, for batches of this page. */
  waiting: PendingBatchAction[];
  /** Each batch's reconciliation, by batch id. */
  reconciliations: Map<string, BatchReconciliationView>;
}) {
  return (
    <section id={`run-${run.id}`} aria-labelledby={`run-heading-${run.id}`} className="mb-10 border-t border-mid-grey pt-5">
      <h3 id={`run-heading-${run.id}`} className="mb-2 text-[1.125rem] font-bold sm:text-[1.5rem]">
        Run of {formatDateTime(run.startedAt)}
      </h3>
      <p className="mb-4 text-secondary">Started by {run.triggeredBy}.</p>
      {run.batches.map((b) => (
        <BatchFiles
          key={b.id}
          batch={b}
          mayVoid={mayVoid}
          mayExport={mayExport}
          waiting={waiting.find((w) => w.batch.id === b.id)}
          reconciliation={reconciliations.get(b.id)}
        />
      ))}
      <RunChecks run={run} />
    </section>
  );
}
