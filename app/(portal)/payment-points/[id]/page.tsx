import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/back-link";
import { ButtonLink } from "@/components/button";
import { formatDateTime } from "@/components/format-date";
import { NotificationBanner } from "@/components/notification-banner";
import { PageHeading } from "@/components/page-heading";
import { KeysetPagination } from "@/components/pagination";
import { SummaryList } from "@/components/summary-list";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { mayUse, pages } from "@/lib/auth/access";
import { requirePage } from "@/lib/auth/guards";
import { londonDate, longDate } from "@/lib/dates/london-date";
import { prisma } from "@/lib/db";
import { listPointBeneficiaries } from "@/lib/plans/payment-points/list-point-beneficiaries";
import { loadPaymentPoint } from "@/lib/plans/payment-points/queries";
import { describeFilters } from "@/lib/plans/payment-points/rules/point-filters";
import { parsePointPageParams, pointPageHref } from "@/lib/plans/payment-points/rules/point-page-params";
import { describeCondition } from "@/lib/plans/rules/describe-rule";
import { managerWords } from "../_components/manager-choices";

export const metadata: Metadata = { title: "Payment point" };
export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE_SIZE = 50;

const SAVED: Record<string, string> = {
  created: "Payment point created. Payrolls built from now on put its beneficiaries in it.",
  changed: "Payment point saved. Payrolls built or rebuilt from now on use it as it is now.",
  unchanged: "Nothing had changed, so nothing was saved.",
};

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

export default async function PaymentPointPage({ params, searchParams }: Props) {
  const user = await requirePage("paymentPoint");
  const { id } = await params;
  const query = await searchParams;
  const point = UUID.test(id) ? await loadPaymentPoint(prisma, id.toLowerCase()) : null;
  if (!point) notFound();
  const savedKey = Array.isArray(query.saved) ? query.saved[0] : query.saved;
  const saved = savedKey ? SAVED[savedKey] : undefined;
  const paging = parsePointPageParams(query);
  const today = londonDate(new Date());
  const listOptions = {
    benefitPlanId: point.benefitPlan.id,
    pointId: point.id,
    points: point.planPoints,
    today,
    pageSize: PAGE_SIZE,
  };
  const [holds, overlaps] = await Promise.all([
    listPointBeneficiaries(prisma, { ...listOptions, list: "holds", page: paging.holds }),
    listPointBeneficiaries(prisma, { ...listOptions, list: "overlaps", page: paging.overlaps }),
  ]);
  const names = new Map(point.planPoints.map((p) => [p.id, p.name]));
  const pointName = (pointId: string) => names.get(pointId) ?? "another point";

  return (
    <>
      <BackLink href={`/payment-points?plan=${point.benefitPlan.code}`}>Payment points of {point.benefitPlan.name}</BackLink>
      {saved && (
        <NotificationBanner variant="success">
          <p className="font-bold">{saved}</p>
        </NotificationBanner>
      )}
      <PageHeading caption={`Payment point of ${point.benefitPlan.name}`}>{point.name}</PageHeading>
      <div className="mb-8 flex flex-wrap gap-[15px]">
        {mayUse(pages.paymentPointEdit.roles, user.role) && (
          <ButtonLink href={`/payment-points/${point.id}/edit`} variant="secondary">
            Change this point
          </ButtonLink>
        )}
        <ButtonLink href={`/payment-points/${point.id}/payroll`} variant="secondary">
          View its payroll
        </ButtonLink>
      </div>

      <SummaryList
        rows={[
          {
            key: "Benefit plan",
            value: (
              <Link href={`/benefit-plans/${point.benefitPlan.code}`}>
                {point.benefitPlan.name} ({point.benefitPlan.code})
              </Link>
            ),
          },
          { key: "Place in the order", value: `${point.position} of ${point.planPoints.length}` },
          {
            key: "Filters",
            value:
              point.filters.length === 0 ? (
                describeFilters(point.filters)
              ) : (
                <>
                  <p className="mb-2">A beneficiary belongs here when all of these hold:</p>
                  <ul className="list-disc pl-6">
                    {point.filters.map((f, i) => (
                      <li key={i}>{describeCondition(f)}</li>
                    ))}
                  </ul>
                </>
              ),
          },
          { key: "Payment-point manager", value: point.manager ? managerWords(point.manager) : "None" },
          { key: "Created", value: `${formatDateTime(point.createdAt)} by ${point.createdBy}` },
          { key: "Last changed", value: formatDateTime(point.updatedAt) },
        ]}
      />
      <p className="mb-8 max-w-3xl text-secondary">
        The lists below are as things stand today, {longDate(today)}: the beneficiaries enrolled today, with their attribute
        values in force today, against the plan&apos;s points as they are now. A payment in a cycle keeps the point it was given
        when its payroll was built.
      </p>

      <section aria-labelledby="holds-heading" id="holds" className="mb-10">
        <h2 id="holds-heading" className="mb-4 text-2xl font-bold">
          Beneficiaries it holds now
        </h2>
        <p className="mb-4">
          {count(holds.count, "beneficiary", "beneficiaries")} {holds.count === 1 ? "matches" : "match"} this point&apos;s filters
          and no earlier point&apos;s: the next payroll would put them here.
        </p>
        {holds.rows.length > 0 && (
          <Table caption="Beneficiaries this point holds now, by person reference" captionVisuallyHidden>
            <THead>
              <Tr>
                <Th>Person reference</Th>
                <Th>Name</Th>
                <Th>Also matches</Th>
              </Tr>
            </THead>
            <TBody>
              {holds.rows.map((r) => (
                <Tr key={r.enrolmentId}>
                  <Td>
                    <Link
                      href={`/benefit-plans/${point.benefitPlan.code}/beneficiaries/${r.personReference}`}
                      className="font-mono"
                    >
                      {r.personReference}
                    </Link>
                  </Td>
                  <Td>{r.name}</Td>
                  <Td>{r.matched.slice(1).map(pointName).join(", ") || "No other point"}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
        <KeysetPagination
          label="Pages of the beneficiaries it holds"
          previousHref={holds.previous ? pointPageHref(point.id, paging, "holds", { before: holds.previous }) : undefined}
          nextHref={holds.next ? pointPageHref(point.id, paging, "holds", { after: holds.next }) : undefined}
        />
      </section>

      <section aria-labelledby="overlaps-heading" id="overlaps" className="mb-10">
        <h2 id="overlaps-heading" className="mb-4 text-2xl font-bold">
          Overlaps
        </h2>
        <p className="mb-4">
          {overlaps.count === 0
            ? "No beneficiary matches the filters of this point and of another."
            : `${count(overlaps.count, "beneficiary matches", "beneficiaries match")} the filters of this point and of at least one other. Each goes to the first of them in the plan's order.`}
        </p>
        {overlaps.rows.length > 0 && (
          <Table caption="Beneficiaries matching this point and another, by person reference" captionVisuallyHidden>
            <THead>
              <Tr>
                <Th>Person reference</Th>
                <Th>Name</Th>
                <Th>Matches, in order</Th>
                <Th>Goes to</Th>
              </Tr>
            </THead>
            <TBody>
              {overlaps.rows.map((r) => (
                <Tr key={r.enrolmentId}>
                  <Td>
                    <Link
                      href={`/benefit-plans/${point.benefitPlan.code}/beneficiaries/${r.personReference}`}
                      className="font-mono"
                    >
                      {r.personReference}
                    </Link>
                  </Td>
                  <Td>{r.name}</Td>
                  <Td>{r.matched.map(pointName).join(", ")}</Td>
                  <Td>{r.matched[0] === point.id ? "This point" : pointName(r.matched[0])}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
        <KeysetPagination
          label="Pages of the overlaps"
          previousHref={
            overlaps.previous ? pointPageHref(point.id, paging, "overlaps", { before: overlaps.previous }) : undefined
          }
          nextHref={overlaps.next ? pointPageHref(point.id, paging, "overlaps", { after: overlaps.next }) : undefined}
        />
      </section>
    </>
  );
}
