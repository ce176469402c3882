import { decodeBatchPosition, encodeBatchPosition, type PayoutBatchPosition } from "@/lib/payout/list-payout-batches";
import { decodeVoucherPosition, encodeVoucherPosition, type ExpiredVoucherPosition } from "@/lib/payout/list-expired-vouchers";
import { setPagePosition } from "@/lib/pagination/keyset";

// /payout's URL: where each of its two paged lists starts. A value that cannot be read is dropped
// (the list starts at its first page), never an error: a URL is anyone's to edit.

type Raw = Record<string, string | string[] | undefined>;

export interface PayoutParams {
  /** Batches older than this one (next page) ... */
  before?: PayoutBatchPosition;
  /** ... or newer than it (previous page). */
  after?: PayoutBatchPosition;
  /** The expired-voucher queue, oldest first: vouchers after this one (next page) ... */
  queueAfter?: ExpiredVoucherPosition;
  /** ... or before it (previous page). */
  queueBefore?: ExpiredVoucherPosition;
}

const one = (raw: Raw, name: string) => {
  const v = raw[name];
  return (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
};

export function parsePayoutParams(raw: Raw): PayoutParams {
  const before = decodeBatchPosition(one(raw, "before"));
  const queueAfter = decodeVoucherPosition(one(raw, "queueAfter"));
  return {
    before,
    after: before ? undefined : decodeBatchPosition(one(raw, "after")),
    queueAfter,
    queueBefore: queueAfter ? undefined : decodeVoucherPosition(one(raw, "queueBefore")),
  };
}

/** /payout with one list moved to another page and the other list kept where it is. */
export function payoutHref(params: PayoutParams, change: Partial<PayoutParams>, anchor: string): string {
  const batches = "before" in change || "after" in change ? change : params;
  const queue = "queueAfter" in change || "queueBefore" in change ? change : params;
  const q = new URLSearchParams();
  setPagePosition(
    q,
    { next: "queueAfter", previous: "queueBefore" },
    {
      next: queue.queueAfter && encodeVoucherPosition(queue.queueAfter),
      previous: queue.queueBefore && encodeVoucherPosition(queue.queueBefore),
    },
  );
  // Newest first, so the next page of batches is the older ones: "before" leads on.
  setPagePosition(
    q,
    { next: "before", previous: "after" },
    {
      next: batches.before && encodeBatchPosition(batches.before),
      previous: batches.after && encodeBatchPosition(batches.after),
    },
  );
  const s = q.toString();
  return `/payout${s ? `?${s}` : ""}#${anchor}`;
}
