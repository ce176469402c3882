import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/back-link";
import { ButtonGroup, ButtonLink } from "@/components/button";
import { ErrorSummary } from "@/components/error-summary";
import { formatDate } from "@/components/format-date";
import { KeysetPagination } from "@/components/pagination";
import { PageHeading } from "@/components/page-heading";
import { SummaryList } from "@/components/summary-list";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { Tag } from "@/components/tag";
import { actions, mayUse } from "@/lib/auth/access";
import { requirePage } from "@/lib/auth/guards";
import { longDate } from "@/lib/dates/london-date";
import { prisma } from "@/lib/db";
import { findBenefitPlan } from "@/lib/plans/benefit-plans/load-benefit-plan";
import {
  beneficiaryListHref,
  hasBeneficiaryFilters,
  parseBeneficiaryListParams,
} from "@/lib/plans/enrolments/beneficiary-list-params";
import { describeEndReason } from "@/lib/plans/enrolments/end-reasons";
import { listBeneficiaries } from "@/lib/plans/enrolments/list-beneficiaries";
import { PAYMENT_METHOD_LABELS } from "@/lib/plans/enrolments/payment-method-labels";
import { ATTRIBUTE_TYPE_NAMES } from "@/lib/plans/rules/attributes";
import { BeneficiaryFilters } from "./_components/beneficiary-filters";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const { problems } = parseBeneficiaryListParams(await searchParams);
  const code = decodeURIComponent((await params).code).toUpperCase();
  return { title: `${problems.length ? "Error: " : ""}Benefit plan ${code}` };
}

export default async function BenefitPlanPage({ params, searchParams }: Props) {
  const user = await requirePage("benefitPlan");
  const plan = await findBenefitPlan(prisma, decodeURIComponent((await params).code));
  if (!plan) notFound();
  const { params: filters, problems } = parseBeneficiaryListParams(await searchParams);
  const page = await listBeneficiaries(prisma, plan.id, filters);
  const mayChange = mayUse(actions.changeBenefitPlan, user.role);
  const onLaterPage = Boolean(filters.after || filters.before);

  return (
    <>
      <BackLink href="/benefit-plans">All benefit plans</BackLink>
      <PageHeading caption={`Benefit plan ${plan.code}`}>{plan.name}</PageHeading>
      {plan.description && <p className="mb-6 max-w-3xl whitespace-pre-line">{plan.description}</p>}
      {mayChange && (
        <ButtonGroup>
          <ButtonLink href={`/benefit-plans/${plan.code}/enrol`}>Enrol a person</ButtonLink>
          <ButtonLink href={`/benefit-plans/${plan.code}/edit`} variant="secondary">
            Change the plan
          </ButtonLink>
        </ButtonGroup>
      )}
      <p className="mb-8">
        <Link href={`/benefit-plans/${plan.code}/uploads`}>
          {mayChange ? "Enrol or change many people with an enrolment file" : "Enrolment files"}
        </Link>
      </p>

      <h2 className="mb-4 text-2xl font-bold">Beneficiary attributes</h2>
      {plan.attributes.length === 0 ? (
        <p className="mb-8">This plan declares no attributes.</p>
      ) : (
        <SummaryList
          rows={plan.attributes.map((a) => ({
            key: a.name,
            value: a.type === "ONE_OF" ? `One of: ${a.options.join(", ")}` : `A ${ATTRIBUTE_TYPE_NAMES[a.type]}`,
          }))}
        />
      )}

      <section id="beneficiaries" aria-labelledby="beneficiaries-heading">
        <h2 id="beneficiaries-heading" className="mb-4 text-2xl font-bold">
          Beneficiaries
        </h2>
        <ErrorSummary
          title="There is a problem with the filters"
          errors={problems.map((p) => ({ href: `#${p.field}`, text: p.message }))}
        />
        <BeneficiaryFilters planCode={plan.code} params={filters} problems={problems} />
        {page.rows.length === 0 ? (
          <div className="mb-8">
            <h3 className="mb-2 text-xl font-bold">No beneficiaries found</h3>
            {onLaterPage ? (
              <p>
                There are no more beneficiaries in this direction.{" "}
                <Link href={beneficiaryListHref(plan.code, filters)}>Go to the first page</Link>.
              </p>
            ) : hasBeneficiaryFilters(filters) ? (
              <p>No beneficiaries match these filters.</p>
            ) : (
              <p>Nobody is enrolled in this plan yet.</p>
            )}
          </div>
        ) : (
          <>
            <Table
              caption={`Showing ${page.rows.length} ${page.rows.length === 1 ? "beneficiary" : "beneficiaries"}${page.next ? ", more on the next page" : ""}. Sorted by last name.`}
            >
              <THead>
                <Tr>
                  <Th>Name</Th>
                  <Th>Person reference</Th>
                  <Th>Payment method</Th>
                  <Th>Enrolled</Th>
                </Tr>
              </THead>
              <TBody>
                {page.rows.map((row) => (
                  <Tr key={row.enrolmentId}>
                    <Td>
                      <Link href={`/benefit-plans/${plan.code}/beneficiaries/${row.personReference}`}>{row.name}</Link>
                    </Td>
                    <Td>{row.personReference}</Td>
                    <Td>
                      {PAYMENT_METHOD_LABELS[row.paymentMethod]}
                      {row.pendingPaymentMethod && (
                        <div>
                          <Tag colour="orange">
                            Change to {PAYMENT_METHOD_LABELS[row.pendingPaymentMethod].toLowerCase()} waiting
                          </Tag>
                        </div>
                      )}
                      {row.bankDetailsPending && (
                        <div>
                          <Tag colour="orange">New bank details waiting</Tag>
                        </div>
                      )}
                    </Td>
                    <Td>
                      From {longDate(row.enrolledFrom)}
                      {row.enrolledTo && (
                        <>
                          <br />
                          to {longDate(row.enrolledTo)} ({describeEndReason(row.endReason)})
                        </>
                      )}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
            <KeysetPagination
              label="Beneficiaries pages"
              previousHref={page.previous && beneficiaryListHref(plan.code, filters, { before: page.previous })}
              nextHref={page.next && beneficiaryListHref(plan.code, filters, { after: page.next })}
            />
          </>
        )}
      </section>
      <p className="text-secondary">Plan created {formatDate(plan.createdAt)}.</p>
    </>
  );
}
