import { longDate } from "@/lib/dates/london-date";
import type { PaymentStatus } from "@/lib/generated/prisma/enums";

// The one table of how a payment's status may change (docs/domain.md#what-moves-a-payment). Every
// change goes through movePayments (lib/payments/move-payments.ts), which reads this table; the
// database refuses a status change made any other way (the trigger "Payment_status_owner").

/** Who may make a move: a person with one of these roles, or the system (a run, an import). */
export type Mover = "SYSTEM" | "CASEWORKER" | "SSCL_FINANCE" | "ACCOUNTANT" | "PLAN_MANAGER" | "ADMIN";

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
  | "holdReason=reason"
  | "cancelledAt=null"
  | "cancelReason=null"
  | "cancelReason=post-office"
  | "postOfficeStatusDate=date";

/** The cancel reason of a voucher the Post Office cancelled (its reconciliation report says so). */
export const POST_OFFICE_CANCEL_REASON = "Cancelled by the Post Office";

/** The cancel reason of a cycle payment cancelled because its payroll was rebuilt. */
export const REBUILT_CANCEL_REASON = "Payroll rebuilt";

/** How a rejected suspended payment's cancel reason starts (the accountant's note follows). */
export const SUSPENDED_REJECTED_CANCEL_PREFIX = "Suspended payment rejected: ";

export interface PaymentTransition {
  from: readonly PaymentStatus[];
  to: PaymentStatus;
  /** The audit action and the claim timeline's event kind. */
  action: string;
  movers: readonly Mover[];
  /**
   * What the move needs: a reason per payment, a date per payment (the Post Office's status date),
   * or the batch or upload that does it.
   */
  needs: readonly ("reason" | "date" | "batch" | "upload" | "run")[];
  sets: readonly MoveColumn[];
  /**
   * The timeline entry, with {reference}, {reason}, {detail} and {date} (the payment's date, as
   * "20 November 2026") filled in per payment; by the status
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
    movers: ["SYSTEM", "CASEWORKER", "PLAN_MANAGER"],
    needs: ["reason"],
    sets: ["holdReason=reason"],
    summary: "Payment {reference} on hold: {detail}",
  },
  /** The reason for a hold is gone (bank details approved or decided). */
  release: {
    from: ["NEW"],
    to: "NEW",
    action: "payment.released",
    movers: ["SYSTEM", "CASEWORKER", "PLAN_MANAGER"],
    needs: [],
    sets: ["holdReason=null"],
    summary: "Payment {reference} released from hold",
  },
  /** The Post Office's reconciliation report: the voucher was cashed (docs/file-formats.md#payout-reconciliation-upload). */
  cash: {
    from: ["SENT"],
    to: "CASHED",
    action: "payment.cashed",
    movers: ["SYSTEM", "CASEWORKER"],
    needs: ["upload", "date"],
    sets: ["postOfficeStatusDate=date"],
    summary: "Payment {reference} cashed at the Post Office on {date}",
  },
  /** The report: the voucher was not cashed in time. The claim needs attention until it is reissued. */
  expire: {
    from: ["SENT"],
    to: "EXPIRED",
    action: "payment.expired",
    movers: ["SYSTEM", "CASEWORKER"],
    needs: ["upload", "date"],
    sets: ["postOfficeStatusDate=date"],
    summary: "Payment {reference}: the voucher expired uncashed on {date}",
  },
  /** The report: the Post Office cancelled the voucher. The claim needs attention until it is reissued. */
  "voucher-cancel": {
    from: ["SENT"],
    to: "CANCELLED",
    action: "payment.voucher-cancelled",
    movers: ["SYSTEM", "CASEWORKER"],
    needs: ["upload", "date"],
    sets: ["cancelledAt=now", "cancelReason=post-office", "postOfficeStatusDate=date"],
    summary: "Payment {reference}: the Post Office cancelled the voucher on {date}",
  },
  /**
   * An admin accepts the Post Office's status for a voucher that already has a different final one
   * (a conflicting row of the report), with a reason: one transition per status it may take.
   */
  "settle-voucher-cashed": {
    from: ["EXPIRED", "CANCELLED"],
    to: "CASHED",
    action: "payment.settled-cashed",
    movers: ["ADMIN"],
    needs: ["reason", "date"],
    sets: ["cancelledAt=null", "cancelReason=null", "postOfficeStatusDate=date"],
    summary: "Payment {reference}: the Post Office's status accepted, cashed on {date} ({reason})",
  },
  "settle-voucher-expired": {
    from: ["CASHED", "CANCELLED"],
    to: "EXPIRED",
    action: "payment.settled-expired",
    movers: ["ADMIN"],
    needs: ["reason", "date"],
    sets: ["cancelledAt=null", "cancelReason=null", "postOfficeStatusDate=date"],
    summary: "Payment {reference}: the Post Office's status accepted, expired uncashed on {date} ({reason})",
  },
  "settle-voucher-cancelled": {
    from: ["CASHED", "EXPIRED"],
    to: "CANCELLED",
    action: "payment.settled-cancelled",
    movers: ["ADMIN"],
    needs: ["reason", "date"],
    sets: ["cancelledAt=now", "cancelReason=post-office", "postOfficeStatusDate=date"],
    summary: "Payment {reference}: the Post Office's status accepted, voucher cancelled on {date} ({reason})",
  },
  // Payment cycles (docs/plans.md#payment-cycles): a payroll's payments are created DRAFT, or
  // SUSPENDED above the plan's per-payment limit, and never go near a run until the cycle is approved.
  /** An accountant approves a suspended payment, at the full amount or cut to the plan's limit, with a note. */
  "approve-suspended": {
    from: ["SUSPENDED"],
    to: "DRAFT",
    action: "payment.suspended-approved",
    movers: ["ACCOUNTANT"],
    needs: ["reason"],
    sets: [],
    summary: "Suspended payment {reference} approved {detail}: {reason}",
  },
  /** An accountant rejects a suspended payment, with a note: it is never paid, nor carried over. */
  "reject-suspended": {
    from: ["SUSPENDED"],
    to: "CANCELLED",
    action: "payment.suspended-rejected",
    movers: ["ACCOUNTANT"],
    needs: ["reason"],
    sets: ["cancelledAt=now", "cancelReason=reason"],
    summary: "Payment {reference} cancelled: {reason}",
  },
  /** A second accountant approves the cycle: its payroll waits for the bank and Payout runs. */
  "release-payroll": {
    from: ["DRAFT"],
    to: "NEW",
    action: "payment.payroll-released",
    movers: ["ACCOUNTANT"],
    needs: [],
    sets: [],
    summary: "Payment {reference} ready for payment: {detail} approved",
  },
  /** A rejected payroll is rebuilt: a payment nobody is due any more is cancelled. */
  rebuild: {
    from: ["DRAFT", "SUSPENDED"],
    to: "CANCELLED",
    action: "payment.rebuilt-cancelled",
    movers: ["ACCOUNTANT"],
    needs: ["reason"],
    sets: ["cancelledAt=now", "cancelReason=reason"],
    summary: "Payment {reference} cancelled: {reason}",
  },
  /**
   * A rejected payroll is rebuilt: a payment still due is worked out again in place (one payment per
   * person per cycle), as a draft or, above the limit, suspended again.
   */
  "rebuild-draft": {
    from: ["DRAFT", "SUSPENDED"],
    to: "DRAFT",
    action: "payment.rebuilt",
    movers: ["ACCOUNTANT"],
    needs: [],
    sets: [],
    summary: "Payment {reference} worked out again: {detail}",
  },
  "rebuild-suspend": {
    from: ["DRAFT", "SUSPENDED"],
    to: "SUSPENDED",
    action: "payment.rebuilt-suspended",
    movers: ["ACCOUNTANT"],
    needs: [],
    sets: [],
    summary: "Payment {reference} worked out again, above the limit: {detail}",
  },
  /** A later cycle of a plan that carries unpaid money over pays this payment's amount instead. */
  "carry-over": {
    from: ["FAILED", "EXPIRED", "CANCELLED"],
    to: "CARRIED_OVER",
    action: "payment.carried-over",
    movers: ["SYSTEM"],
    needs: [],
    sets: [],
    summary: "Payment {reference} carried over into {detail}",
  },
} as const satisfies Record<string, PaymentTransition>;

/** The transition that settles a voucher at each final status the Post Office may report. */
export const SETTLE_VOUCHER_TRANSITIONS = {
  CASHED: "settle-voucher-cashed",
  EXPIRED: "settle-voucher-expired",
  CANCELLED: "settle-voucher-cancelled",
} as const satisfies Record<"CASHED" | "EXPIRED" | "CANCELLED", TransitionName>;

/** The transition a reconciliation row makes, by the status it reports. */
export const RECONCILIATION_TRANSITIONS = {
  CASHED: "cash",
  EXPIRED: "expire",
  CANCELLED: "voucher-cancel",
} as const satisfies Record<"CASHED" | "EXPIRED" | "CANCELLED", TransitionName>;

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
  fields: { from: PaymentStatus; reference: string; reason?: string | null; detail?: string | null; date?: string | null },
): string {
  const template = transition.summaryFrom?.[fields.from] ?? transition.summary;
  return template
    .replaceAll("{reference}", fields.reference)
    .replaceAll("{reason}", fields.reason ?? "")
    .replaceAll("{detail}", fields.detail ?? "")
    .replaceAll("{date}", fields.date ? longDate(fields.date) : "");
}

function describeMover(mover: Mover): string {
  return mover === "SYSTEM" ? "The system" : `A user with the ${mover.toLowerCase().replace("_", " ")} role`;
}
