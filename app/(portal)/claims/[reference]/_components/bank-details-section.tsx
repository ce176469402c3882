import { Details } from "@/components/details";
import { formatDateTime } from "@/components/format-date";
import { SummaryList } from "@/components/summary-list";
import { Tag } from "@/components/tag";
import type { ClaimPage } from "@/lib/claims/get-claim-page";
import { DecideBankDetailsChangeForms, ProposeBankDetailsForm } from "./bank-details-forms";

type Masked = ClaimPage["bankDetails"];

function maskedRows(details: NonNullable<Masked>) {
  return [
    { key: "Name on account", value: details.nameOnAccount },
    { key: "Sort code", value: details.sortCode },
    { key: "Account number", value: details.account },
    { key: "Roll number", value: details.hasRollNumber ? "Yes (hidden)" : "None" },
    {
      key: "Check",
      value: details.valid ? <Tag colour="green">Passes the modulus check</Tag> : <Tag colour="red">Fails the modulus check</Tag>,
    },
  ];
}

export function BankDetailsSection({ claim, userId, isCaseworker }: { claim: ClaimPage; userId: string; isCaseworker: boolean }) {
  // Only the newest change can be pending (a newer proposal replaces an older one).
  const decidable = claim.pendingChanges.find((c) => c.proposedBy?.id !== userId);
  return (
    <section aria-labelledby="bank-heading" className="mt-10">
      <h2 id="bank-heading" className="mb-4 text-2xl font-bold">
        Bank details
      </h2>
      {claim.bankDetails ? <SummaryList rows={maskedRows(claim.bankDetails)} /> : <p className="mb-4">No bank details.</p>}
      {claim.pendingChanges.map((change) => (
        <div key={change.id} className="my-6 border-l-[10px] border-orange-600 bg-light-grey p-4">
          <h3 className="mb-2 text-xl font-bold">Change awaiting approval</h3>
          <p className="mb-4">
            Proposed {formatDateTime(change.proposedAt)} by{" "}
            {change.proposedBy?.name ?? "the claimant, through the online service"}. Bank payments are on hold until it is
            decided.
          </p>
          <SummaryList rows={maskedRows(change.details)} />
          {isCaseworker && change.proposedBy?.id === userId && (
            <p>You proposed this change, so another caseworker must approve or reject it.</p>
          )}
        </div>
      ))}
      {isCaseworker && <DecideBankDetailsChangeForms reference={claim.reference} changeId={decidable?.id ?? null} />}
      {isCaseworker && (
        <Details summary="Change bank details">
          <ProposeBankDetailsForm reference={claim.reference} />
        </Details>
      )}
    </section>
  );
}
