import type { HoldReason, PaymentMethod, RunKind } from "@/lib/generated/prisma/enums";
import type { RunWarning } from "@/lib/runs/run-warnings";

// What a run would do if it started now (docs/run-preview.md): the same selection and the same pure
// checks as the run, counted instead of written.

/** How many held payments and cleaning warnings a preview lists; the rest are only counted. */
export const PREVIEW_LIST_LIMIT = 50;

export const methodOfRun: Record<RunKind, PaymentMethod> = { DIRECT_PAYMENTS: "BANK", PAYOUT: "CASH" };

/** A payment the run's own checks would put on hold. */
export interface PreviewHold {
  paymentId: string;
  reference: string;
  reason: HoldReason;
  detail: string;
}

export type PreviewCleaned = Extract<RunWarning, { kind: "VALUE_CLEANED" }>;

/** A payment waiting on hold already (Payment.holdReason): no run takes it until it is released. */
export interface AlreadyHeld {
  paymentId: string;
  reference: string;
  reason: HoldReason;
  amountPence: number;
}

export interface ReasonCount {
  reason: HoldReason;
  count: number;
}

export interface RunPreview {
  kind: RunKind;
  /** What the run would pay: lines of its files, and their total. */
  payments: number;
  totalPence: number;
  /** Files the run would make (the Payout run's batches; the bank run's one AccessPay file). */
  files: number;
  /** Put on hold by the run's checks: every one counted by reason, the first PREVIEW_LIST_LIMIT listed. */
  wouldHold: { total: number; byReason: ReasonCount[]; first: PreviewHold[] };
  alreadyHeld: { total: number; totalPence: number; byReason: ReasonCount[]; first: AlreadyHeld[] };
  /** Values the run would change when cleaning them (names shortened, characters replaced). */
  cleaned: { total: number; first: PreviewCleaned[] };
  /** Why the run would fail rather than pay (the wrong bank-details key), or null. */
  problem: string | null;
}
