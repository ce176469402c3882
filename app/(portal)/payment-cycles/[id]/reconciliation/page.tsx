import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/back-link";
import { formatDateTime } from "@/components/format-date";
import { InsetText } from "@/components/inset-text";
import { Money } from "@/components/money";
import { NotificationBanner, NotificationHeading } from "@/components/notification-banner";
import { PageHeading } from "@/components/page-heading";
import { KeysetPagination } from "@/components/pagination";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { StatusTag, Tag } from "@/components/tag";
import { actions, mayUse } from "@/lib/auth/access";
import { requirePage } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { listLateFailures, LATE_FAILURES_SHOWN } from "@/lib/plans/cycles/list-late-failures";
import { listUnpaidPayments } from "@/lib/plans/cycles/list-unpaid-payments";
import { loadCycleReconciliation } from "@/lib/plans/cycles/load-cycle-reconciliation";
import { parsePayrollParams } from "@/lib/plans/cycles/rules/payroll-params";
import { describeReconciled, reconciliationView, type ReconciliationGroup } from "@/lib/plans/cycles/rules/reconciliation";
import { CycleStatusTag } from "../../_components/cycle-status-tag";
import { periodWords } from "../../_components/period";
import { ReconcileForm } from "./_components/reconcile-form";

// A cycle's reconciliation (docs/cycle-reconciliation.md): what its payments came to, the unpaid
// ones and what happens to them, late failures, and, for accountants, "Mark reconciled".

export const metadata: Metadata = { title: "Cycle reconciliation" };
export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE_SIZE = 50;
const METHODS = { BANK: "Bank", CASH: "Cash (Post Office)" } as const;
const UNPAID_LABELS = { FAILED: "Failed", EXPIRED: "Expired uncashed", POST_OFFICE_CANCELLED: "Cancelled by the Post Office" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

function unpaidHref(cycleId: string, page: { after?: string; before?: string }): string {
  const query = new URLSearchParams();
  if (page.after) query.set("after", page.after);
  else if (page.before) query.set("before", page.before);
  return `/payment-cycles/${cycleId}/reconciliation?${query.toString()}#unpaid`;
}

export default async function CycleReconciliationPage({ params, searchParams }: Props) {
  const user = await requirePage("paymentCycleReconciliation");
  const { id: rawId } = await params;
  if (!UUID.test(rawId)) notFound();
  const id = rawId.toLowerCase();
  const loaded = await loadCycleReconciliation(prisma, id);
  if (!loaded) notFound();
  const { cycle } = loaded;
  const { after, before } = parsePayrollParams(await searchParams);
  const [unpaid, late] = await Promise.all([
    listUnpaidPayments(prisma, { cycleId: id, after, before, pageSize: PAGE_SIZE }),
    loaded.lateFailures > 0 ? listLateFailures(prisma, id) : Promise.resolve([]),
  ]);
  const view = reconciliationView({ status: cycle.status, figures: loaded.figures, carryOverUnpaid: cycle.carryOverUnpaid });
  const isAccountant = mayUse(actions.reconcileCycle, user.role);
  const groups = Object.fromEntries(view.groups.map((g) => [g.group, g])) as Record<ReconciliationGroup, (typeof view.groups)[0]>;

  return (
    <>
      <BackLink href={`/payment-cycles/${id}`}>Back to the cycle</BackLink>
      <PageHeading caption="Cycle reconciliation">
        {cycle.planName}: {periodWords(cycle.periodStart, cycle.periodEnd)}
      </PageHeading>
      <p className="mb-6">
        <CycleStatusTag status={cycle.status} />
        {cycle.reconciledAt && (
          <span className="ml-2">
            Reconciled {formatDateTime(cycle.reconciledAt)} by {cycle.reconciledByName}.
          </span>
        )}
      </p>

      {loaded.lateFailures > 0 && (
        <NotificationBanner title="Late failures">
          <NotificationHeading>
            {count(loaded.lateFailures, "payment", "payments")} failed after this cycle was reconciled.
          </NotificationHeading>
          <p>
            <a href="#late-failures" className="text-link underline">
              See the late failures
            </a>
            . The figures below include them; their amounts are carried or listed for action like any other unpaid payment.
          </p>
        </NotificationBanner>
      )}

      <p className="mb-6 max-w-[40em]">
        An accountant marks the cycle reconciled once none of its payments is new or sent (a bank payment paid with no failure
        reported counts as settled). Reconciling moves no money: unpaid payments are carried into the next cycle when the plan
        says so ({cycle.carryOverUnpaid ? "this plan does" : "this plan does not"}), or listed for action.
      </p>
      {!isAccountant && (
        <p className="mb-6 text-secondary">You can look at this reconciliation. Only accountants mark cycles reconciled.</p>
      )}

      <h2 className="mb-4 text-2xl font-bold">Figures</h2>
      <div className="grid gap-x-10 lg:grid-cols-2">
        <Table caption="Payments by outcome">
          <THead>
            <Tr>
              <Th>Outcome</Th>
              <Th numeric>Payments</Th>
              <Th numeric>Total</Th>
            </Tr>
          </THead>
          <TBody>
            {view.rows.map((r) => (
              <Tr key={r.category}>
                <Td>{r.label}</Td>
                <Td numeric>{r.payments.toLocaleString("en-GB")}</Td>
                <Td numeric>
                  <Money pence={r.totalPence} />
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
        <Table caption="Totals">
          <THead>
            <Tr>
              <Th>Group</Th>
              <Th numeric>Payments</Th>
              <Th numeric>Total</Th>
            </Tr>
          </THead>
          <TBody>
            {view.groups.map((g) => (
              <Tr key={g.group}>
                <Td>{g.label}</Td>
                <Td numeric>{g.payments.toLocaleString("en-GB")}</Td>
                <Td numeric>
                  <Money pence={g.totalPence} />
                </Td>
              </Tr>
            ))}
            <Tr>
              <Td className="font-bold">All payments of the cycle</Td>
              <Td numeric className="font-bold">
                {view.all.payments.toLocaleString("en-GB")}
              </Td>
              <Td numeric className="font-bold">
                <Money pence={view.all.totalPence} />
              </Td>
            </Tr>
          </TBody>
        </Table>
      </div>

      {isAccountant && (cycle.status === "APPROVED" || cycle.status === "RECONCILED") && (
        <section aria-labelledby="reconcile-heading" className="mt-10">
          <h2 id="reconcile-heading" className="mb-4 text-2xl font-bold">
            Mark reconciled
          </h2>
          {view.refusal && <InsetText>{view.refusal.message}</InsetText>}
          <ReconcileForm
            cycleId={id}
            version={cycle.version}
            showForm={!view.refusal}
            confirmLabel={`No payment is new or sent: ${describeReconciled(groups)} Mark the cycle reconciled. This cannot be undone.`}
          />
        </section>
      )}

      <section aria-labelledby="unpaid-heading" id="unpaid" className="mt-10">
        <h2 id="unpaid-heading" className="mb-4 text-2xl font-bold">
          Unpaid payments
        </h2>
        {view.unpaidWords === null ? (
          <p className="mb-8">No payment of this cycle is unpaid and waiting to be carried or dealt with.</p>
        ) : (
          <>
            <p className="mb-4 max-w-[40em]">{view.unpaidWords}</p>
            <Table
              caption={`Unpaid payments, by reference: ${count(unpaid.rows.length, "shown", "shown")}${unpaid.next ? ", more on the next page" : ""}`}
              captionVisuallyHidden
            >
              <THead>
                <Tr>
                  <Th>Payment</Th>
                  <Th>Beneficiary</Th>
                  <Th>Method</Th>
                  <Th numeric>Amount</Th>
                  <Th>Outcome</Th>
                  <Th>What happens</Th>
                </Tr>
              </THead>
              <TBody>
                {unpaid.rows.map((r) => (
                  <Tr key={r.id}>
                    <Td>
                      <span className="font-mono font-bold">{r.reference}</span>
                    </Td>
                    <Td>
                      {r.personName}
                      <span className="block font-mono text-secondary">{r.personReference}</span>
                    </Td>
                    <Td>{METHODS[r.method]}</Td>
                    <Td numeric>
                      <Money pence={r.amountPence} />
                    </Td>
                    <Td>
                      {UNPAID_LABELS[r.category]}
                      {r.failureReason && <span className="block text-secondary">{r.failureReason}</span>}
                    </Td>
                    <Td className="min-w-[14em]">
                      <Tag colour={r.outcome.carried ? "blue" : "orange"}>{r.outcome.carried ? "To carry" : "For action"}</Tag>
                      <span className="mt-1 block">{r.outcome.words}</span>
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
            <KeysetPagination
              label="Unpaid payments pages"
              previousHref={unpaid.previous ? unpaidHref(id, { before: unpaid.previous }) : undefined}
              nextHref={unpaid.next ? unpaidHref(id, { after: unpaid.next }) : undefined}
            />
          </>
        )}
      </section>

      {late.length > 0 && (
        <section aria-labelledby="late-failures-heading" id="late-failures" className="mt-10">
          <h2 id="late-failures-heading" className="mb-4 text-2xl font-bold">
            Late failures
          </h2>
          <p className="mb-4 max-w-[40em]">
            Bank payments shown as paid when the cycle was reconciled, then reported failed by SSCL. Each person was asked for new
            bank details.
            {loaded.lateFailures > late.length ? ` The first ${LATE_FAILURES_SHOWN} are shown.` : ""}
          </p>
          <Table caption="Payments that failed after the cycle was reconciled, in the order they failed" captionVisuallyHidden>
            <THead>
              <Tr>
                <Th>Payment</Th>
                <Th>Beneficiary</Th>
                <Th numeric>Amount</Th>
                <Th>Failed</Th>
                <Th>Now</Th>
              </Tr>
            </THead>
            <TBody>
              {late.map((r) => (
                <Tr key={r.id}>
                  <Td>
                    <span className="font-mono font-bold">{r.reference}</span>
                  </Td>
                  <Td>
                    {r.personName}
                    <span className="block font-mono text-secondary">{r.personReference}</span>
                  </Td>
                  <Td numeric>
                    <Money pence={r.amountPence} />
                  </Td>
                  <Td>
                    {formatDateTime(r.failedAt)}
                    {r.reason && <span className="block text-secondary">{r.reason}</span>}
                  </Td>
                  <Td>
                    <StatusTag status={r.status} kind="payment" />
                    {r.carriedInto && <span className="mt-1 block">into {r.carriedInto}</span>}
                  </Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </section>
      )}
    </>
  );
}
