import Link from "next/link";
import { formatDate } from "@/components/format-date";
import { Money } from "@/components/money";
import { StatusTag } from "@/components/tag";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import type { PayoutBatchListItem } from "@/lib/payout/list-payout-batches";
import { COUNT_LABELS } from "./voucher-counts";
import { DeliveryPlace } from "./delivery-place";

/** The Payout batches, newest first, with what became of each batch's vouchers. */
export function PayoutBatchesTable({ batches }: { batches: PayoutBatchListItem[] }) {
  return (
    <Table caption="Payout batches, newest first" captionVisuallyHidden>
      <THead>
        <Tr>
          <Th>Batch</Th>
          <Th>Status</Th>
          <Th numeric>Payments</Th>
          <Th numeric>Total</Th>
          <Th>Delivered</Th>
          {COUNT_LABELS.map(([key, label]) => (
            <Th key={key} numeric>
              {label}
            </Th>
          ))}
        </Tr>
      </THead>
      <TBody>
        {batches.map((b) => (
          <Tr key={b.id}>
            <Td>
              <Link href={`/payout/batches/${b.id}`} className="font-bold text-link underline">
                {formatDate(new Date(`${b.businessDate}T12:00:00Z`))}, number {String(b.sequenceNo).padStart(3, "0")}
              </Link>
              <span className="block break-all text-secondary">{b.fileName ?? "No file yet"}</span>
            </Td>
            <Td>
              <StatusTag status={b.status} kind="payoutBatch" />
              {b.deliveryError && b.status !== "DELIVERED" && (
                <span className="mt-1 block text-error">Last delivery failed: {b.deliveryError}</span>
              )}
            </Td>
            <Td numeric>{b.paymentCount.toLocaleString("en-GB")}</Td>
            <Td numeric>
              <Money pence={b.totalPence} />
            </Td>
            <Td>
              <DeliveryPlace deliveredAt={b.deliveredAt} target={b.deliveryTarget} />
            </Td>
            {COUNT_LABELS.map(([key]) => (
              <Td key={key} numeric>
                {b.counts[key].toLocaleString("en-GB")}
              </Td>
            ))}
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
