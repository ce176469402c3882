import type { PaymentStatus } from "@/lib/generated/prisma/enums";

// The one table of how a payment's status may change (docs/domain.md#what-moves-a-payment). Every
// change goes through movePayments (lib/payments/move-payments.ts), which reads this table; the
// database refuses a status change made any other way (the trigger "Payment_status_owner").

/** Who may make a move: a person with one of these roles, or the system (a run, an import). */
export type Mover = "SYSTEM" | "CASEWORKER" | "SSCL_FINANCE" | "ADMIN";

/** The columns a move sets besides the status, each from the move's time or the row's reason. */
export type MoveColumn =
  | "sentAt=now"
  | "sentAt=null"
  | "paidAt=now"
  | "failedAt=now"
  | "failureReason=reason"
  | "cancelledAt=now"
  | "cancelReason=reason"
  | "holdReason=null"
  | "holdReason=reason";

export interface PaymentTransition {
  from: readonly PaymentStatus[];
  to: PaymentStatus;
  /** The audit action and the claim timeline's event kind. */
  action: string;
  movers: readonly Mover[];
  /** What the move needs: a reason per payment, or the batch or upload that does it. */
  needs: readonly ("reason" | "batch" | "upload" | "run")[];
  sets: readonly MoveColumn[];
  /**
   * The timeline entry, with {reference}, {reason} and {detail} filled in per payment; by the status
   * a payment moves from where the words differ (a late failure of a payment shown as paid).
   */
  summary: string;
  summaryFrom?: Partial<Record<PaymentStatus, string>>;
}

export const PAYMENT_TRANSITIONS = {
  /** A run's files are stored (bank) or delivered (Payout). */
  send: {
    from: ["NEW"],
    to: "SENT",
    action: "payment.sent",
    movers: ["SYSTEM"],
    needs: ["batch", "run"],
    sets: ["sentAt=now", "holdReason=null"],
    summary: "Payment {reference} sent",
  },
  /** An admin voids a stored bank batch: its payments wait for the next run. */
  unsend: {
    from: ["SENT"],
    to: "NEW",
    action: "payment.unsent",
    movers: ["ADMIN"],
    needs: ["batch", "reason"],
    sets: ["sentAt=null"],
    summary: "Payment {reference} back to waiting: batch voided ({reason})",
  },
  /** Five working days after the AccessPay file was first downloaded, with no failure reported. */
  pay: {
    from: ["SENT"],
    to: "PAID",
    action: "payment.paid",
    movers: ["SYSTEM"],
    needs: ["run"],
    sets: ["paidAt=now"],
    summary: "Payment {reference} paid (no failure reported)",
  },
  /** SSCL reports the bank payment failed; a late failure wins over "paid". */
  fail: {
    from: ["SENT", "PAID"],
    to: "FAILED",
    action: "payment.failed",
    movers: ["SSCL_FINANCE", "ADMIN"],
    needs: ["upload", "reason"],
    sets: ["failedAt=now", "failureReason=reason"],
    summary: "Payment {reference} failed: {reason}",
    summaryFrom: { PAID: "Payment {reference} failed after it was shown as paid (late failure): {reason}" },
  },
  /** A caseworker stops a payment no run has taken. */
  cancel: {
    from: ["NEW"],
    to: "CANCELLED",
    action: "payment.cancelled",
    movers: ["CASEWORKER"],
    needs: ["reason"],
    sets: ["cancelledAt=now", "cancelReason=reason", "holdReason=null"],
    summary: "Payment {reference} cancelled: {reason}",
  },
  /** A run cannot put the payment in its file (bad bank details, a name empty after cleaning). */
  hold: {
    from: ["NEW"],
    to: "NEW",
    action: "payment.held",
    movers: ["SYSTEM", "CASEWORKER"],
    needs: ["reason"],
    sets: ["holdReason=reason"],
    summary: "Payment {reference} on hold: {detail}",
  },
  /** The reason for a hold is gone (bank details approved or decided). */
  release: {
    from: ["NEW"],
    to: "NEW",
    action: "payment.released",
    movers: ["SYSTEM", "CASEWORKER"],
    needs: [],
    sets: ["holdReason=null"],
    summary: "Payment {reference} released from hold",
  },
} as const satisfies Record<string, PaymentTransition>;

export type TransitionName = keyof typeof PAYMENT_TRANSITIONS;

/** Whether `mover` may make the move named, and from the status given. Pure. */
export function checkMove(
  name: TransitionName,
  from: PaymentStatus,
  mover: Mover,
): { ok: true; transition: PaymentTransition } | { ok: false; message: string } {
  const transition: PaymentTransition = PAYMENT_TRANSITIONS[name];
  if (!transition.movers.includes(mover)) {
    return { ok: false, message: `${describeMover(mover)} may not ${name} a payment` };
  }
  if (!transition.from.includes(from)) {
    return {
      ok: false,
      message: `A ${from.toLowerCase()} payment cannot be moved to ${transition.to.toLowerCase()} (${name})`,
    };
  }
  return { ok: true, transition };
}

/** The timeline entry for one payment, as movePayments writes it (the SQL mirrors this). */
export function moveSummary(
  transition: PaymentTransition,
  fields: { from: PaymentStatus; reference: string; reason?: string | null; detail?: string | null },
): string {
  const template = transition.summaryFrom?.[fields.from] ?? transition.summary;
  return template
    .replaceAll("{reference}", fields.reference)
    .replaceAll("{reason}", fields.reason ?? "")
    .replaceAll("{detail}", fields.detail ?? "");
}

function describeMover(mover: Mover): string {
  return mover === "SYSTEM" ? "The system" : `A user with the ${mover.toLowerCase().replace("_", " ")} role`;
}
