import { WarningText } from "@/components/warning-text";
import Link from "next/link";
import { formatDate } from "@/components/format-date";
import { Money } from "@/components/money";
import { Tag, type TagColour } from "@/components/tag";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { formatPence } from "@/lib/money";
import { plural } from "@/lib/plural";
import { batchProgressLabels, type BatchProgress } from "@/lib/batches/reconciliation/batch-reconciliation";
import type { BatchReconciliationView } from "@/lib/batches/reconciliation/load-batch-reconciliations";

// A batch's reconciliation (docs/batch-reconciliation.md), on Bank Admin for each bank batch and on
// the Payout batch page: what its file sent, what was paid, failed and is still waiting, and the
// check that they add up to the file's total.

const progressColours: Record<BatchProgress, TagColour> = {
  BEING_WRITTEN: "blue",
  READY_TO_DOWNLOAD: "green",
  DOWNLOADED: "blue",
  NOT_DELIVERED: "yellow",
  DELIVERY_UNCERTAIN: "orange",
  DELIVERED: "blue",
  SETTLED: "grey",
  VOID: "red",
};

/** The batch's derived status, with its late failures on a settled batch. */
export function BatchProgressTag({ view }: { view: BatchReconciliationView }) {
  const late = view.figures.lateFailures;
  return (
    <>
      <Tag colour={progressColours[view.progress]}>{batchProgressLabels[view.progress]}</Tag>
      {late > 0 && (
        <Tag colour="red" className="ml-2">
          {plural(late, "late failure")}
        </Tag>
      )}
    </>
  );
}

const words = {
  BANK: {
    paid: "Paid (no failure reported)",
    failed: "Failed",
    outcome: "Reason",
    removed: "No longer in this batch (voided)",
  },
  CASH: {
    paid: "Cashed",
    failed: "Expired or cancelled",
    outcome: "Post Office status",
    removed: "No longer in this batch (returned)",
  },
} as const;

export function BatchReconciliation({
  view,
  headingLevel = 4,
  mayExport,
}: {
  view: BatchReconciliationView;
  headingLevel?: 2 | 3 | 4;
  /** May download the reconciliation CSV (routes.batchReconciliationExport). */
  mayExport: boolean;
}) {
  const { figures: f, method } = view;
  const w = words[method];
  const Heading = `h${headingLevel}` as const;
  const headingId = `reconciliation-${view.batchId}`;
  const parts = [
    { label: "paid", figure: f.paid },
    { label: "failed", figure: f.failed },
    { label: "waiting", figure: f.waiting },
    ...(f.removed.count > 0 ? [{ label: "no longer held", figure: f.removed }] : []),
  ];
  const check =
    parts.map((p, i) => (i === 0 ? p.label[0].toUpperCase() + p.label.slice(1) : p.label)).join(" + ") +
    ` = the file's total ${formatPence(f.sent.pence)}`;
  const moreFailures = f.failed.count - view.failures.length;
  return (
    <section aria-labelledby={headingId} className="mb-6">
      <Heading id={headingId} className={headingLevel === 2 ? "mb-4 text-2xl font-bold" : "mb-3 text-[1.125rem] font-bold"}>
        Reconciliation
      </Heading>
      <Table caption="Reconciliation of the batch's file" captionVisuallyHidden>
        <THead>
          <Tr>
            <Th>Payments</Th>
            <Th numeric>Number</Th>
            <Th numeric>Total</Th>
          </Tr>
        </THead>
        <TBody>
          <Row label="Sent in the file" figure={f.sent} />
          <Row label={w.paid} figure={f.paid} />
          <Row label={w.failed} figure={f.failed} />
          <Row label="Waiting (still sent, no answer yet)" figure={f.waiting} />
          {f.removed.count > 0 && <Row label={w.removed} figure={f.removed} />}
        </TBody>
      </Table>
      {view.mismatch ? (
        <WarningText>
          These figures do not add up to the file&apos;s total ({view.mismatch}). Nothing has been changed: tell application
          support.
        </WarningText>
      ) : (
        <p className="mb-4">
          {check}: {parts.map((p) => formatPence(p.figure.pence)).join(" + ")} = {formatPence(f.sent.pence)} (
          {plural(f.sent.count, "payment")}).
        </p>
      )}
      {view.failures.length > 0 && (
        <Table caption={`${w.failed} payments`}>
          <THead>
            <Tr>
              <Th numeric>Line</Th>
              <Th>Payment</Th>
              <Th numeric>Amount</Th>
              <Th>{w.outcome}</Th>
            </Tr>
          </THead>
          <TBody>
            {view.failures.map((p) => (
              <Tr key={p.paymentId}>
                <Td numeric>{p.lineNo}</Td>
                <Td>
                  <Link href={`/payments/${p.reference}`} className="text-link underline">
                    {p.reference}
                  </Link>
                  {p.late && <span className="block text-secondary">Late failure: after it was shown as paid</span>}
                </Td>
                <Td numeric>
                  <Money pence={p.amountPence} />
                </Td>
                <Td>
                  {method === "BANK"
                    ? (p.failureReason ?? "No reason given")
                    : `${p.status === "CARRIED_OVER" ? "Carried over" : p.status === "EXPIRED" ? "Expired" : "Cancelled"}${
                        p.postOfficeStatusDate ? ` on ${formatDate(p.postOfficeStatusDate)}` : ""
                      }`}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      {moreFailures > 0 && <p className="mb-4">and {plural(moreFailures, "more failed payment")}: the CSV lists every one.</p>}
      {mayExport && (
        <p className="mb-0">
          <a href={`/api/batches/${view.batchId}/reconciliation.csv`} download className="text-link underline">
            Export the reconciliation as CSV<span className="sr-only">, every payment of this batch</span>
          </a>
        </p>
      )}
    </section>
  );
}

function Row({ label, figure }: { label: string; figure: { count: number; pence: number } }) {
  return (
    <Tr>
      <Td>{label}</Td>
      <Td numeric>{figure.count.toLocaleString("en-GB")}</Td>
      <Td numeric>
        <Money pence={figure.pence} />
      </Td>
    </Tr>
  );
}
