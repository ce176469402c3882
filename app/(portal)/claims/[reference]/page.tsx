import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/back-link";
import { formatDate } from "@/components/format-date";
import { PageHeading } from "@/components/page-heading";
import { NeedsAttentionTag, StatusTag } from "@/components/tag";
import { WarningText } from "@/components/warning-text";
import { actions, mayUse } from "@/lib/auth/access";
import { requirePage } from "@/lib/auth/guards";
import { isClaimReference } from "@/lib/references/claim-reference";
import { getClaimPage } from "@/lib/claims/get-claim-page";
import { canDecide } from "@/lib/claims/rules/claim-transitions";
import { bankDetailsKey } from "@/lib/crypto/bank-details-key";
import { prisma } from "@/lib/db";
import { reissueState, voucherReissueState } from "@/lib/claims/reissue-payment";
import { BankDetailsSection } from "./_components/bank-details-section";
import { ClaimSummary } from "./_components/claim-summary";
import { ClaimTimeline } from "./_components/claim-timeline";
import { ClaimWarnings } from "./_components/claim-warnings";
import { CorrespondenceSection } from "./_components/correspondence-section";
import { DocumentsSection } from "./_components/documents-section";
import { PersonSection } from "./_components/person-section";
import { DecisionForm } from "./_components/decision-form";
import { ExpenseLinesTable } from "./_components/expense-lines-table";
import { RecordResponseForm, RejectClaimForm, RequestInformationForm } from "./_components/other-decision-forms";
import { AssignToMeForm } from "./_components/payment-forms";
import { PaymentsTable } from "./_components/payments-table";
import { SecondApprovalSection } from "./_components/second-approval-section";
import { VoucherSection } from "./_components/voucher-section";
import { KeyedInBanner } from "../new/keyed-in-banner";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ reference: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const reference = (await params).reference.toUpperCase();
  // notFound() here, not only in the page, so an unknown claim's 404 is titled "Page not found".
  if (!isClaimReference(reference) || (await prisma.claim.count({ where: { reference } })) === 0) notFound();
  return { title: `Claim ${reference}` };
}

export default async function ClaimPage({ params }: Params) {
  const user = await requirePage("claim");
  const reference = (await params).reference.toUpperCase();
  const claim = isClaimReference(reference) ? await getClaimPage(prisma, reference, bankDetailsKey()) : null;
  if (!claim) notFound();

  const isCaseworker = mayUse(actions.decideClaim, user.role);
  const keyedInByMe = claim.keyedInById === user.id;
  const mayDecide = isCaseworker && canDecide(claim.status) && !keyedInByMe;
  const { claimant } = claim;
  const reissue = isCaseworker ? await reissueState(prisma, bankDetailsKey(), claim.id) : null;
  const hasCash = claim.paymentMethod === "CASH" || claim.payments.some((p) => p.method === "CASH");
  const voucherReissue = hasCash ? await voucherReissueState(prisma, bankDetailsKey(), claim.id) : null;

  return (
    <>
      <BackLink href="/claims">All claims</BackLink>
      <KeyedInBanner reference={claim.reference} />
      <PageHeading caption={`${claimant.firstName} ${claimant.lastName}`}>Claim {claim.reference}</PageHeading>
      <p className="mb-6 flex flex-wrap gap-2">
        <StatusTag status={claim.status} kind="claim" />
        {claim.needsAttention && <NeedsAttentionTag />}
      </p>
      {claim.needsAttention && (
        <WarningText>
          A payment for this claim is on hold or has failed, or its Post Office voucher was not cashed. See{" "}
          {voucherReissue ? "Post Office voucher" : "Payments"} below.
        </WarningText>
      )}
      {!isCaseworker && <p className="mb-6 text-secondary">You can look at this claim. Only caseworkers decide claims.</p>}
      {keyedInByMe && canDecide(claim.status) && (
        <WarningText>You keyed this claim in, so another caseworker must decide it.</WarningText>
      )}

      <ClaimWarnings claimId={claim.id} />
      <ClaimSummary claim={claim} />
      <PersonSection claimId={claim.id} claimantId={claim.claimantId} isCaseworker={isCaseworker} userId={user.id} />
      {isCaseworker && (
        <AssignToMeForm reference={claim.reference} version={claim.version} showForm={claim.assignedTo?.id !== user.id} />
      )}

      <VoucherSection claim={claim} isCaseworker={isCaseworker} reissue={voucherReissue} />
      {/* A cash claim is paid by voucher, so it has no bank-details section (a switch to bank is offered with the voucher). */}
      {claim.paymentMethod !== "CASH" && <BankDetailsSection claim={claim} viewer={user} isCaseworker={isCaseworker} />}

      <CorrespondenceSection claimId={claim.id} reference={claim.reference} />
      <DocumentsSection claimId={claim.id} reference={claim.reference} isCaseworker={isCaseworker} />

      <h2 className="mt-10 mb-4 text-2xl font-bold">Expenses</h2>
      <ExpenseLinesTable lines={claim.expenses} totals={claim.totals} />
      <SecondApprovalSection claim={claim} userId={user.id} isCaseworker={isCaseworker} />

      {/* Rendered for every caseworker, forms hidden when they no longer apply, so a decision's outcome stays on screen. */}
      {isCaseworker && (
        <section aria-labelledby={mayDecide ? "decide-heading" : undefined} className="mt-10">
          {mayDecide && (
            <h2 id="decide-heading" className="mb-4 text-2xl font-bold">
              Decide this claim
            </h2>
          )}
          <DecisionForm reference={claim.reference} version={claim.version} lines={claim.expenses} showForm={mayDecide} />
          <div className="mt-8 space-y-4">
            <RejectClaimForm reference={claim.reference} version={claim.version} showForm={mayDecide} />
            <RequestInformationForm reference={claim.reference} version={claim.version} showForm={mayDecide} />
          </div>
          {claim.status === "INFORMATION_REQUESTED" && (
            <h2 className="mt-10 mb-4 text-2xl font-bold">Record the claimant&apos;s response</h2>
          )}
          <RecordResponseForm
            reference={claim.reference}
            version={claim.version}
            showForm={claim.status === "INFORMATION_REQUESTED"}
          />
        </section>
      )}

      <h2 className="mt-10 mb-4 text-2xl font-bold">Payments</h2>
      <PaymentsTable claim={claim} isCaseworker={isCaseworker} reissue={reissue} />

      <h2 className="mt-10 mb-4 text-2xl font-bold">Timeline</h2>
      <ClaimTimeline events={claim.events} reference={claim.reference} isCaseworker={isCaseworker} />
      <p className="mt-4 text-secondary">Event date {formatDate(claim.eventDate)}.</p>
    </>
  );
}
