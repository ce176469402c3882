import Link from "next/link";
import { Money } from "@/components/money";
import { statusLabel } from "@/components/status";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import type { PayrollSummary } from "@/lib/plans/cycles/load-cycle-summary";
import { NO_POINT, payrollHref, type PayrollStatus } from "@/lib/plans/cycles/rules/payroll-params";
import { payrollCsvHref } from "./payroll-downloads";

const methodLabels = { BANK: "Bank", CASH: "Cash (Post Office)" } as const;

/** The payroll by payment method, by status and by payment point, each point with its own export. */
export function PayrollSummaryTables({ cycleId, summary }: { cycleId: string; summary: PayrollSummary }) {
  return (
    <section aria-labelledby="summary-heading" className="mt-10">
      <h2 id="summary-heading" className="mb-4 text-2xl font-bold">
        Payroll summary
      </h2>
      <div className="grid gap-x-10 lg:grid-cols-2">
        <Table caption="By payment method (not counting cancelled and carried-over payments)">
          <THead>
            <Tr>
              <Th>Method</Th>
              <Th numeric>Payments</Th>
              <Th numeric>Total</Th>
            </Tr>
          </THead>
          <TBody>
            {summary.byMethod.map((m) => (
              <Tr key={m.method}>
                <Td>{methodLabels[m.method]}</Td>
                <Td numeric>{m.payments.toLocaleString("en-GB")}</Td>
                <Td numeric>
                  <Money pence={m.totalPence} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
        <Table caption="By status">
          <THead>
            <Tr>
              <Th>Status</Th>
              <Th numeric>Payments</Th>
              <Th numeric>Total</Th>
            </Tr>
          </THead>
          <TBody>
            {summary.byStatus.map((s) => (
              <Tr key={s.status}>
                <Td>
                  <Link href={payrollHref(cycleId, { status: s.status as PayrollStatus })} className="text-link underline">
                    {statusLabel(s.status, "payment")}
                  </Link>
                </Td>
                <Td numeric>{s.payments.toLocaleString("en-GB")}</Td>
                <Td numeric>
                  <Money pence={s.totalPence} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      </div>
      {summary.byPoint.length === 0 ? (
        <p className="mb-8">No payments are to be paid in this payroll, so none is split by payment point.</p>
      ) : (
        <Table caption="By payment point (not counting cancelled and carried-over payments)">
          <THead>
            <Tr>
              <Th>Payment point</Th>
              <Th numeric>Payments</Th>
              <Th numeric>Total</Th>
              <Th numeric>Suspended</Th>
              <Th>
                <span className="sr-only">Download</span>
              </Th>
            </Tr>
          </THead>
          <TBody>
            {summary.byPoint.map((p) => (
              <Tr key={p.pointId ?? NO_POINT}>
                <Td>
                  <Link href={payrollHref(cycleId, { point: p.pointId ?? NO_POINT })} className="text-link underline">
                    {p.name}
                  </Link>
                </Td>
                <Td numeric>{p.payments.toLocaleString("en-GB")}</Td>
                <Td numeric>
                  <Money pence={p.totalPence} />
                </Td>
                <Td numeric>
                  {p.suspended.toLocaleString("en-GB")}
                  {p.suspended > 0 && (
                    <>
                      {" "}
                      (<Money pence={p.suspendedPence} />)
                    </>
                  )}
                </Td>
                <Td>
                  <a href={payrollCsvHref(cycleId, p.pointId ?? NO_POINT)} download className="text-link underline">
                    CSV<span className="sr-only"> of the payments of {p.name}</span>
                  </a>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </section>
  );
}
