import { Details } from "@/components/details";
import { formatDateTime } from "@/components/format-date";
import { SummaryList } from "@/components/summary-list";
import { Tag } from "@/components/tag";
import { WarningText } from "@/components/warning-text";
import { actions, mayUse } from "@/lib/auth/access";
import type { CurrentUser } from "@/lib/auth/current-user";
import { CHANGE_SOURCE_LABELS } from "@/lib/bank-details/change-source";
import { bankRejection, type BankRejection } from "@/lib/bank-details/rejected-by-bank";
import { loadBankDetailsReview, type ShownDetails } from "@/lib/bank-details/load-bank-details-review";
import type { ClaimPage } from "@/lib/claims/get-claim-page";
import { bankLookupKey } from "@/lib/bank-details/lookup-key";
import { bankDetailsKey } from "@/lib/crypto/bank-details-key";
import { prisma } from "@/lib/db";
import { SameAccountWarning } from "../../_components/same-account-warning";
import { BankDetailsSideBySide } from "@/components/bank-details-side-by-side";
import { DecideBankDetailsChangeForms, ProposeBankDetailsForm } from "./bank-details-forms";

function checkTag(details: ShownDetails) {
  return details.passesModulusCheck ? (
    <Tag colour="green">Passes the modulus check</Tag>
  ) : (
    <Tag colour="red">Fails the modulus check</Tag>
  );
}

function maskedRows(details: ShownDetails, rejection: BankRejection | null = null) {
  return [
    { key: "Name on account", value: details.nameOnAccount },
    { key: "Sort code", value: details.sortCode },
    { key: "Account number", value: details.accountNumber },
    { key: "Roll number", value: details.hasRollNumber ? "Yes (hidden)" : "None" },
    // The bank's refusal outranks the modulus check, which only says the numbers are well formed.
    rejection
      ? {
          key: "Check",
          value: (
            <>
              <Tag colour="red">Rejected by the bank: {rejection.reason}</Tag>
              <span className="mt-1 block">Payment {rejection.paymentReference} to this account failed.</span>
              <span className="mt-1 block font-bold">{rejection.nextStep}</span>
            </>
          ),
        }
      : { key: "Check", value: checkTag(details) },
  ];
}

/**
 * The claimant's bank details and any change waiting for a second caseworker. That caseworker
 * sees both in full, side by side (lib/bank-details/load-bank-details-review.ts, which audits the
 * view); everyone else sees them masked. Anyone else holding the account is listed for all.
 */
export async function BankDetailsSection({
  claim,
  viewer,
  isCaseworker,
}: {
  claim: ClaimPage;
  viewer: CurrentUser;
  isCaseworker: boolean;
}) {
  const review = await loadBankDetailsReview({
    db: prisma,
    key: bankDetailsKey(),
    lookupKey: bankLookupKey(),
    personId: claim.claimantId,
    viewer,
    mayCheck: mayUse(actions.decideBankDetailsChange, viewer.role),
    now: new Date(),
    audit: { claimReference: claim.reference },
  });
  const { current, pending } = review;
  const details = await prisma.bankDetails.findUnique({ where: { claimantId: claim.claimantId }, select: { updatedAt: true } });
  const rejection = bankRejection({
    payments: claim.payments,
    detailsSetAt: details?.updatedAt ?? null,
    changeWaiting: !!pending,
  });
  return (
    <section aria-labelledby="bank-heading" className="mt-10">
      <h2 id="bank-heading" className="mb-4 text-2xl font-bold">
        Bank details
      </h2>
      <SameAccountWarning people={review.sameAccount} viewerRole={viewer.role} />
      {!(review.inFull && pending) &&
        (current ? <SummaryList rows={maskedRows(current, rejection)} /> : <p className="mb-4">No bank details.</p>)}
      {pending && (
        <div className="my-6 border-l-[10px] border-orange-600 bg-light-grey p-4">
          <h3 className="mb-2 text-xl font-bold">Change awaiting approval</h3>
          <p className="mb-2">
            Proposed {formatDateTime(pending.proposedAt)} by{" "}
            {pending.proposedBy?.name ?? "the claimant, through the online service"}. Bank payments are on hold until it is
            decided.
          </p>
          <p className="mb-4">
            <strong>How the claimant sent them:</strong> {CHANGE_SOURCE_LABELS[pending.source]}
            {pending.note && pending.source !== "API" && pending.source !== "PHONE" ? ` (${pending.note})` : ""}.
          </p>
          {review.inFull && pending.comparison ? (
            <>
              {pending.comparison.maskedLookSame && <WarningText>{pending.comparison.maskedLookSame}</WarningText>}
              <p className="mb-4">
                Shown in full so that you can check them against what the claimant gave. Your viewing them is recorded.
              </p>
              <BankDetailsSideBySide
                current={current}
                proposed={pending.details}
                changed={pending.comparison.changed}
                // The details on file that the bank refused are shown refused here too, never "Passes".
                checkTag={(details) =>
                  details === current && rejection ? (
                    <Tag colour="red">Rejected by the bank: {rejection.reason}</Tag>
                  ) : (
                    checkTag(details)
                  )
                }
              />
            </>
          ) : (
            <SummaryList rows={maskedRows(pending.details)} />
          )}
          {isCaseworker && pending.proposedBy?.id === viewer.id && (
            <p>You proposed this change, so another caseworker must approve or reject it.</p>
          )}
        </div>
      )}
      {isCaseworker && (
        <DecideBankDetailsChangeForms reference={claim.reference} changeId={pending?.mayDecide ? pending.changeId : null} />
      )}
      {isCaseworker && (
        <Details summary="Change bank details">
          <ProposeBankDetailsForm reference={claim.reference} />
        </Details>
      )}
    </section>
  );
}
