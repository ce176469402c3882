import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/format-date";
import { Money } from "@/components/money";
import { PageHeading } from "@/components/page-heading";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { actions, mayUse } from "@/lib/auth/access";
import { requirePage } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { listCycleOptions } from "@/lib/plans/cycles/list-cycle-options";
import { CYCLE_LIST_LIMIT, listCycles } from "@/lib/plans/cycles/list-cycles";
import { CreateCycleForm } from "./_components/create-cycle-form";
import { CycleStatusTag } from "./_components/cycle-status-tag";
import { periodWords } from "./_components/period";

export const metadata: Metadata = { title: "Payment cycles" };
export const dynamic = "force-dynamic";

export default async function PaymentCyclesPage() {
  const user = await requirePage("paymentCycles");
  const mayCreate = mayUse(actions.createCycle, user.role);
  const [cycles, options] = await Promise.all([listCycles(prisma), mayCreate ? listCycleOptions(prisma) : []]);
  const choices = options.flatMap((o) =>
    o.periods.map((p) => ({
      value: `${o.planId}|${p.start}`,
      label: `${o.planName} (${o.planCode}): ${periodWords(p.start, p.end)}`,
    })),
  );

  return (
    <>
      <PageHeading>Payment cycles</PageHeading>
      <p className="mb-6 max-w-[40em]">
        A cycle is one period of a payment plan; its payroll is the payments to every beneficiary enrolled for the period. An
        accountant creates it, suspended payments are approved or rejected, and another accountant approves the cycle before the
        bank and Payout runs pay it. Once none of its payments is new or sent, an accountant marks it reconciled; a payment that
        fails after that is shown as a late failure.
      </p>
      {!mayCreate && (
        <p className="mb-6 text-secondary">You can look at payment cycles. Only accountants create and decide them.</p>
      )}

      {mayCreate && (
        <section aria-labelledby="create-heading">
          <h2 id="create-heading" className="mb-4 text-2xl font-bold">
            Create a cycle
          </h2>
          {choices.length === 0 ? (
            <p className="mb-10">
              No plan has a period waiting for a cycle: each plan&apos;s periods have cycles, or no payment plan has a rule yet.
            </p>
          ) : (
            <CreateCycleForm choices={choices} />
          )}
        </section>
      )}

      <section aria-labelledby="cycles-heading">
        <h2 id="cycles-heading" className="mb-4 text-2xl font-bold">
          Cycles
        </h2>
        {cycles.length === 0 ? (
          <p>There are no payment cycles yet.</p>
        ) : (
          <Table
            caption={`Payment cycles, latest period first${cycles.length === CYCLE_LIST_LIMIT ? ` (the latest ${CYCLE_LIST_LIMIT})` : ""}`}
            captionVisuallyHidden
          >
            <THead>
              <Tr>
                <Th>Cycle</Th>
                <Th>Status</Th>
                <Th numeric>Payments</Th>
                <Th numeric>Total</Th>
                <Th numeric>Suspended</Th>
                <Th>Created</Th>
              </Tr>
            </THead>
            <TBody>
              {cycles.map((c) => (
                <Tr key={c.id}>
                  <Td>
                    <Link href={`/payment-cycles/${c.id}`} className="font-bold text-link underline">
                      {c.planName}
                    </Link>
                    <span className="block text-secondary">{periodWords(c.periodStart, c.periodEnd)}</span>
                  </Td>
                  <Td>
                    <CycleStatusTag status={c.status} />
                    {c.payrollVersion > 1 && <span className="block text-secondary">payroll version {c.payrollVersion}</span>}
                    {c.reconciledAt && <span className="block text-secondary">on {formatDateTime(c.reconciledAt)}</span>}
                    {c.lateFailures > 0 && (
                      <Link
                        href={`/payment-cycles/${c.id}/reconciliation#late-failures`}
                        className="mt-1 block font-bold text-link underline"
                      >
                        {c.lateFailures.toLocaleString("en-GB")} late {c.lateFailures === 1 ? "failure" : "failures"}
                      </Link>
                    )}
                  </Td>
                  <Td numeric>{c.payments.toLocaleString("en-GB")}</Td>
                  <Td numeric>
                    <Money pence={c.totalPence} />
                  </Td>
                  <Td numeric>{c.suspended.toLocaleString("en-GB")}</Td>
                  <Td>
                    {formatDateTime(c.createdAt)}
                    <span className="block text-secondary">by {c.createdByName}</span>
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </section>
    </>
  );
}
