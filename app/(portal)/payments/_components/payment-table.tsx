import Link from "next/link";
import { formatDateTime } from "@/components/format-date";
import { Money } from "@/components/money";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { StatusTag } from "@/components/tag";
import { VisuallyHidden } from "@/components/visually-hidden";
import type { PaymentListRow } from "@/lib/payments/search/list-payments";
import { holdReasonLabels } from "@/lib/payments/hold-reasons";

function NotSet({ children }: { children: string }) {
  return (
    <span className="text-secondary">
      <span aria-hidden="true">–</span>
      <VisuallyHidden>{children}</VisuallyHidden>
    </span>
  );
}

/** The payments found, each opening its journey. The claim links only for the roles that may open claims. */
export function PaymentTable({
  rows,
  caption,
  mayOpenClaims,
}: {
  rows: PaymentListRow[];
  caption: string;
  mayOpenClaims: boolean;
}) {
  return (
    <Table caption={caption}>
      <THead>
        <Tr>
          <Th>Payment</Th>
          <Th>Claim</Th>
          <Th>Method</Th>
          <Th numeric>Amount</Th>
          <Th>Status</Th>
          <Th>Created</Th>
          <Th>File and line</Th>
        </Tr>
      </THead>
      <TBody>
        {rows.map((row) => (
          <Tr key={row.id}>
            <Td>
              <Link href={`/payments/${row.reference}`} className="font-bold whitespace-nowrap">
                {row.reference}
              </Link>
            </Td>
            <Td>
              {row.claimReference === null ? (
                <NotSet>Not a claim payment</NotSet>
              ) : mayOpenClaims ? (
                <Link href={`/claims/${row.claimReference}`}>{row.claimReference}</Link>
              ) : (
                row.claimReference
              )}
            </Td>
            <Td>{row.method === "BANK" ? "Bank" : "Cash"}</Td>
            <Td numeric>
              <Money pence={row.amountPence} />
            </Td>
            <Td>
              <span className="flex flex-col items-start gap-1">
                <StatusTag status={row.status} kind="payment" />
                {row.holdReason && <span className="text-secondary">On hold: {holdReasonLabels[row.holdReason]}</span>}
              </span>
            </Td>
            <Td className="whitespace-nowrap">{formatDateTime(new Date(row.createdAt))}</Td>
            <Td>
              {row.fileLine ? (
                <span className="break-all">
                  {row.fileLine.fileName} line {row.fileLine.lineNo}
                  {row.fileLine.isVoid && " (batch voided)"}
                </span>
              ) : (
                <NotSet>Not in a file</NotSet>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
