import type { Metadata } from "next";
import { forbidden, notFound } from "next/navigation";
import { BackLink } from "@/components/back-link";
import { Button } from "@/components/button";
import { Money } from "@/components/money";
import { PageHeading } from "@/components/page-heading";
import { KeysetPagination } from "@/components/pagination";
import { Select } from "@/components/select";
import { statusLabel } from "@/components/status";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { mayUse, pages } from "@/lib/auth/access";
import { requirePage } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { listPayroll } from "@/lib/plans/cycles/list-payroll";
import { loadPaymentLines } from "@/lib/plans/cycles/load-payment-lines";
import { parsePayrollParams } from "@/lib/plans/cycles/rules/payroll-params";
import { mayViewPointPayroll } from "@/lib/plans/payment-points/point-access";
import { listPointCycles, loadPointPayrollSummary } from "@/lib/plans/payment-points/point-payroll";
import { loadPaymentPoint } from "@/lib/plans/payment-points/queries";
import { PayrollTable } from "../../../payment-cycles/[id]/_components/payroll-table";
import { periodWords } from "../../../payment-cycles/_components/period";

export const metadata: Metadata = { title: "Payment point payroll" };
export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE_SIZE = 50;

const CYCLE_STATUS_WORDS: Record<string, string> = {
  PENDING_APPROVAL: "waiting for approval",
  REJECTED: "rejected",
  APPROVED: "approved",
  RECONCILED: "reconciled",
};

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

function pageHref(pointId: string, cycleId: string, position: { after?: string; before?: string }): string {
  const query = new URLSearchParams({ cycle: cycleId });
  if (position.after) query.set("after", position.after);
  else if (position.before) query.set("before", position.before);
  return `/payment-points/${pointId}/payroll?${query.toString()}#payments`;
}

// A point's payroll, cycle by cycle: open to whoever sees payment points, and to the point's own
// manager whatever their role (docs/payment-points.md#who-may-do-what). Every role gets past the
// page rule; the point decides.
export default async function PointPayrollPage({ params, searchParams }: Props) {
  const user = await requirePage("paymentPointPayroll");
  const { id } = await params;
  const point = UUID.test(id) ? await loadPaymentPoint(prisma, id.toLowerCase()) : null;
  if (!point) notFound();
  if (!mayViewPointPayroll(user, { managerId: point.manager?.id ?? null })) forbidden();

  const query = await searchParams;
  const cycles = await listPointCycles(prisma, point.benefitPlan.id);
  const asked = (Array.isArray(query.cycle) ? query.cycle[0] : query.cycle)?.toLowerCase();
  const cycle = cycles.find((c) => c.id === asked) ?? cycles[0];
  const paging = parsePayrollParams({ after: query.after, before: query.before });
  const [summary, payroll] = cycle
    ? await Promise.all([
        loadPointPayrollSummary(prisma, { cycleId: cycle.id, pointId: point.id }),
        listPayroll(prisma, {
          cycleId: cycle.id,
          params: { point: point.id, after: paging.after, before: paging.before },
          pageSize: PAGE_SIZE,
        }),
      ])
    : [null, null];
  const lines = payroll
    ? await loadPaymentLines(
        prisma,
        payroll.rows.map((r) => r.id),
      )
    : new Map();
  const mayOpenPoint = mayUse(pages.paymentPoint.roles, user.role);
  const cycleWords = (c: (typeof cycles)[number]) =>
    `${c.planName} (${c.planCode}): ${periodWords(c.periodStart, c.periodEnd)}, ${CYCLE_STATUS_WORDS[c.status] ?? c.status}`;

  return (
    <>
      {mayOpenPoint ? (
        <BackLink href={`/payment-points/${point.id}`}>Back to {point.name}</BackLink>
      ) : (
        <BackLink href="/">Home</BackLink>
      )}
      <PageHeading caption={`Payment point of ${point.benefitPlan.name}`}>{point.name}: payroll</PageHeading>
      <p className="mb-6 max-w-3xl">
        The payments of this point in a payment cycle: each cycle payment was given its point when the cycle&apos;s payroll was
        built.
      </p>
      {cycles.length === 0 ? (
        <p>{point.benefitPlan.name} has no payment cycles yet.</p>
      ) : (
        <>
          <form method="get" action={`/payment-points/${point.id}/payroll`} className="mb-8 bg-light-grey p-[15px] sm:p-5">
            <Select
              id="cycle"
              name="cycle"
              label="Payment cycle"
              options={cycles.map((c) => ({ value: c.id, label: cycleWords(c) }))}
              defaultValue={cycle.id}
            />
            <Button>Show payroll</Button>
          </form>

          <h2 className="mb-4 text-2xl font-bold">{cycleWords(cycle)}</h2>
          <p className="mb-4">
            {count(summary!.payments, "payment", "payments")}, <Money pence={summary!.totalPence} /> (not counting cancelled and
            carried-over payments).
          </p>
          {summary!.byStatus.length > 0 && (
            <Table caption="This point's payments by status">
              <THead>
                <Tr>
                  <Th>Status</Th>
                  <Th numeric>Payments</Th>
                  <Th numeric>Total</Th>
                </Tr>
              </THead>
              <TBody>
                {summary!.byStatus.map((s) => (
                  <Tr key={s.status}>
                    <Td>{statusLabel(s.status, "payment")}</Td>
                    <Td numeric>{s.payments.toLocaleString("en-GB")}</Td>
                    <Td numeric>
                      <Money pence={s.totalPence} />
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          )}
          <p className="mb-8">
            {/* A file from a route handler, not a page: a plain link, never prefetched. */}
            <a href={`/api/payment-cycles/${cycle.id}/payroll.csv?point=${point.id}`} className="text-link underline">
              Download CSV<span className="sr-only"> of this point&apos;s payroll for this cycle</span>
            </a>
          </p>

          <section aria-labelledby="payments-heading" id="payments">
            <h2 id="payments-heading" className="mb-4 text-2xl font-bold">
              Payments
            </h2>
            {payroll!.rows.length === 0 ? (
              <p className="mb-8">This point has no payments in this cycle.</p>
            ) : (
              <PayrollTable
                rows={payroll!.rows}
                lines={lines}
                showPoint={false}
                caption={`This point's payments, by reference: ${count(payroll!.rows.length, "shown", "shown")}${payroll!.next ? ", more on the next page" : ""}`}
              />
            )}
            <KeysetPagination
              label="Payroll pages"
              previousHref={payroll!.previous ? pageHref(point.id, cycle.id, { before: payroll!.previous }) : undefined}
              nextHref={payroll!.next ? pageHref(point.id, cycle.id, { after: payroll!.next }) : undefined}
            />
          </section>
        </>
      )}
    </>
  );
}
