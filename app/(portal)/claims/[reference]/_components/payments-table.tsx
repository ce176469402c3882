import { CopyButton } from "@/components/copy-button";
import { formatDateTime } from "@/components/format-date";
import { Money } from "@/components/money";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { StatusTag, Tag } from "@/components/tag";
import type { ClaimPage } from "@/lib/claims/get-claim-page";
import { holdReasonLabels } from "@/lib/payments/hold-reasons";
import { CancelPaymentForm } from "./payment-forms";

export function PaymentsTable({ claim, isCaseworker }: { claim: ClaimPage; isCaseworker: boolean }) {
  if (claim.payments.length === 0) return <p>No payments yet. Approving the claim creates one.</p>;
  return (
    <>
      <Table caption="Payments for this claim" captionVisuallyHidden>
        <THead>
          <Tr>
            <Th>Reference</Th>
            <Th>Payment UUID</Th>
            <Th>Method</Th>
            <Th numeric>Amount</Th>
            <Th>Status</Th>
            <Th>Created</Th>
          </Tr>
        </THead>
        <TBody>
          {claim.payments.map((p) => (
            <Tr key={p.id}>
              <Td>
                <strong>{p.reference}</strong>
              </Td>
              <Td>
                <code className="mr-2 text-sm break-all" data-testid="payment-uuid">
                  {p.id}
                </code>
                <CopyButton value={p.id} label={`Copy payment UUID for ${p.reference}`} />
              </Td>
              <Td>{p.method === "BANK" ? "Bank" : "Cash"}</Td>
              <Td numeric>
                <Money pence={p.amountPence} />
              </Td>
              <Td>
                <StatusTag status={p.status} kind="payment" />
                {p.holdReason && (
                  <span className="mt-1 block">
                    <Tag colour="yellow">On hold</Tag> {holdReasonLabels[p.holdReason]}
                  </span>
                )}
                {p.failureReason && <span className="mt-1 block">{p.failureReason}</span>}
                {p.cancelReason && <span className="mt-1 block">Cancelled: {p.cancelReason}</span>}
              </Td>
              <Td>{formatDateTime(p.createdAt)}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      {isCaseworker &&
        claim.payments
          .filter((p) => p.status === "NEW")
          .map((p) => (
            <details key={p.id} className="mt-4">
              <summary className="cursor-pointer text-link underline">Cancel payment {p.reference}</summary>
              <div className="mt-4 border-l-4 border-mid-grey pl-4">
                <CancelPaymentForm reference={claim.reference} paymentId={p.id} paymentReference={p.reference} />
              </div>
            </details>
          ))}
    </>
  );
}
