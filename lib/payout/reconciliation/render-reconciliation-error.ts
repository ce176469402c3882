import type { PaymentStatus } from "@/lib/generated/prisma/enums";
import { matchReconciliation } from "../match-reconciliation";
import type { VoucherFinalStatus } from "../parse-reconciliation";
import { shownValue } from "../rules/shown-value";

/**
 * The message of an error row the set-based check (check-reconciliation.ts) staged with its facts.
 * A row against its voucher is worded by the pure matcher itself (the row and the voucher handed to
 * matchReconciliation as a one-row file), so the upload and the corpus never say different things.
 * Pure; only called for the error rows the upload shell stores.
 */

/** How many of the other lines a repeated reference names before "and N more". */
export const REPEATS_NAMED = 10;

export interface VoucherRowFacts {
  row: {
    reference: string;
    code: string;
    amountPence: number;
    status: VoucherFinalStatus;
    statusDate: string;
    statusDateText: string;
  };
  voucher: {
    paymentId: string;
    reference: string;
    amountPence: number;
    code: string | null;
    status: PaymentStatus;
    deliveredOn: string | null;
  } | null;
  today: string;
}

export interface RepeatFacts {
  reference: string;
  /** The first few other lines for the same reference, and how many there are in all. */
  others: number[];
  otherCount: number;
}

export function renderReconciliationError(kind: string, facts: unknown, lineNo: number): string {
  if (kind === "repeat") {
    const { reference, others, otherCount } = facts as RepeatFacts;
    const more = otherCount - others.length;
    const lines = `${otherCount === 1 ? "line" : "lines"} ${others.join(", ")}${more > 0 ? ` and ${more.toLocaleString("en-GB")} more` : ""}`;
    return `Line ${lineNo}: reference ${shownValue(reference)} is also on ${lines} with a different code, amount, status or date`;
  }
  const { row, voucher, today } = facts as VoucherRowFacts;
  const [outcome] = matchReconciliation({
    parsed: { rows: [{ lineNo, ...row }], errors: [] },
    vouchers: voucher ? [voucher] : [],
    today,
  });
  return outcome?.message ?? `Line ${lineNo}: error`;
}
