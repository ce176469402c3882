import type { BatchStatus, PaymentMethod, PaymentStatus } from "@/lib/generated/prisma/enums";

// What became of a batch's file, from counts by payment status (docs/batch-reconciliation.md).
// Pure: the shell counts the batch's file lines in one GROUP BY, this sorts them into paid,
// failed, waiting and no longer held, and checks that they add up to the file's total.

export interface Figure {
  count: number;
  pence: number;
}

/** One group of the batch's file lines: live or void, by their payment's status now. */
export interface LineCount extends Figure {
  /** The line was taken out of the batch (voided batch, returned Payout batch). */
  lineVoid: boolean;
  status: PaymentStatus;
  /** Of these, payments that failed after they were shown as paid (bank). */
  lateFailures?: number;
}

export interface BatchReconciliation {
  /** Every line the file held when it was made. */
  sent: Figure;
  /** Bank: PAID (no failure reported in 5 working days). Payout: CASHED. */
  paid: Figure;
  /** Bank: FAILED. Payout: EXPIRED or CANCELLED. A cycle payment carried over had failed first. */
  failed: Figure;
  /** Still SENT: no answer yet. */
  waiting: Figure;
  /** Lines the batch no longer holds: voided or returned, their payments back to waiting or paid elsewhere. */
  removed: Figure;
  /** Failures reported after the payment was shown as paid. */
  lateFailures: number;
}

const PAID: Record<PaymentMethod, readonly PaymentStatus[]> = { BANK: ["PAID"], CASH: ["CASHED"] };
/** The payment statuses that count as failed for each kind of batch. */
export const FAILED_STATUSES: Record<PaymentMethod, readonly PaymentStatus[]> = {
  BANK: ["FAILED", "CARRIED_OVER"],
  CASH: ["EXPIRED", "CANCELLED", "CARRIED_OVER"],
};

const zero = (): Figure => ({ count: 0, pence: 0 });
const add = (into: Figure, from: Figure) => {
  into.count += from.count;
  into.pence += from.pence;
};

/**
 * The batch's figures and, when they do not come to exactly `fileTotal` (what the file says it
 * holds) or a live line's payment is in no file state, what is wrong. Pages show the problem in
 * place of the check, never a total that does not add up, and the rest of the page still works.
 */
export function tallyBatch(input: { method: PaymentMethod; lines: readonly LineCount[]; fileTotal: Figure }): {
  figures: BatchReconciliation;
  mismatch: string | null;
} {
  const figures: BatchReconciliation = {
    sent: zero(),
    paid: zero(),
    failed: zero(),
    waiting: zero(),
    removed: zero(),
    lateFailures: 0,
  };
  let mismatch: string | null = null;
  for (const line of input.lines) {
    add(figures.sent, line);
    if (line.lineVoid) add(figures.removed, line);
    else if (PAID[input.method].includes(line.status)) add(figures.paid, line);
    else if (FAILED_STATUSES[input.method].includes(line.status)) {
      add(figures.failed, line);
      figures.lateFailures += line.lateFailures ?? 0;
    } else if (line.status === "SENT") add(figures.waiting, line);
    // A live line whose payment is not in any file state (a fault elsewhere) is not hidden in a total.
    else mismatch ??= `a live line's payment is ${line.status}, which no batch holds`;
  }
  const parts = [figures.paid, figures.failed, figures.waiting, figures.removed];
  const sum = parts.reduce((s, p) => ({ count: s.count + p.count, pence: s.pence + p.pence }), zero());
  if (!mismatch && (sum.count !== input.fileTotal.count || sum.pence !== input.fileTotal.pence)) {
    mismatch = `paid, failed, waiting and removed come to ${sum.count} lines, ${sum.pence}p; the file holds ${input.fileTotal.count} lines, ${input.fileTotal.pence}p`;
  }
  return { figures, mismatch };
}

/** A batch's status as finance follows it, derived from what is stored (never stored itself). */
export type BatchProgress =
  | "BEING_WRITTEN"
  | "READY_TO_DOWNLOAD"
  | "DOWNLOADED"
  | "NOT_DELIVERED"
  | "DELIVERY_UNCERTAIN"
  | "DELIVERED"
  | "SETTLED"
  | "VOID";

export const batchProgressLabels: Record<BatchProgress, string> = {
  BEING_WRITTEN: "Being written",
  READY_TO_DOWNLOAD: "Ready to download",
  DOWNLOADED: "Downloaded",
  NOT_DELIVERED: "Not delivered yet",
  DELIVERY_UNCERTAIN: "Delivery uncertain",
  DELIVERED: "Delivered",
  SETTLED: "Settled",
  VOID: "Void",
};

/**
 * Bank: Ready to download -> Downloaded (any of its files downloaded) -> Settled (none of its
 * payments still SENT). Payout: Not delivered yet -> Delivered -> Settled. A void or returned
 * batch stays Void whatever its payments did next.
 */
export function batchProgress(input: {
  method: PaymentMethod;
  status: BatchStatus;
  downloaded: boolean;
  reconciliation: Pick<BatchReconciliation, "sent" | "waiting" | "removed">;
}): BatchProgress {
  const { method, status, downloaded, reconciliation } = input;
  if (status === "VOID") return "VOID";
  if (status === "OPEN") return "BEING_WRITTEN";
  const held = reconciliation.sent.count - reconciliation.removed.count;
  const settled = held > 0 && reconciliation.waiting.count === 0;
  if (method === "BANK") {
    if (!downloaded) return settled ? "SETTLED" : "READY_TO_DOWNLOAD";
    return settled ? "SETTLED" : "DOWNLOADED";
  }
  if (status === "DELIVERY_UNCERTAIN") return "DELIVERY_UNCERTAIN";
  if (status !== "DELIVERED") return "NOT_DELIVERED";
  return settled ? "SETTLED" : "DELIVERED";
}

/** "Paid + failed + waiting = the file's total £…", with "no longer held" when there are any. */
export function reconciliationCheckParts(r: BatchReconciliation): string[] {
  return r.removed.count > 0 ? ["Paid", "failed", "waiting", "no longer held"] : ["Paid", "failed", "waiting"];
}
