import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ErrorSummary } from "@/components/error-summary";
import { KeysetPagination } from "@/components/pagination";
import { PageHeading } from "@/components/page-heading";
import { mayUse, pages, routes } from "@/lib/auth/access";
import { requirePage } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { listPayments, resolvePaymentSearch, singleMatch } from "@/lib/payments/search/list-payments";
import { SEARCHABLE_KINDS } from "@/lib/payments/search/parse-payment-search";
import {
  hasPaymentFilters,
  parsePaymentListParams,
  paymentExportHref,
  paymentListHref,
} from "@/lib/payments/search/payment-list-params";
import { PaymentFilters } from "./_components/payment-filters";
import { PaymentTable } from "./_components/payment-table";

// Finding a payment (docs/payment-search.md): the header's "Find a payment" box lands here. One
// payment found opens its journey; several are listed; none says what can be searched for.

export const dynamic = "force-dynamic";

const PAGE_SIZE = 50;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { problems } = parsePaymentListParams(await searchParams);
  return { title: problems.length ? "Error: Payments" : "Payments" };
}

function captionFor(count: number, hasMore: boolean): string {
  return `Showing ${count} payment${count === 1 ? "" : "s"}${hasMore ? ", more on the next page" : ""}. Newest first.`;
}

export default async function PaymentsPage({ searchParams }: Props) {
  const user = await requirePage("payments");
  const { params, problems } = parsePaymentListParams(await searchParams);
  const search = await resolvePaymentSearch(prisma, params.q);
  const onLaterPage = Boolean(params.after || params.before);
  if (search && !onLaterPage) {
    const reference = await singleMatch(prisma, params, search);
    if (reference) redirect(pages.payment.pattern.replace("[key]", encodeURIComponent(reference)));
  }
  const page =
    search?.kind === "unknown" ? { rows: [] } : await listPayments({ db: prisma, params, search, pageSize: PAGE_SIZE });
  const mayExport = mayUse(routes.paymentsExport, user.role);

  return (
    <>
      <PageHeading>Payments</PageHeading>
      <ErrorSummary
        title="There is a problem with the filters"
        errors={problems.map((p) => ({ href: `#${p.field}`, text: p.message }))}
      />
      <PaymentFilters params={params} problems={problems} />

      {page.rows.length === 0 ? (
        <div id="results" className="mb-8">
          {params.q ? (
            <>
              <h2 className="mb-2 text-xl font-bold">No payment matches &ldquo;{params.q}&rdquo;</h2>
              {hasPaymentFilters({ ...params, q: undefined }) && (
                <p>The filters are applied to the search too: try fewer filters.</p>
              )}
              <p>You can search for:</p>
              <ul className="mb-4 list-disc pl-5">
                {SEARCHABLE_KINDS.map((kind) => (
                  <li key={kind}>{kind}</li>
                ))}
              </ul>
              <p>Case and spaces do not matter.</p>
            </>
          ) : onLaterPage ? (
            <>
              <h2 className="mb-2 text-xl font-bold">No payments found</h2>
              <p>
                There are no more payments in this direction. <Link href={paymentListHref(params)}>Go to the first page</Link>.
              </p>
            </>
          ) : (
            <>
              <h2 className="mb-2 text-xl font-bold">No payments found</h2>
              <p>
                {hasPaymentFilters(params) ? "No payments match these filters. Try fewer filters." : "There are no payments yet."}
              </p>
            </>
          )}
        </div>
      ) : (
        <div id="results">
          {mayExport && (
            <p className="mb-4">
              <a href={paymentExportHref(params)} download>
                Download as CSV<span className="sr-only"> (every payment these filters find, not only this page)</span>
              </a>
            </p>
          )}
          <PaymentTable
            rows={page.rows}
            caption={captionFor(page.rows.length, Boolean(page.nextCursor))}
            mayOpenClaims={mayUse(pages.claim.roles, user.role)}
          />
          <KeysetPagination
            previousHref={page.previousCursor && paymentListHref(params, { before: page.previousCursor })}
            nextHref={page.nextCursor && paymentListHref(params, { after: page.nextCursor })}
          />
        </div>
      )}
    </>
  );
}
