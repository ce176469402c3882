import Link from "next/link";
import { formatDate } from "@/components/format-date";
import { Money } from "@/components/money";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { Tag } from "@/components/tag";
import type { ExpiredVoucher } from "@/lib/payout/list-expired-vouchers";

/** Vouchers the Post Office reported expired or cancelled that nothing has replaced, oldest first. */
export function ExpiredVouchersTable({ vouchers }: { vouchers: ExpiredVoucher[] }) {
  return (
    <Table caption="Vouchers to reissue, oldest first" captionVisuallyHidden>
      <THead>
        <Tr>
          <Th>Claim</Th>
          <Th>Claimant</Th>
          <Th>Voucher</Th>
          <Th numeric>Amount</Th>
          <Th>Outcome</Th>
          <Th>Assigned to</Th>
        </Tr>
      </THead>
      <TBody>
        {vouchers.map((v) => (
          <Tr key={v.paymentId}>
            <Td>
              <Link href={`/claims/${v.claimReference}#voucher`} className="font-bold text-link underline">
                {v.claimReference}
                <span className="sr-only">: reissue voucher {v.reference}</span>
              </Link>
            </Td>
            <Td>{v.claimantName}</Td>
            <Td>{v.reference}</Td>
            <Td numeric>
              <Money pence={v.amountPence} />
            </Td>
            <Td>
              {v.status === "EXPIRED" ? <Tag colour="orange">Expired</Tag> : <Tag colour="red">Cancelled by the Post Office</Tag>}
              <span className="block text-secondary">{formatDate(new Date(`${v.statusDate}T12:00:00Z`))}</span>
            </Td>
            <Td>{v.assignedToName ?? "Nobody"}</Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
