import type { VoucherCounts } from "@/lib/payout/list-payout-batches";

export const COUNT_LABELS: [keyof VoucherCounts, string][] = [
  ["sent", "Sent"],
  ["coded", "Coded"],
  ["cashed", "Cashed"],
  ["expired", "Expired"],
  ["cancelled", "Cancelled"],
  ["outstanding", "Outstanding"],
];

/** A batch's voucher counts as a description list, for its own page. */
export function VoucherCountsList({ counts }: { counts: VoucherCounts }) {
  return (
    <dl className="mb-8 grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-6">
      {COUNT_LABELS.map(([key, label]) => (
        <div key={key} className="border-l-4 border-mid-grey pl-3">
          <dt className="text-secondary">{label}</dt>
          <dd className="text-2xl font-bold tabular-nums">{counts[key].toLocaleString("en-GB")}</dd>
        </div>
      ))}
    </dl>
  );
}
