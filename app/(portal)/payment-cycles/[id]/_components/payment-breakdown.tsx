import { Money } from "@/components/money";
import type { PaymentLineRow } from "@/lib/plans/cycles/load-payment-lines";

/** How a cycle payment's amount is made up, line by line; the lines sum to the amount. */
export function PaymentBreakdown({ lines }: { lines: PaymentLineRow[] }) {
  if (lines.length === 0) return <p className="text-secondary">No breakdown recorded.</p>;
  return (
    <ul className="m-0 list-none p-0">
      {lines.map((l) => (
        <li key={l.lineNo} className="flex justify-between gap-4">
          <span>
            {l.label}
            {l.carriedFromReference && <span className="text-secondary"> ({l.carriedFromReference})</span>}
          </span>
          <Money pence={l.amountPence} />
        </li>
      ))}
    </ul>
  );
}
