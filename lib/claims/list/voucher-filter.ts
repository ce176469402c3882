import type { HoldReason, PaymentStatus } from "@/lib/generated/prisma/enums";

// Where a claim's Post Office voucher is (docs/domain.md#payout-pages): the /claims "Voucher" filter
// and the claim page's voucher tag read the same states. A claim's voucher is its latest cash
// payment: the one no later payment replaces (every later payment of a claim links to the one it
// replaces), so a voucher reissued or switched to bank is no longer the claim's voucher. The
// list's SQL for each state is in claim-list-sql.ts.

export const VOUCHER_STATES = ["waiting", "sent", "coded", "cashed", "expired", "cancelled"] as const;
export type VoucherState = (typeof VOUCHER_STATES)[number];

export const VOUCHER_STATE_LABELS: Record<VoucherState, string> = {
  waiting: "Waiting for the Payout run",
  sent: "Sent to the Post Office",
  coded: "Code issued",
  cashed: "Cashed",
  expired: "Expired",
  cancelled: "Cancelled",
};

/** A cash payment's voucher state, from its status and whether a payment code has arrived. */
export function voucherState(payment: { status: PaymentStatus; paymentCode: string | null }): VoucherState | null {
  switch (payment.status) {
    case "NEW":
      return "waiting";
    case "SENT":
      return payment.paymentCode === null ? "sent" : "coded";
    case "CASHED":
      return "cashed";
    case "EXPIRED":
      return "expired";
    case "CANCELLED":
      return "cancelled";
    default:
      return null;
  }
}

/** Words for a voucher's tag: a held payment says so, a Post Office cancellation says whose. */
export function voucherLabel(payment: {
  status: PaymentStatus;
  paymentCode: string | null;
  holdReason: HoldReason | null;
  postOfficeStatusDate: Date | null;
}): string {
  const state = voucherState(payment);
  if (state === null) return payment.status.toLowerCase();
  if (state === "waiting" && payment.holdReason) return "On hold";
  if (state === "cancelled" && payment.postOfficeStatusDate) return "Cancelled by the Post Office";
  return VOUCHER_STATE_LABELS[state];
}
