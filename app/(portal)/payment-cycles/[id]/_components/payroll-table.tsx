import { Money } from "@/components/money";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { StatusTag } from "@/components/tag";
import type { PayrollRow } from "@/lib/plans/cycles/list-payroll";
import type { PaymentLineRow } from "@/lib/plans/cycles/load-payment-lines";
import { holdReasonLabels } from "@/lib/payments/hold-reasons";
import { PaymentBreakdown } from "./payment-breakdown";

const methodLabels = { BANK: "Bank", CASH: "Cash (Post Office)" } as const;

/**
 * A page of the payroll: each payment with its person, payment point, status and breakdown. A
 * point's own payroll page leaves the point column out.
 */
export function PayrollTable({
  rows,
  lines,
  caption,
  showPoint = true,
}: {
  rows: PayrollRow[];
  lines: Map<string, PaymentLineRow[]>;
  caption: string;
  showPoint?: boolean;
}) {
  return (
    <Table caption={caption} captionVisuallyHidden>
      <THead>
        <Tr>
          <Th>Payment</Th>
          <Th>Beneficiary</Th>
          {showPoint && <Th>Point</Th>}
          <Th>Method</Th>
          <Th numeric>Amount</Th>
          <Th>Status</Th>
          <Th>Breakdown</Th>
        </Tr>
      </THead>
      <TBody>
        {rows.map((r) => (
          <Tr key={r.id}>
            <Td>
              <span className="font-mono font-bold">{r.reference}</span>
            </Td>
            <Td>
              {r.personName}
              <span className="block font-mono text-secondary">{r.personReference}</span>
            </Td>
            {showPoint && <Td>{r.pointName ?? <span className="text-secondary">None</span>}</Td>}
            <Td>{methodLabels[r.method]}</Td>
            <Td numeric>
              <Money pence={r.amountPence} />
            </Td>
            <Td>
              <StatusTag status={r.status} kind="payment" />
              {r.holdReason && (
                <span className="mt-1 block">
                  On hold: {holdReasonLabels[r.holdReason as keyof typeof holdReasonLabels] ?? r.holdReason}
                </span>
              )}
              {r.cancelReason && <span className="mt-1 block text-secondary">{r.cancelReason}</span>}
            </Td>
            <Td className="min-w-[16em]">
              <details>
                <summary className="cursor-pointer text-link underline">
                  Breakdown<span className="sr-only"> of {r.reference}</span>
                </summary>
                <div className="mt-2">
                  <PaymentBreakdown lines={lines.get(r.id) ?? []} />
                </div>
              </details>
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
