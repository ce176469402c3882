import type { HoldReason } from "@/lib/generated/prisma/enums";
import { PREVIEW_LIST_LIMIT, type PreviewCleaned, type PreviewHold, type ReasonCount, type RunPreview } from "./run-preview";

/**
 * The preview's sink for a run's selection (the same `hold` and `cleaned` calls the run's staging
 * gets): counts every hold by reason and every cleaned value, and keeps only the first `limit` of
 * each, so memory does not grow with the number of payments.
 */
export class PreviewTally {
  private readonly holdsByReason = new Map<HoldReason, number>();
  private readonly holds: PreviewHold[] = [];
  private readonly cleanedValues: PreviewCleaned[] = [];
  heldTotal = 0;
  cleanedTotal = 0;

  constructor(private readonly limit = PREVIEW_LIST_LIMIT) {}

  /** A line of the file: the run's own counts say how many and how much. */
  line(): void {}

  hold(hold: PreviewHold): void {
    this.heldTotal += 1;
    this.holdsByReason.set(hold.reason, (this.holdsByReason.get(hold.reason) ?? 0) + 1);
    if (this.holds.length < this.limit) {
      const { paymentId, reference, reason, detail } = hold;
      this.holds.push({ paymentId, reference, reason, detail });
    }
  }

  cleaned(warning: PreviewCleaned): void {
    this.cleanedTotal += 1;
    if (this.cleanedValues.length < this.limit) this.cleanedValues.push(warning);
  }

  /** What the preview shows of the holds and cleaned values it was told of. */
  summary(): Pick<RunPreview, "wouldHold" | "cleaned"> {
    return {
      wouldHold: { total: this.heldTotal, byReason: byCountDescending(this.holdsByReason), first: this.holds },
      cleaned: { total: this.cleanedTotal, first: this.cleanedValues },
    };
  }
}

/** Most common reason first; ties in the reason's name order, so the page reads the same each time. */
export function byCountDescending(counts: ReadonlyMap<HoldReason, number>): ReasonCount[] {
  return [...counts]
    .map(([reason, count]) => ({ reason, count }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}
