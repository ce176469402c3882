import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/back-link";
import { formatDateTime } from "@/components/format-date";
import { Money } from "@/components/money";
import { PageHeading } from "@/components/page-heading";
import { SummaryList, type SummaryListRow } from "@/components/summary-list";
import { StatusTag } from "@/components/tag";
import { Timeline } from "@/components/timeline";
import { requirePage } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { loadPaymentJourney } from "@/lib/journey/load-payment-journey";
import type { JourneyLink, PaymentJourney } from "@/lib/journey/journey-types";
import { holdReasonLabels } from "@/lib/payments/hold-reasons";
import { PrintButton } from "./print-button";
import "./print.css";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ key: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: "Payment journey" };
}

/**
 * A payment's whole journey (docs/payment-journey.md), by its reference or UUID: every member of
 * staff may look; bank details are masked for everyone; links show only where the role may follow.
 */
export default async function PaymentJourneyRoute({ params }: Params) {
  const user = await requirePage("payment");
  const { key } = await params;
  const journey = await loadPaymentJourney(prisma, decoded(key), { viewerRole: user.role });
  if (!journey) notFound();
  const p = journey.payment;

  return (
    <>
      <div className="print:hidden">
        <BackLink href="/payments">Payments</BackLink>
      </div>
      <PageHeading caption="Payment journey">Payment {p.reference}</PageHeading>
      <p className="mb-6">
        <StatusTag status={p.status} kind="payment" />
      </p>
      <SummaryList rows={summaryRows(journey)} />
      {(journey.before || journey.after) && <LinkedPayments journey={journey} />}

      <h2 className="mb-4 text-[1.125rem] font-bold sm:text-[1.5rem]">Journey</h2>
      <p className="mb-4 text-secondary">
        {journey.steps.length === 1 ? "1 step" : `${journey.steps.length} steps`}, oldest first, in UK time.
      </p>
      <Timeline
        items={journey.steps.map((step, i) => ({
          id: `${i}`,
          title: step.summary,
          at: step.at,
          by: step.who,
          body:
            step.detail || step.links.length > 0 ? (
              <div className="journey-step">
                {step.detail && <p className="mb-[10px]">{step.detail}</p>}
                {step.links.length > 0 && <StepLinks links={step.links} />}
              </div>
            ) : undefined,
        }))}
      />
      <PrintButton />
    </>
  );
}

/** The key as typed: a stray "%" that is no escape is kept, not a server error. */
function decoded(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

function StepLinks({ links }: { links: JourneyLink[] }) {
  return (
    <ul className="journey-links mb-[10px] flex flex-wrap gap-x-5 gap-y-1">
      {links.map((l) => (
        <li key={l.href}>
          <Link href={l.href}>{l.label}</Link>
        </li>
      ))}
    </ul>
  );
}

function LinkedPayments({ journey }: { journey: PaymentJourney }) {
  const { before, after } = journey;
  return (
    <div className="journey-links mb-6 border-l-[5px] border-mid-grey py-1 pl-4">
      {before && (
        <p className="mb-2">
          This payment replaces <Link href={`/payments/${before.reference}`}>payment {before.reference}</Link>, now{" "}
          <StatusTag status={before.status} kind="payment" />
        </p>
      )}
      {after && (
        <p className="mb-2">
          This payment was replaced by <Link href={`/payments/${after.reference}`}>payment {after.reference}</Link>, now{" "}
          <StatusTag status={after.status} kind="payment" />
        </p>
      )}
    </div>
  );
}

function summaryRows(journey: PaymentJourney): SummaryListRow[] {
  const p = journey.payment;
  const { links } = journey;
  const rows: SummaryListRow[] = [
    { key: "Payment reference", value: p.reference },
    { key: "Payment UUID", value: <span className="font-mono break-all">{p.id}</span> },
    { key: "Amount", value: <Money pence={p.amountPence} /> },
    { key: "Payment method", value: p.method === "BANK" ? "Bank transfer" : "Post Office voucher (Payout)" },
    {
      key: "Status",
      value: (
        <>
          <StatusTag status={p.status} kind="payment" />
          {p.holdReason && <span className="ml-2">On hold: {holdReasonLabels[p.holdReason]}</span>}
        </>
      ),
    },
    {
      key: "Person paid",
      value: (
        <>
          {links.person ? <Link href={links.person.href}>{p.person.name}</Link> : p.person.name}
          {p.person.reference && <span className="text-secondary"> ({p.person.reference})</span>}
        </>
      ),
    },
  ];
  if (p.claim) {
    rows.push({
      key: "Claim",
      value: links.claim ? <Link href={links.claim.href}>{p.claim.reference}</Link> : p.claim.reference,
    });
  }
  if (p.cycle) {
    rows.push({
      key: "Payment cycle",
      value: links.cycle ? <Link href={links.cycle.href}>{p.cycle.label}</Link> : p.cycle.label,
    });
  }
  if (p.method === "BANK") {
    rows.push({
      key: "Bank details",
      value: p.bankDetailsMasked ? (
        <>
          Sort code {p.bankDetailsMasked.sortCode}, account {p.bankDetailsMasked.accountNumber}
        </>
      ) : (
        "None recorded"
      ),
    });
  }
  if (p.method === "CASH") rows.push({ key: "Payment code", value: p.paymentCode ?? "Not issued yet" });
  rows.push({ key: "Created", value: formatDateTime(p.createdAt) });
  return rows;
}
