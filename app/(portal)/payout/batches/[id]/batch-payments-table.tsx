import Link from "next/link";
import { formatDate } from "@/components/format-date";
import { Money } from "@/components/money";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { StatusTag, Tag } from "@/components/tag";
import type { BatchPaymentRow } from "@/lib/payout/load-payout-batch";

/** A page of the batch's lines: each payment's status now, its code and what the Post Office said. */
export function BatchPaymentsTable({ rows, mayViewClaims }: { rows: BatchPaymentRow[]; mayViewClaims: boolean }) {
  return (
    <Table caption="Payments in this batch, by line" captionVisuallyHidden>
      <THead>
        <Tr>
          <Th numeric>Line</Th>
          <Th>Payment</Th>
          <Th numeric>Amount</Th>
          <Th>Status</Th>
          <Th>Code</Th>
          <Th>Expires</Th>
        </Tr>
      </THead>
      <TBody>
        {rows.map((r) => (
          <Tr key={r.lineNo}>
            <Td numeric>{r.lineNo}</Td>
            <Td>
              <strong>{r.reference}</strong>
              {r.claimReference === null ? null : mayViewClaims ? (
                <Link href={`/claims/${r.claimReference}`} className="block text-link underline">
                  Claim {r.claimReference}
                </Link>
              ) : (
                <span className="block text-secondary">Claim {r.claimReference}</span>
              )}
            </Td>
            <Td numeric>
              <Money pence={r.amountPence} />
            </Td>
            <Td>
              <StatusTag status={r.status} kind="payment" />
              {r.lineVoid && (
                <span className="mt-1 block">
                  <Tag colour="grey">Returned</Tag> taken out of this batch
                </span>
              )}
              {r.postOfficeStatusDate && <span className="block text-secondary">{formatDate(r.postOfficeStatusDate)}</span>}
            </Td>
            <Td>
              {r.paymentCode ? (
                <span className="font-mono">{r.paymentCode}</span>
              ) : (
                <span className="text-secondary">None yet</span>
              )}
            </Td>
            <Td>{r.voucherExpiresOn ? formatDate(r.voucherExpiresOn) : ""}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
