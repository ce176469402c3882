import { formatDateTime } from "@/components/format-date";
import { isLocalDelivery } from "@/lib/payout/list-payout-batches";

/** Where and when a batch's file went; a batch "delivered" to the local folder says so plainly. */
export function DeliveryPlace({ deliveredAt, target }: { deliveredAt: Date | null; target: string | null }) {
  if (!deliveredAt) return <span className="text-secondary">Not delivered</span>;
  return (
    <>
      {formatDateTime(deliveredAt)}
      {target && (
        <span className="block break-all text-secondary">
          {isLocalDelivery(target)
            ? `to the local folder ${target} (no SFTP settings: not sent to the Post Office)`
            : `to ${target}`}
        </span>
      )}
    </>
  );
}
