import { plural } from "@/lib/plural";
import type { Metadata } from "next";
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
import { retryRunAction, runNowAction, runPayoutNowAction } from "./actions";
import { AlertsList } from "./alerts-list";
import { ConfirmRunForm } from "./confirm-run-form";

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
              {f.fileName} ({plural(f.lineCount, "line")}
              {f.isVoid ? ", void" : ""}) <code className="text-sm break-all">sha256 {f.sha256}</code>
            </li>
          ))}
        </ul>
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

export default async function RunsPage() {
  const user = await requirePage("runs");
  const [runs, alerts] = await Promise.all([listRuns(prisma), listOpenAlerts(prisma)]);
  const mayRetry = mayUse(actions.retryRun, user.role);
  return (
    <>
      <PageHeading caption="Payments">Runs</PageHeading>
      <p className="mb-6 max-w-2xl">
        The direct-payments run is scheduled for 00:00 UTC on Sunday to Thursday, the Payout run (cash vouchers through the Post
        Office) for 01:00 UTC every day. Run one now when a file is needed before then: it uses the same steps as the schedule.
      </p>
      <AlertsList alerts={alerts.alerts} total={alerts.total} mayResolve={mayUse(actions.resolveAlert, user.role)} />
      {mayUse(actions.runNow, user.role) && (
        <ConfirmRunForm
          action={runNowAction}
          id="confirm-run-now"
          confirmLabel="I want to send every waiting bank payment to a new AccessPay file now"
          submitLabel="Run direct payments now"
        />
      )}
      {mayUse(actions.runPayoutNow, user.role) && (
        <ConfirmRunForm
          action={runPayoutNowAction}
          id="confirm-run-payout-now"
          confirmLabel="I want to send every waiting cash payment to the Post Office in new Payout files now"
          submitLabel="Run Payout now"
        />
      )}
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
