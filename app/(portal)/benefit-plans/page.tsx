import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/button";
import { formatDateTime } from "@/components/format-date";
import { PageHeading } from "@/components/page-heading";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { Tag } from "@/components/tag";
import { actions, mayUse } from "@/lib/auth/access";
import { requirePage } from "@/lib/auth/guards";
import { londonDate } from "@/lib/dates/london-date";
import { prisma } from "@/lib/db";
import { listBenefitPlans } from "@/lib/plans/benefit-plans/list-benefit-plans";
import { listPeopleNeedingBankDetails, PEOPLE_NEEDING_BANK_DETAILS_SHOWN } from "@/lib/plans/cycles/bank-details-needed";
import { listPendingApprovals, PENDING_APPROVALS_SHOWN } from "@/lib/plans/enrolments/list-pending-approvals";
import { PAYMENT_METHOD_LABELS } from "@/lib/plans/enrolments/payment-method-labels";

export const metadata: Metadata = { title: "Benefit plans" };
export const dynamic = "force-dynamic";

export default async function BenefitPlansPage() {
  const user = await requirePage("benefitPlans");
  const today = londonDate(new Date());
  const mayChange = mayUse(actions.createBenefitPlan, user.role);
  const mayApprove = mayUse(actions.decideBeneficiaryBankDetails, user.role);
  const [plans, approvals, needingBankDetails] = await Promise.all([
    listBenefitPlans(prisma, today),
    mayApprove ? listPendingApprovals(prisma) : Promise.resolve([]),
    listPeopleNeedingBankDetails(prisma),
  ]);

  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeading>Benefit plans</PageHeading>
        {mayChange && (
          <ButtonLink href="/benefit-plans/new" variant="secondary">
            Create a benefit plan
          </ButtonLink>
        )}
      </div>
      {!mayChange && <p className="mb-6 text-secondary">You can look at benefit plans. Only plan managers change them.</p>}

      {mayApprove && (
        <section aria-labelledby="approvals-heading" className="mb-10">
          <h2 id="approvals-heading" className="mb-4 text-2xl font-bold">
            Waiting for a second plan manager
          </h2>
          {approvals.length === 0 ? (
            <p>Nothing is waiting for approval.</p>
          ) : (
            <Table
              caption={`New bank details and payment methods to approve or reject${approvals.length >= PENDING_APPROVALS_SHOWN ? ` (the oldest ${PENDING_APPROVALS_SHOWN})` : ""}. Their payments are on hold until then.`}
            >
              <THead>
                <Tr>
                  <Th>Beneficiary</Th>
                  <Th>Benefit plan</Th>
                  <Th>Change</Th>
                  <Th>Proposed</Th>
                </Tr>
              </THead>
              <TBody>
                {approvals.map((a) => (
                  <Tr key={`${a.kind}-${a.planCode}-${a.personReference}`}>
                    <Td>
                      <Link href={`/benefit-plans/${a.planCode}/beneficiaries/${a.personReference}`}>{a.personName}</Link>
                      <br />
                      <span className="text-secondary">{a.personReference}</span>
                    </Td>
                    <Td>{a.planCode}</Td>
                    <Td>
                      {a.kind === "BANK_DETAILS"
                        ? "New bank details"
                        : a.fromMethod === a.toMethod
                          ? `Payment method of a new enrolment: ${PAYMENT_METHOD_LABELS[a.toMethod!]}`
                          : `Payment method: ${PAYMENT_METHOD_LABELS[a.fromMethod!]} to ${PAYMENT_METHOD_LABELS[a.toMethod!]}`}
                    </Td>
                    <Td>
                      {formatDateTime(a.proposedAt)} by {a.proposedByName ?? "the online service"}
                      {a.proposedById === user.id && (
                        <>
                          {" "}
                          <Tag colour="grey">Yours: another plan manager decides</Tag>
                        </>
                      )}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )}
        </section>
      )}

      {needingBankDetails.length > 0 && (
        <section aria-labelledby="bank-details-needed-heading" className="mb-10">
          <h2 id="bank-details-needed-heading" className="mb-4 text-2xl font-bold">
            People who need new bank details
          </h2>
          <Table
            caption={`A payment of a cycle to each of them failed; they were told. Approving new bank details clears this${needingBankDetails.length >= PEOPLE_NEEDING_BANK_DETAILS_SHOWN ? ` (the oldest ${PEOPLE_NEEDING_BANK_DETAILS_SHOWN})` : ""}.`}
          >
            <THead>
              <Tr>
                <Th>Person</Th>
                <Th>Since</Th>
                <Th>New bank details</Th>
              </Tr>
            </THead>
            <TBody>
              {needingBankDetails.map((p) => (
                <Tr key={p.personReference}>
                  <Td>
                    {p.planCode ? (
                      <Link href={`/benefit-plans/${p.planCode}/beneficiaries/${p.personReference}`}>{p.personName}</Link>
                    ) : (
                      p.personName
                    )}
                    <br />
                    <span className="text-secondary">{p.personReference}</span>
                  </Td>
                  <Td>{formatDateTime(p.since)}</Td>
                  <Td>{p.newDetailsWaiting ? <Tag colour="orange">Waiting for approval</Tag> : "None proposed yet"}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </section>
      )}

      <h2 className="mb-4 text-2xl font-bold">Plans</h2>
      {plans.length === 0 ? (
        <p>There are no benefit plans yet.</p>
      ) : (
        <Table caption="Benefit plans, by code" captionVisuallyHidden>
          <THead>
            <Tr>
              <Th>Code</Th>
              <Th>Name</Th>
              <Th numeric>Attributes</Th>
              <Th numeric>Beneficiaries today</Th>
              <Th numeric>Enrolments ever</Th>
            </Tr>
          </THead>
          <TBody>
            {plans.map((plan) => (
              <Tr key={plan.code}>
                <Td>
                  <Link href={`/benefit-plans/${plan.code}`}>{plan.code}</Link>
                </Td>
                <Td>{plan.name}</Td>
                <Td numeric>{plan.attributes}</Td>
                <Td numeric>{plan.activeBeneficiaries.toLocaleString("en-GB")}</Td>
                <Td numeric>{plan.enrolments.toLocaleString("en-GB")}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
