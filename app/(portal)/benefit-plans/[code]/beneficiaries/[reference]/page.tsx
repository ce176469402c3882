import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/back-link";
import { BankDetailsSideBySide } from "@/components/bank-details-side-by-side";
import { Details } from "@/components/details";
import { formatDateTime } from "@/components/format-date";
import { PageHeading } from "@/components/page-heading";
import { SummaryList, type SummaryListRow } from "@/components/summary-list";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { Tag } from "@/components/tag";
import { WarningText } from "@/components/warning-text";
import { actions, mayUse } from "@/lib/auth/access";
import { requirePage } from "@/lib/auth/guards";
import { findSameAccountPeopleOf } from "@/lib/bank-details/same-account";
import { bankDetailsKey } from "@/lib/crypto/bank-details-key";
import { londonDate, longDate } from "@/lib/dates/london-date";
import { prisma } from "@/lib/db";
import { holdReasonLabels } from "@/lib/payments/hold-reasons";
import { loadBankDetailsNeeded } from "@/lib/plans/cycles/bank-details-needed";
import { attributeErrorIds, attributeFormValues, describeAttributeValue } from "@/lib/plans/enrolments/attribute-values";
import { dayFieldId } from "@/lib/plans/enrolments/date-fields";
import { describeEndReason } from "@/lib/plans/enrolments/end-reasons";
import { loadBeneficiary, type ShownBankDetails } from "@/lib/plans/enrolments/load-beneficiary";
import { PAYMENT_METHOD_LABELS } from "@/lib/plans/enrolments/payment-method-labels";
import { SameAccountWarning } from "../../../../claims/_components/same-account-warning";
import {
  ChangeAttributesForm,
  DecideForms,
  EndEnrolmentForm,
  ProposeBankDetailsForm,
  ProposePaymentMethodForm,
} from "./beneficiary-forms";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ code: string; reference: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { code, reference } = await params;
  return { title: `Beneficiary ${reference.toUpperCase()} of ${decodeURIComponent(code).toUpperCase()}` };
}

const CONTACT = { EMAIL: "Email", SMS: "Text message", LETTER: "Letter" } as Record<string, string>;

function checkTag(details: ShownBankDetails) {
  return details.passesModulusCheck ? (
    <Tag colour="green">Passes the modulus check</Tag>
  ) : (
    <Tag colour="red">Fails the modulus check</Tag>
  );
}

function bankRows(details: ShownBankDetails): SummaryListRow[] {
  return [
    { key: "Name on account", value: details.nameOnAccount },
    { key: "Sort code", value: details.sortCode },
    { key: "Account number", value: details.accountNumber },
    { key: "Roll number", value: details.rollNumber ?? "None" },
    { key: "Check", value: checkTag(details) },
  ];
}

export default async function BeneficiaryPage({ params }: Params) {
  const user = await requirePage("beneficiary");
  const { code, reference } = await params;
  const today = londonDate(new Date());
  const page = await loadBeneficiary({
    db: prisma,
    key: bankDetailsKey(),
    planCode: decodeURIComponent(code),
    personReference: reference,
    viewer: user,
    today,
  });
  if (!page) notFound();
  const { plan, person, enrolment, pendingBankDetails } = page;
  const bankDetailsNeeded = await loadBankDetailsNeeded(prisma, person.id);
  const sameAccount = await findSameAccountPeopleOf(prisma, { personId: person.id, now: new Date() });
  const isPlanManager = mayUse(actions.enrolBeneficiary, user.role);
  const who = { planCode: plan.code, personReference: person.reference };
  const ended = enrolment.enrolledTo !== null;
  const latest = page.attributeSets[0];
  const current = page.attributeSets.find((s) => s.inForce);
  const methodProposedByMe = enrolment.pendingMethodProposedBy?.id === user.id;
  // A new enrolment's first method is in force and waiting at once: it can be approved, not rejected.
  const firstMethod = enrolment.pendingPaymentMethod === enrolment.paymentMethod;
  const bankProposedByMe = pendingBankDetails?.proposedBy?.id === user.id;
  // The checker sees current and proposed in full, side by side, instead of the masked lists.
  const comparison = pendingBankDetails?.comparison ?? null;

  return (
    <>
      <BackLink href={`/benefit-plans/${plan.code}`}>{plan.name}</BackLink>
      <PageHeading caption={`Beneficiary of ${plan.name} (${plan.code})`}>
        {person.firstName} {person.lastName}
      </PageHeading>
      <p className="mb-6 flex flex-wrap gap-2">
        {ended ? <Tag colour="grey">Enrolment ended</Tag> : <Tag colour="green">Enrolled</Tag>}
        {enrolment.pendingPaymentMethod && <Tag colour="orange">New payment method waiting</Tag>}
        {pendingBankDetails && <Tag colour="orange">New bank details waiting</Tag>}
      </p>
      {!isPlanManager && (
        <p className="mb-6 text-secondary">You can look at this beneficiary. Only plan managers change enrolments.</p>
      )}
      {bankDetailsNeeded && (
        <WarningText>
          New bank details needed since {formatDateTime(bankDetailsNeeded.since)}: a payment to this person failed
          {bankDetailsNeeded.failed.length > 0 &&
            ` (${bankDetailsNeeded.failed.map((f) => `${f.reference}${f.reason ? `, ${f.reason}` : ""}`).join("; ")})`}
          . They were told. Approving new bank details clears this.
        </WarningText>
      )}
      {page.heldPayments.length > 0 && (
        <WarningText>
          Payments on hold: {page.heldPayments.map((h) => `${h.count} (${holdReasonLabels[h.reason].toLowerCase()})`).join(", ")}.
        </WarningText>
      )}

      <h2 className="mb-4 text-2xl font-bold">Person</h2>
      <SummaryList
        rows={[
          { key: "Person reference", value: person.reference },
          { key: "Date of birth", value: longDate(person.dateOfBirth) },
          {
            key: "Address",
            value: (
              <>
                {person.address.map((line) => (
                  <span key={line} className="block">
                    {line}
                  </span>
                ))}
              </>
            ),
          },
          { key: "Contact", value: [CONTACT[person.contactPreference], person.email, person.phone].filter(Boolean).join(", ") },
        ]}
      />

      <h2 className="mb-4 text-2xl font-bold">Enrolment</h2>
      <SummaryList
        rows={[
          { key: "Enrolled from", value: longDate(enrolment.enrolledFrom) },
          ...(enrolment.enrolledTo
            ? [
                { key: "Enrolled to", value: longDate(enrolment.enrolledTo) },
                { key: "Why it ended", value: describeEndReason(enrolment.endReason) },
              ]
            : []),
          { key: "Payment method", value: PAYMENT_METHOD_LABELS[enrolment.paymentMethod] },
          { key: "Enrolled by", value: `${enrolment.createdByName}, ${formatDateTime(enrolment.createdAt)}` },
        ]}
      />

      <section aria-labelledby="method-heading" className="mt-10">
        <h2 id="method-heading" className="mb-4 text-2xl font-bold">
          Payment method
        </h2>
        {enrolment.pendingPaymentMethod && (
          <div className="my-6 border-l-[10px] border-orange-600 bg-light-grey p-4">
            <h3 className="mb-2 text-xl font-bold">
              {firstMethod ? "New enrolment's payment method awaiting approval" : "Change awaiting approval"}
            </h3>
            <p className="mb-4">
              {firstMethod ? (
                <strong>{PAYMENT_METHOD_LABELS[enrolment.pendingPaymentMethod]}</strong>
              ) : (
                <>
                  From {PAYMENT_METHOD_LABELS[enrolment.paymentMethod].toLowerCase()} to{" "}
                  <strong>{PAYMENT_METHOD_LABELS[enrolment.pendingPaymentMethod].toLowerCase()}</strong>
                </>
              )}
              , proposed {enrolment.pendingMethodProposedAt && formatDateTime(enrolment.pendingMethodProposedAt)} by{" "}
              {enrolment.pendingMethodProposedBy?.name}. This plan&apos;s payments to the person are on hold until it is decided.
            </p>
            {isPlanManager && methodProposedByMe && (
              <p>You proposed this change, so another plan manager must approve or reject it.</p>
            )}
          </div>
        )}
        {isPlanManager && (
          <DecideForms
            who={who}
            kind="method"
            showForm={Boolean(enrolment.pendingPaymentMethod) && !methodProposedByMe}
            approveOnly={firstMethod}
          />
        )}
        {isPlanManager && !ended && (
          <Details summary="Change the payment method">
            <ProposePaymentMethodForm who={who} current={enrolment.paymentMethod} />
          </Details>
        )}
      </section>

      <section aria-labelledby="bank-heading" className="mt-10">
        <h2 id="bank-heading" className="mb-4 text-2xl font-bold">
          Bank details
        </h2>
        <SameAccountWarning people={sameAccount} viewerRole={user.role} />
        {!comparison &&
          (page.bankDetails ? (
            <SummaryList rows={bankRows(page.bankDetails)} />
          ) : (
            <p className="mb-4">No bank details on record.</p>
          ))}
        {pendingBankDetails && (
          <div className="my-6 border-l-[10px] border-orange-600 bg-light-grey p-4">
            <h3 className="mb-2 text-xl font-bold">New bank details awaiting approval</h3>
            <p className="mb-4">
              Proposed {formatDateTime(pendingBankDetails.proposedAt)} by{" "}
              {pendingBankDetails.proposedBy?.name ?? "the claimant, through the online service"}
              {pendingBankDetails.note ? ` (${pendingBankDetails.note})` : ""}. Bank payments to this person are on hold until
              they are decided.
            </p>
            {comparison ? (
              <>
                {comparison.maskedLookSame && <WarningText>{comparison.maskedLookSame}</WarningText>}
                <p className="mb-4">
                  Shown in full so that you can check them against what the person gave. Your viewing them is recorded.
                </p>
                <BankDetailsSideBySide
                  current={page.bankDetails}
                  proposed={pendingBankDetails.details}
                  changed={comparison.changed}
                  checkTag={checkTag}
                />
              </>
            ) : (
              <SummaryList rows={bankRows(pendingBankDetails.details)} />
            )}
            {isPlanManager && bankProposedByMe && (
              <p>You proposed these bank details, so another plan manager must approve or reject them.</p>
            )}
          </div>
        )}
        {isPlanManager && (
          <DecideForms
            who={who}
            kind="bank"
            changeId={pendingBankDetails?.changeId}
            showForm={Boolean(pendingBankDetails) && !bankProposedByMe}
          />
        )}
        {isPlanManager && (
          <Details summary="Change bank details">
            <ProposeBankDetailsForm who={who} />
          </Details>
        )}
      </section>

      <section aria-labelledby="attributes-heading" className="mt-10">
        <h2 id="attributes-heading" className="mb-4 text-2xl font-bold">
          Attributes
        </h2>
        {current ? (
          <>
            <p className="mb-4">In force today (from {longDate(current.effectiveFrom)}):</p>
            <SummaryList
              rows={plan.attributes.map((a) => ({ key: a.name, value: describeAttributeValue(a, current.values[a.name]) }))}
            />
          </>
        ) : (
          <p className="mb-4">No values are in force today: the first set starts {latest && longDate(latest.effectiveFrom)}.</p>
        )}
        {isPlanManager && (
          <Details summary="Record a change of attributes">
            <ChangeAttributesForm
              who={who}
              declarations={plan.attributes}
              values={attributeFormValues(plan.attributes, latest?.values ?? {})}
              fields={[dayFieldId("effectiveFrom"), ...attributeErrorIds(plan.attributes)]}
            />
          </Details>
        )}
        <Table caption="History of attribute values, newest first">
          <THead>
            <Tr>
              <Th>In force from</Th>
              {plan.attributes.map((a) => (
                <Th key={a.name}>{a.name}</Th>
              ))}
              <Th>Recorded</Th>
            </Tr>
          </THead>
          <TBody>
            {page.attributeSets.map((set) => (
              <Tr key={set.effectiveFrom}>
                <Td>
                  {longDate(set.effectiveFrom)}
                  {set.inForce && (
                    <>
                      {" "}
                      <Tag colour="green">In force</Tag>
                    </>
                  )}
                </Td>
                {plan.attributes.map((a) => (
                  <Td key={a.name}>{describeAttributeValue(a, set.values[a.name])}</Td>
                ))}
                <Td>
                  {set.createdByName}, {formatDateTime(set.createdAt)}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </section>

      {isPlanManager && !ended && (
        <section aria-labelledby="end-heading" className="mt-10">
          <h2 id="end-heading" className="mb-4 text-2xl font-bold">
            End the enrolment
          </h2>
          <Details summary="End this person's enrolment">
            <EndEnrolmentForm who={who} />
          </Details>
        </section>
      )}
    </>
  );
}
