import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/back-link";
import { formatDateTime } from "@/components/format-date";
import { InsetText } from "@/components/inset-text";
import { NotificationBanner } from "@/components/notification-banner";
import { Money } from "@/components/money";
import { PageHeading } from "@/components/page-heading";
import { KeysetPagination } from "@/components/pagination";
import { SummaryList } from "@/components/summary-list";
import { Timeline } from "@/components/timeline";
import { WarningText } from "@/components/warning-text";
import { actions, mayUse, pages } from "@/lib/auth/access";
import { requirePage } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { formatPence } from "@/lib/money";
import { compareCycle, findPreviousCycle, listChanges } from "@/lib/plans/cycles/compare-cycle";
import { listNothingDue } from "@/lib/plans/cycles/list-nothing-due";
import { listPayroll } from "@/lib/plans/cycles/list-payroll";
import { loadCycleHeader, loadPayrollSummary } from "@/lib/plans/cycles/load-cycle-summary";
import { loadCycleTimeline } from "@/lib/plans/cycles/load-cycle-timeline";
import { loadPaymentLines } from "@/lib/plans/cycles/load-payment-lines";
import { loadCycleState } from "@/lib/plans/cycles/lock-cycle";
import { whyCycleCannotBeDecided } from "@/lib/plans/cycles/rules/cycle-decisions";
import { parseComparisonParams } from "@/lib/plans/cycles/rules/comparison-params";
import { parsePayrollParams, payrollHref } from "@/lib/plans/cycles/rules/payroll-params";
import { CycleStatusTag } from "../_components/cycle-status-tag";
import { periodWords } from "../_components/period";
import { ApproveCycleForm, RebuildPayrollForm, RejectCycleForm } from "./_components/cycle-decision-forms";
import { PayrollComparisonSection } from "./_components/payroll-comparison";
import { PayrollDownloads } from "./_components/payroll-downloads";
import { PayrollFilters } from "./_components/payroll-filters";
import { PayrollSummaryTables } from "./_components/payroll-summary";
import { PayrollTable } from "./_components/payroll-table";
import { PointOverlaps } from "./_components/point-overlaps";
import { SuspendedPaymentsForm } from "./_components/suspended-payments-form";

export const metadata: Metadata = { title: "Payment cycle" };
export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const PAGE_SIZE = 50;
const SUSPENDED_SHOWN = 200;
const NOTHING_DUE_SHOWN = 100;
const CHANGES_PAGE_SIZE = 50;

/** After a decision the page reloads with ?done=…: the banner repeats the timeline's newest entry of that kind. */
const DONE_EVENT_KINDS: Record<string, readonly string[]> = {
  approved: ["cycle.approved"],
  suspended: ["cycle.suspended-approved", "cycle.suspended-rejected"],
};

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

export default async function PaymentCyclePage({ params, searchParams }: Props) {
  const user = await requirePage("paymentCycle");
  const { id: rawId } = await params;
  if (!UUID.test(rawId)) notFound();
  const id = rawId.toLowerCase();
  const header = await loadCycleHeader(prisma, id);
  const state = header ? await loadCycleState(prisma, id, { lock: false }) : null;
  if (!header || !state) notFound();

  const query = await searchParams;
  const filters = parsePayrollParams(query);
  const comparisonParams = parseComparisonParams(query);
  const previous = await findPreviousCycle(prisma, id);
  const [summary, payroll, suspended, nothingDue, timeline, comparison, changes] = await Promise.all([
    loadPayrollSummary(prisma, id),
    listPayroll(prisma, { cycleId: id, params: filters, pageSize: PAGE_SIZE }),
    listPayroll(prisma, { cycleId: id, params: { status: "SUSPENDED" }, pageSize: SUSPENDED_SHOWN }),
    listNothingDue(prisma, {
      cycleId: id,
      benefitPlanId: header.benefitPlanId,
      periodStart: header.periodStart,
      periodEnd: header.periodEnd,
      rule: state.rule,
      limit: NOTHING_DUE_SHOWN,
    }),
    loadCycleTimeline(prisma, id),
    previous ? compareCycle(prisma, { cycleId: id, previousId: previous.id }) : null,
    previous
      ? listChanges(prisma, { cycleId: id, previousId: previous.id, params: comparisonParams, pageSize: CHANGES_PAGE_SIZE })
      : null,
  ]);
  const lines = await loadPaymentLines(
    prisma,
    [...payroll.rows, ...suspended.rows].map((r) => r.id),
  );

  const isAccountant = mayUse(actions.approveCycle, user.role);
  const pending = header.status === "PENDING_APPROVAL";
  const approveRefusal = whyCycleCannotBeDecided(state, user.id, "APPROVE");
  const rejectRefusal = whyCycleCannotBeDecided(state, user.id, "REJECT");
  const mayDecideSuspended = mayUse(actions.decideSuspendedPayments, user.role) && pending && suspended.rows.length > 0;
  const mayRebuild = mayUse(actions.rebuildPayroll, user.role) && header.status === "REJECTED";
  const title = `${header.planName}: ${periodWords(header.periodStart, header.periodEnd)}`;
  const approved = header.status === "APPROVED" || header.status === "RECONCILED";
  const mayOpenBeneficiary = mayUse(pages.beneficiary.roles, user.role);
  const beneficiaryHref = (reference: string) =>
    mayOpenBeneficiary
      ? `/benefit-plans/${encodeURIComponent(header.benefitPlanCode)}/beneficiaries/${encodeURIComponent(reference)}`
      : null;

  const doneKinds = DONE_EVENT_KINDS[typeof query.done === "string" ? query.done : ""];
  const done = doneKinds ? timeline.find((event) => doneKinds.includes(event.kind)) : undefined;

  return (
    <>
      <BackLink href="/payment-cycles">All payment cycles</BackLink>
      {done && (
        <NotificationBanner variant="success">
          <p>{done.summary}</p>
        </NotificationBanner>
      )}
      <PageHeading caption="Payment cycle">{title}</PageHeading>
      <p className="mb-6">
        <CycleStatusTag status={header.status} />
      </p>
      {!isAccountant && <p className="mb-6 text-secondary">You can look at this cycle. Only accountants decide it.</p>}
      {header.status === "REJECTED" && header.rejectionReason && (
        <WarningText>
          Rejected by {header.decidedByName}
          {header.decidedAt ? ` on ${formatDateTime(header.decidedAt)}` : ""}: {header.rejectionReason}. The payroll is rebuilt
          before it can be approved.
        </WarningText>
      )}

      <SummaryList
        rows={[
          { key: "Payment plan", value: `${header.planName} (${header.planCode}), rule version ${header.planVersion}` },
          { key: "Benefit plan", value: header.benefitPlanName },
          { key: "Beneficiaries", value: `${count(nothingDue.enrolled, "enrolled", "enrolled")} for the period` },
          {
            key: "Payments",
            value: (
              <>
                {count(summary.payments, "payment", "payments")}, <Money pence={summary.totalPence} />
              </>
            ),
          },
          {
            key: "Suspended",
            value: (
              <>
                {count(summary.suspended, "payment", "payments")}, <Money pence={summary.suspendedPence} />
              </>
            ),
          },
          { key: "Nothing due", value: count(nothingDue.count, "beneficiary", "beneficiaries") },
          { key: "Payroll version", value: String(header.payrollVersion) },
          { key: "Created", value: `${formatDateTime(header.createdAt)} by ${header.createdByName}` },
          ...(header.decidedAt && approved
            ? [{ key: "Approved", value: `${formatDateTime(header.decidedAt)} by ${header.decidedByName}` }]
            : []),
        ]}
      />

      <PayrollDownloads cycleId={id} approved={approved} />

      <PayrollSummaryTables cycleId={id} summary={summary} />

      <PayrollComparisonSection
        cycleId={id}
        previous={previous}
        comparison={comparison}
        changes={changes}
        params={comparisonParams}
        beneficiaryHref={beneficiaryHref}
      />

      <PointOverlaps cycleId={id} />

      {isAccountant && (pending || header.status === "REJECTED") && (
        <section aria-labelledby="decision-heading" className="mt-10">
          <h2 id="decision-heading" className="mb-4 text-2xl font-bold">
            Decision
          </h2>
          {pending && approveRefusal && <InsetText>{approveRefusal.message}</InsetText>}
          <ApproveCycleForm
            cycleId={id}
            version={state.version}
            showForm={pending && !approveRefusal}
            payments={count(summary.payments, "payment", "payments")}
            total={formatPence(summary.totalPence)}
          />
          <RejectCycleForm cycleId={id} version={state.version} showForm={pending && !rejectRefusal} />
          {mayRebuild && (
            <p className="mb-4">
              Rebuild the payroll once the reason for the rejection is dealt with. It then waits for approval again.
            </p>
          )}
          <RebuildPayrollForm cycleId={id} version={state.version} showForm={mayRebuild} />
        </section>
      )}

      {suspended.rows.length > 0 && (
        <section aria-labelledby="suspended-heading" className="mt-10">
          <h2 id="suspended-heading" className="mb-4 text-2xl font-bold">
            Suspended payments
          </h2>
          <p className="mb-4">
            {count(summary.suspended, "payment is", "payments are")} above the plan&apos;s per-payment limit
            {state.rule.limitPence !== null ? ` of ${formatPence(state.rule.limitPence)}` : ""}. The cycle cannot be approved
            until each is approved or rejected.
            {summary.suspended > suspended.rows.length ? ` The first ${suspended.rows.length} are shown.` : ""}
          </p>
          {mayDecideSuspended ? (
            <SuspendedPaymentsForm
              cycleId={id}
              limitWords={state.rule.limitPence !== null ? formatPence(state.rule.limitPence) : null}
              payments={suspended.rows.map((r) => ({
                id: r.id,
                reference: r.reference,
                personName: r.personName,
                amountPence: r.amountPence,
                lines: lines.get(r.id) ?? [],
              }))}
            />
          ) : (
            <PayrollTable rows={suspended.rows} lines={lines} caption="Suspended payments" />
          )}
        </section>
      )}

      <section aria-labelledby="payroll-heading" id="payroll" className="mt-10">
        <h2 id="payroll-heading" className="mb-4 text-2xl font-bold">
          Payroll
        </h2>
        <PayrollFilters cycleId={id} params={filters} />
        {payroll.rows.length === 0 ? (
          <p className="mb-8">No payments match.</p>
        ) : (
          <PayrollTable
            rows={payroll.rows}
            lines={lines}
            caption={`Payments, by reference: ${count(payroll.rows.length, "shown", "shown")}${payroll.next ? ", more on the next page" : ""}`}
          />
        )}
        <KeysetPagination
          label="Payroll pages"
          previousHref={payroll.previous ? payrollHref(id, filters, { before: payroll.previous }) : undefined}
          nextHref={payroll.next ? payrollHref(id, filters, { after: payroll.next }) : undefined}
        />
      </section>

      <section aria-labelledby="nothing-due-heading" className="mt-10">
        <h2 id="nothing-due-heading" className="mb-4 text-2xl font-bold">
          Nothing due
        </h2>
        {nothingDue.count === 0 ? (
          <p>Every beneficiary enrolled for the period has a payment.</p>
        ) : (
          <>
            <p className="mb-4">
              The plan&apos;s rule gives {count(nothingDue.count, "beneficiary", "beneficiaries")} £0 for this period, so no
              payment is made.
              {nothingDue.count > nothingDue.rows.length ? ` The first ${nothingDue.rows.length} are shown.` : ""}
            </p>
            <ul className="mb-8 list-disc pl-6">
              {nothingDue.rows.map((r) => (
                <li key={r.personReference ?? r.personName}>
                  {r.personName} <span className="font-mono text-secondary">{r.personReference}</span>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section aria-labelledby="timeline-heading" className="mt-10">
        <h2 id="timeline-heading" className="mb-4 text-2xl font-bold">
          Timeline
        </h2>
        <Timeline items={timeline.map((e) => ({ id: e.id, title: e.summary, at: e.at, by: e.actorName }))} headingLevel={3} />
      </section>
    </>
  );
}
