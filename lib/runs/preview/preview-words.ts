import { formatPence } from "@/lib/money";
import type { HoldReason } from "@/lib/generated/prisma/enums";
import { plural } from "@/lib/plural";
import type { ReasonCount, RunPreview } from "./run-preview";

// The preview in words (docs/run-preview.md), for /runs and the "Run now" confirmation, and what the
// run's summary says when it paid something other than the preview showed. How a hold reason reads
// comes in as `labels` (lib/payments/hold-reasons.ts): lib/runs does not import lib/payments.

export type HoldReasonLabels = Readonly<Record<HoldReason, string>>;

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** "2 bank details failed validation, 1 no bank details". */
export function reasonCounts(byReason: readonly ReasonCount[], labels: HoldReasonLabels): string {
  return byReason.map((r) => `${r.count.toLocaleString("en-GB")} ${lowerFirst(labels[r.reason])}`).join(", ");
}

/** "This run will pay 96 payments, £4,379.65; its checks will hold 3: …. 5 payments already on hold stay waiting." */
export function previewSentence(
  preview: Pick<RunPreview, "payments" | "totalPence" | "wouldHold" | "alreadyHeld" | "problem">,
  labels: HoldReasonLabels,
) {
  if (preview.problem) return `This run would fail: ${preview.problem}. Nothing would be paid.`;
  const pays =
    preview.payments === 0
      ? "This run would pay nothing: no payment is ready to pay"
      : `This run will pay ${plural(preview.payments, "payment")}, ${formatPence(preview.totalPence)}`;
  const holds =
    preview.wouldHold.total > 0
      ? `; its checks will hold ${preview.wouldHold.total}: ${reasonCounts(preview.wouldHold.byReason, labels)}`
      : "";
  const already =
    preview.alreadyHeld.total > 0
      ? ` ${plural(preview.alreadyHeld.total, "payment")} already on hold ${preview.alreadyHeld.total === 1 ? "stays" : "stay"} waiting.`
      : "";
  return `${pays}${holds}.${already}`;
}

/** The figures a preview showed, or a run then did: payments paid, their total, payments its checks held. */
export interface RunFigures {
  payments: number;
  totalPence: number;
  held: number;
}

/**
 * What the run did that its preview did not show, in words: more payments (approved since), fewer
 * (held, cancelled or changed since), the same number for a different total, or more or fewer put
 * on hold by the run's checks. "As the preview showed." when nothing differs.
 */
export function describePreviewDifference(preview: RunFigures, run: RunFigures): string {
  const parts: string[] = [];
  const more = run.payments - preview.payments;
  const pence = run.totalPence - preview.totalPence;
  const money = `${formatPence(Math.abs(pence))} ${pence >= 0 ? "more" : "less"}`;
  if (more > 0) parts.push(`${plural(more, "more payment")} than the preview showed (${money}): approved since`);
  else if (more < 0)
    parts.push(
      `${plural(-more, "fewer payment", "fewer payments")} than the preview showed (${money}): held, cancelled or changed since`,
    );
  else if (pence !== 0) parts.push(`the same number of payments as the preview showed but ${money}: changed since`);
  const held = run.held - preview.held;
  if (held > 0) parts.push(`${plural(held, "more payment")} put on hold by the run's checks than the preview showed`);
  else if (held < 0)
    parts.push(`${plural(-held, "fewer payment", "fewer payments")} put on hold by the run's checks than the preview showed`);
  if (parts.length === 0) return "As the preview showed.";
  const text = parts.join("; ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}
