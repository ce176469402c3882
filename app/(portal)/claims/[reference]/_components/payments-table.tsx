import { CopyButton } from "@/components/copy-button";
import { formatDateTime } from "@/components/format-date";
import { Money } from "@/components/money";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { StatusTag, Tag } from "@/components/tag";
import type { ClaimPage } from "@/lib/claims/get-claim-page";
import { holdReasonLabels } from "@/lib/payments/hold-reasons";
import { InsetText } from "@/components/inset-text";
import { CancelPaymentForm, ReissuePaymentForm } from "./payment-forms";

export type ReissueState = { failedPaymentId: string; problem: string | null } | null;

/**
 * Rendered while the claim has a failed payment, replaced or not, so the form stays mounted after
 * a reissue and its outcome stays on screen; the heading, text and button only while one waits.
 */
function Reissue({ claim, reissue }: { claim: ClaimPage; reissue: ReissueState }) {
  const failed = reissue ? claim.payments.find((p) => p.id === reissue.failedPaymentId) : undefined;
  return (
    <section aria-labelledby={failed ? "reissue-heading" : undefined} className="mt-6">
      {failed && (
        <>
          <h3 id="reissue-heading" className="mb-2 text-xl font-bold">
            Reissue the failed payment
          </h3>
          {reissue?.problem ? (
            // Two sentences: the failure, then what must happen first (the rule's own words).
            <InsetText>
              <p className="mb-2">
                Payment {failed.reference} failed{failed.failureReason ? `: ${failed.failureReason.replace(/\.$/, "")}` : ""}.
              </p>
              <p>{reissue.problem}</p>
            </InsetText>
          ) : (
            <p className="mb-4">
              New bank details have been approved. Reissuing makes a new payment of the same amount, linked to {failed.reference},
              for the next run.
            </p>
          )}
        </>
      )}
      <ReissuePaymentForm
        reference={claim.reference}
        version={claim.version}
        paymentId={failed?.id ?? ""}
        paymentReference={failed?.reference ?? ""}
        showForm={!!failed && !reissue?.problem}
      />
    </section>
  );
}

export function PaymentsTable({
  claim,
  isCaseworker,
  reissue = null,
}: {
  claim: ClaimPage;
  isCaseworker: boolean;
  reissue?: ReissueState;
}) {
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
                {p.failureReason && (
                  <span className="mt-1 block">{p.status === "FAILED" ? `Failed: ${p.failureReason}` : p.failureReason}</span>
                )}
                {p.replacesReference && <span className="mt-1 block text-secondary">Replaces {p.replacesReference}</span>}
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
      {isCaseworker && claim.payments.some((p) => p.status === "FAILED") && <Reissue claim={claim} reissue={reissue} />}
    </>
  );
}
