import type { Metadata } from "next";
import Link from "next/link";
import { Button, ButtonLink } from "@/components/button";
import { PageHeading } from "@/components/page-heading";
import { Select } from "@/components/select";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { mayUse, pages } from "@/lib/auth/access";
import { requirePage } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { listBenefitPlanChoices } from "@/lib/plans/payment-plans/queries";
import { listPaymentPoints, type PointListRow } from "@/lib/plans/payment-points/queries";
import { describeFilters } from "@/lib/plans/payment-points/rules/point-filters";
import { managerWords } from "./_components/manager-choices";

export const metadata: Metadata = { title: "Payment points" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

function groupByPlan(points: PointListRow[]): { plan: PointListRow["benefitPlan"]; points: PointListRow[] }[] {
  const groups = new Map<string, { plan: PointListRow["benefitPlan"]; points: PointListRow[] }>();
  for (const point of points) {
    const group = groups.get(point.benefitPlan.id) ?? { plan: point.benefitPlan, points: [] };
    group.points.push(point);
    groups.set(point.benefitPlan.id, group);
  }
  return [...groups.values()];
}

export default async function PaymentPointsPage({ searchParams }: Props) {
  const user = await requirePage("paymentPoints");
  const raw = (await searchParams).plan;
  const planCode = (Array.isArray(raw) ? raw[0] : raw)?.trim().toUpperCase() || undefined;
  const plans = await listBenefitPlanChoices(prisma);
  const chosen = planCode ? plans.find((p) => p.code === planCode) : undefined;
  const groups = groupByPlan(await listPaymentPoints(prisma, { benefitPlanId: chosen?.id }));
  const mayCreate = mayUse(pages.paymentPointNew.roles, user.role);

  return (
    <>
      <PageHeading caption="Recurring benefits">Payment points</PageHeading>
      <p className="mb-6 max-w-3xl">
        Named groups of a benefit plan&apos;s beneficiaries, each defined by filters on their attributes and looked after by a
        payment-point manager, who may view and export the point&apos;s payroll. A beneficiary who matches the filters of two
        points goes to the first in the plan&apos;s order; each point&apos;s page lists such overlaps.
      </p>
      {mayCreate && (
        <p className="mb-8">
          <ButtonLink href={chosen ? `/payment-points/new?benefitPlan=${chosen.id}` : "/payment-points/new"}>
            Create a payment point
          </ButtonLink>
        </p>
      )}
      {plans.length > 0 && (
        <form method="get" action="/payment-points" role="search" className="mb-8 bg-light-grey p-[15px] sm:p-5">
          <Select
            id="plan"
            name="plan"
            label="Benefit plan"
            options={[
              { value: "", label: "All benefit plans" },
              ...plans.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` })),
            ]}
            defaultValue={chosen?.code ?? ""}
          />
          <div className="flex flex-wrap items-center gap-[15px]">
            <Button>Show points</Button>
            {planCode && <Link href="/payment-points">Show every plan&apos;s points</Link>}
          </div>
        </form>
      )}
      {planCode && !chosen && <p className="mb-6">There is no benefit plan with the code {planCode}.</p>}
      {groups.length === 0 ? (
        <p>{chosen ? `${chosen.name} has no payment points yet.` : "There are no payment points yet."}</p>
      ) : (
        groups.map(({ plan, points }) => (
          <section key={plan.id} aria-labelledby={`plan-${plan.code}`} className="mb-10">
            <h2 id={`plan-${plan.code}`} className="mb-4 text-2xl font-bold">
              {plan.name} <span className="font-normal text-secondary">({plan.code})</span>
            </h2>
            <Table caption={`Payment points of ${plan.name}, in order`} captionVisuallyHidden>
              <THead>
                <Tr>
                  <Th numeric>Order</Th>
                  <Th>Name</Th>
                  <Th>Filters</Th>
                  <Th>Manager</Th>
                </Tr>
              </THead>
              <TBody>
                {points.map((point) => (
                  <Tr key={point.id}>
                    <Td numeric>{point.position}</Td>
                    <Td>
                      <Link href={`/payment-points/${point.id}`} className="font-bold">
                        {point.name}
                      </Link>
                    </Td>
                    <Td>{describeFilters(point.filters)}</Td>
                    <Td>{point.manager ? managerWords(point.manager) : "None"}</Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </section>
        ))
      )}
    </>
  );
}
