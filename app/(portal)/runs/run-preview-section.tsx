import { Details } from "@/components/details";
import { Money } from "@/components/money";
import { SummaryList } from "@/components/summary-list";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { WarningText } from "@/components/warning-text";
import { holdReasonLabels } from "@/lib/payments/hold-reasons";
import { plural } from "@/lib/plural";
import { formatUkTime } from "@/lib/runs/preview/next-scheduled-run";
import { previewSentence, reasonCounts } from "@/lib/runs/preview/preview-words";
import type { RunPreview } from "@/lib/runs/preview/run-preview";
import type { ReactNode } from "react";

const headings = { DIRECT_PAYMENTS: "Direct payments run", PAYOUT: "Payout run" } as const;

function Reference({ reference }: { reference: string }) {
  return <a href={`/payments/${encodeURIComponent(reference)}`}>{reference}</a>;
}

/** "Payments put on hold, the first 50 of 120" when the list is cut short. */
function listCaption(what: string, shown: number, total: number) {
  return shown < total ? `${what}: the first ${shown} of ${total.toLocaleString("en-GB")}` : what;
}

/**
 * A run's preview on /runs (docs/run-preview.md): when the schedule next starts it, what it would pay
 * now, what its checks would hold and why, what is on hold already, and what cleaning would change;
 * then `form`, the "Run now" confirmation, which repeats the preview in words.
 */
export function RunPreviewSection(props: {
  kind: RunPreview["kind"];
  preview: RunPreview | null;
  previewError?: string;
  nextRunAt: Date;
  form?: ReactNode;
}) {
  const { kind, preview, nextRunAt } = props;
  const id = `preview-${kind.toLowerCase().replace(/_/g, "-")}`;
  return (
    <section aria-labelledby={id} className="mb-10">
      <h2 id={id} className="mb-4 text-[1.5rem] font-bold">
        {headings[kind]}
      </h2>
      {preview === null ? (
        <>
          <SummaryList rows={[{ key: "Next scheduled run", value: formatUkTime(nextRunAt) }]} />
          <WarningText>
            The preview could not be worked out: {props.previewError ?? "try again"}. The run itself may still work.
          </WarningText>
        </>
      ) : (
        <>
          {preview.problem && <WarningText>{previewSentence(preview, holdReasonLabels)}</WarningText>}
          <SummaryList
            rows={[
              { key: "Next scheduled run", value: formatUkTime(nextRunAt) },
              {
                key: "If it ran now it would pay",
                value: (
                  <>
                    {plural(preview.payments, "payment")}, <Money pence={preview.totalPence} />
                    {kind === "PAYOUT" && preview.files > 1 ? ` in ${preview.files} files` : ""}
                  </>
                ),
              },
              {
                key: "Its checks would hold",
                value:
                  preview.wouldHold.total === 0
                    ? "None"
                    : `${preview.wouldHold.total.toLocaleString("en-GB")}: ${reasonCounts(preview.wouldHold.byReason, holdReasonLabels)}`,
              },
              {
                key: "Already on hold (not in the run)",
                value:
                  preview.alreadyHeld.total === 0 ? (
                    "None"
                  ) : (
                    <>
                      {plural(preview.alreadyHeld.total, "payment")}, <Money pence={preview.alreadyHeld.totalPence} />:{" "}
                      {reasonCounts(preview.alreadyHeld.byReason, holdReasonLabels)}
                    </>
                  ),
              },
              {
                key: "Values cleaning would change",
                value: preview.cleaned.total === 0 ? "None" : plural(preview.cleaned.total, "value"),
              },
            ]}
          />
          {preview.wouldHold.total > 0 && (
            <Details summary={`The ${plural(preview.wouldHold.total, "payment")} the run's checks would hold`}>
              <Table
                caption={listCaption("Payments the run would hold", preview.wouldHold.first.length, preview.wouldHold.total)}
              >
                <THead>
                  <Tr>
                    <Th>Payment</Th>
                    <Th>Reason</Th>
                    <Th>Detail</Th>
                  </Tr>
                </THead>
                <TBody>
                  {preview.wouldHold.first.map((h) => (
                    <Tr key={h.paymentId}>
                      <Td>
                        <Reference reference={h.reference} />
                      </Td>
                      <Td>{holdReasonLabels[h.reason]}</Td>
                      <Td className="break-words">{h.detail}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </Details>
          )}
          {preview.alreadyHeld.total > 0 && (
            <Details summary={`The ${plural(preview.alreadyHeld.total, "payment")} already on hold`}>
              <Table
                caption={listCaption("Payments already on hold", preview.alreadyHeld.first.length, preview.alreadyHeld.total)}
              >
                <THead>
                  <Tr>
                    <Th>Payment</Th>
                    <Th>Reason</Th>
                    <Th numeric>Amount</Th>
                  </Tr>
                </THead>
                <TBody>
                  {preview.alreadyHeld.first.map((h) => (
                    <Tr key={h.paymentId}>
                      <Td>
                        <Reference reference={h.reference} />
                      </Td>
                      <Td>{holdReasonLabels[h.reason]}</Td>
                      <Td numeric>
                        <Money pence={h.amountPence} />
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </Details>
          )}
          {preview.cleaned.total > 0 && (
            <Details summary={`The ${plural(preview.cleaned.total, "value")} cleaning would change`}>
              <Table
                caption={listCaption(
                  "Values the run would change when cleaning them",
                  preview.cleaned.first.length,
                  preview.cleaned.total,
                )}
              >
                <THead>
                  <Tr>
                    <Th>Payment</Th>
                    <Th>Field</Th>
                    <Th>What changes</Th>
                  </Tr>
                </THead>
                <TBody>
                  {preview.cleaned.first.map((w, i) => (
                    <Tr key={`${w.paymentId}-${w.field}-${i}`}>
                      <Td>
                        <Reference reference={w.reference} />
                      </Td>
                      <Td>{w.field}</Td>
                      <Td className="break-words">{w.changes.join("; ")}</Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </Details>
          )}
        </>
      )}
      {props.form}
    </section>
  );
}
