import { plural } from "@/lib/plural";
import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/format-date";
import { Money } from "@/components/money";
import { PageHeading } from "@/components/page-heading";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { StatusTag } from "@/components/tag";
import { actions, mayUse } from "@/lib/auth/access";
import { requirePage } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { holdReasonLabels } from "@/lib/payments/hold-reasons";
import { listOpenAlerts } from "@/lib/notify/list-alerts";
import { listRuns, type RunListItem } from "@/lib/runs/list-runs";
import { config } from "@/lib/config";
import { bankDetailsKey } from "@/lib/crypto/bank-details-key";
import { log } from "@/lib/log";
import { nextScheduledRun, scheduleOf } from "@/lib/runs/preview/next-scheduled-run";
import { previewSentence } from "@/lib/runs/preview/preview-words";
import type { RunPreview } from "@/lib/runs/preview/run-preview";
import { retryRunAction, runNowAction, runPayoutNowAction } from "./actions";
import { AlertsList } from "./alerts-list";
import { ConfirmRunForm } from "./confirm-run-form";
import { RunPreviewSection } from "./run-preview-section";
import { previewBankRun, previewPayoutRun } from "./run-previews";

export const metadata: Metadata = { title: "Runs" };
export const dynamic = "force-dynamic";

const kindLabels = { DIRECT_PAYMENTS: "Direct payments", PAYOUT: "Payout" } as const;

function RunDetails({ run, mayRetry }: { run: RunListItem; mayRetry: boolean }) {
  return (
    <>
      {run.error && <p className="mb-2 text-error">Error: {run.error}</p>}
      {run.files.length > 0 && (
        <ul className="mb-2 list-disc pl-6">
          {run.files.map((f) => (
            <li key={f.id}>
              {run.kind === "DIRECT_PAYMENTS" && !f.isVoid ? (
                <a href={`/api/files/${f.id}`} download={f.fileName}>
                  Download {f.fileName}
                </a>
              ) : (
                f.fileName
              )}{" "}
              ({plural(f.lineCount, "line")}
              {f.isVoid ? ", void" : ""}) <code className="text-sm break-all">sha256 {f.sha256}</code>
            </li>
          ))}
        </ul>
      )}
      {run.files.length > 0 && (
        <p className="mb-2">
          {run.kind === "DIRECT_PAYMENTS" ? (
            <a href={`/bank-admin#run-${run.id}`}>Its batch on Bank Admin</a>
          ) : (
            <Link href="/payout">Its batches on Payout</Link>
          )}
        </p>
      )}
      {run.held.length > 0 && (
        <details className="mb-2">
          <summary className="cursor-pointer text-link underline">{plural(run.held.length, "payment")} put on hold</summary>
          <ul className="mt-2 list-disc pl-6">
            {run.held.map((h) => (
              <li key={h.paymentId}>
                {h.reference}: {holdReasonLabels[h.reason as keyof typeof holdReasonLabels] ?? h.reason}. {h.detail}
              </li>
            ))}
          </ul>
        </details>
      )}
      {run.cleaned.length > 0 && (
        <details className="mb-2">
          <summary className="cursor-pointer text-link underline">
            {plural(run.cleaned.length, "value")} changed when cleaned
          </summary>
          <ul className="mt-2 list-disc pl-6">
            {run.cleaned.map((w, i) => (
              <li key={`${w.paymentId}-${i}`}>
                {w.reference} {w.field}: {w.changes.join("; ")}
              </li>
            ))}
          </ul>
        </details>
      )}
      {mayRetry && run.status === "FAILED" && (
        <ConfirmRunForm
          action={retryRunAction}
          id={`confirm-retry-${run.id}`}
          runId={run.id}
          confirmLabel="I understand the retry finishes this run with its own files and start time"
          submitLabel="Retry this run"
        />
      )}
    </>
  );
}

type Previewed = { preview: RunPreview; error?: undefined } | { preview: null; error: string };

/** A preview that fails (a missing key, say) is reported on the page; the run's own form stays. */
async function tryPreview(kind: RunPreview["kind"], make: () => Promise<RunPreview>): Promise<Previewed> {
  try {
    return { preview: await make() };
  } catch (error) {
    log.error({ err: error, kind }, "run preview failed");
    return { preview: null, error: error instanceof Error ? error.message : String(error) };
  }
}

function previewFigures(preview: RunPreview | null) {
  return preview && !preview.problem
    ? { payments: preview.payments, totalPence: preview.totalPence, held: preview.wouldHold.total }
    : undefined;
}

export default async function RunsPage() {
  const user = await requirePage("runs");
  const mayRunBank = mayUse(actions.runNow, user.role);
  const mayRunPayout = mayUse(actions.runPayoutNow, user.role);
  const settings = config();
  const [runs, alerts, bank, payout] = await Promise.all([
    listRuns(prisma),
    listOpenAlerts(prisma),
    mayRunBank ? tryPreview("DIRECT_PAYMENTS", () => previewBankRun({ db: prisma, key: bankDetailsKey() })) : null,
    mayRunPayout
      ? tryPreview("PAYOUT", () =>
          previewPayoutRun({
            db: prisma,
            settings: { letterTemplateCode: settings.payoutLetterTemplateCode, maxPerFile: settings.payoutMaxPerFile },
          }),
        )
      : null,
  ]);
  const now = new Date();
  const mayRetry = mayUse(actions.retryRun, user.role);
  return (
    <>
      <PageHeading caption="Payments">Runs</PageHeading>
      <p className="mb-6 max-w-2xl">
        The schedule starts the direct-payments run at midnight UTC on Sunday to Thursday (00:00 UK time in winter, 01:00 in
        summer) and the Payout run (cash vouchers through the Post Office) at 01:00 UTC every day (01:00 UK time in winter, 02:00
        in summer). Run one now when a file is needed before then: it uses the same steps as the schedule, and pays what is
        waiting when it starts.
      </p>
      <AlertsList alerts={alerts.alerts} total={alerts.total} mayResolve={mayUse(actions.resolveAlert, user.role)} />
      {bank && (
        <RunPreviewSection
          kind="DIRECT_PAYMENTS"
          preview={bank.preview}
          previewError={bank.error}
          nextRunAt={nextScheduledRun(scheduleOf("DIRECT_PAYMENTS"), now)}
          form={
            <ConfirmRunForm
              action={runNowAction}
              id="confirm-run-now"
              confirmLabel="I want to send every waiting bank payment to a new AccessPay file now"
              submitLabel="Run direct payments now"
              hint={bank.preview ? previewSentence(bank.preview, holdReasonLabels) : undefined}
              preview={previewFigures(bank.preview)}
            />
          }
        />
      )}
      {payout && (
        <RunPreviewSection
          kind="PAYOUT"
          preview={payout.preview}
          previewError={payout.error}
          nextRunAt={nextScheduledRun(scheduleOf("PAYOUT"), now)}
          form={
            <ConfirmRunForm
              action={runPayoutNowAction}
              id="confirm-run-payout-now"
              confirmLabel="I want to send every waiting cash payment to the Post Office in new Payout files now"
              submitLabel="Run Payout now"
              hint={payout.preview ? previewSentence(payout.preview, holdReasonLabels) : undefined}
              preview={previewFigures(payout.preview)}
            />
          }
        />
      )}
      <h2 className="mb-4 text-[1.5rem] font-bold">History</h2>
      {runs.length === 0 ? (
        <p>No runs yet.</p>
      ) : (
        <Table caption="Runs, newest first">
          <THead>
            <Tr>
              <Th>Started</Th>
              <Th>Run</Th>
              <Th>Status</Th>
              <Th numeric>Payments</Th>
              <Th numeric>Total</Th>
              <Th>Details</Th>
            </Tr>
          </THead>
          <TBody>
            {runs.map((run) => (
              <Tr key={run.id}>
                <Td>
                  {formatDateTime(run.startedAt)}
                  {run.finishedAt && <span className="block text-secondary">finished {formatDateTime(run.finishedAt)}</span>}
                </Td>
                <Td>
                  {kindLabels[run.kind]}
                  <span className="block text-secondary">
                    by {run.triggeredBy}
                    {run.attempts > 1 ? `, attempt ${run.attempts}` : ""}
                  </span>
                </Td>
                <Td>
                  <StatusTag status={run.status} kind="run" />
                </Td>
                <Td numeric>{run.paymentCount}</Td>
                <Td numeric>
                  <Money pence={run.totalPence} />
                </Td>
                <Td>
                  <RunDetails run={run} mayRetry={mayRetry} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
