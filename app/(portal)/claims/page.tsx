import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/button";
import { ErrorSummary } from "@/components/error-summary";
import { KeysetPagination } from "@/components/pagination";
import { PageHeading } from "@/components/page-heading";
import { mayUse, pages } from "@/lib/auth/access";
import { requirePage } from "@/lib/auth/guards";
import { claimListHref, hasFilters, parseClaimListParams, type ClaimListParams } from "@/lib/claims/list/claim-list-params";
import { loadBankHolidays } from "@/lib/bank-holidays/load-bank-holidays";
import { claimAge } from "@/lib/claims/list/claim-age";
import { describeSort } from "@/lib/claims/list/claim-list-sort";
import { listClaims } from "@/lib/claims/list/list-claims";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { ClaimFilters } from "./_components/claim-filters";
import { ClaimTable } from "./_components/claim-table";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 50;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { problems } = parseClaimListParams(await searchParams);
  return { title: problems.length ? "Error: Claims" : "Claims" };
}

function captionFor(count: number, hasMore: boolean, params: ClaimListParams): string {
  const what = params.status === "OPEN" ? "open claim" : "claim";
  const shown = `Showing ${count} ${what}${count === 1 ? "" : "s"}${hasMore ? ", more on the next page" : ""}`;
  return `${shown}. Sorted by ${describeSort(params.sort, params.dir)}.`;
}

export default async function ClaimsPage({ searchParams }: Props) {
  const user = await requirePage("claims");
  const { params, problems } = parseClaimListParams(await searchParams);
  const [page, holidays] = await Promise.all([
    listClaims({ db: prisma, filter: params, userId: user.id, pageSize: PAGE_SIZE }),
    loadBankHolidays(prisma),
  ]);
  const ageOptions = { now: new Date(), holidays, targetWorkingDays: config().claimAgeTargetWorkingDays };
  const rows = page.rows.map((row) => ({
    ...row,
    age: claimAge({ status: row.status, receivedAt: new Date(row.receivedAt) }, ageOptions),
  }));
  const isCaseworker = user.role === "CASEWORKER";
  const onLaterPage = Boolean(params.after || params.before);

  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-4">
        <PageHeading>Claims</PageHeading>
        {mayUse(pages.claimNew.roles, user.role) && (
          <ButtonLink href={pages.claimNew.pattern} variant="secondary">
            Key in a claim
          </ButtonLink>
        )}
      </div>
      {!isCaseworker && <p className="mb-6 text-secondary">You can look at claims. Only caseworkers decide them.</p>}
      <ErrorSummary
        title="There is a problem with the filters"
        errors={problems.map((p) => ({ href: `#${p.field}`, text: p.message }))}
      />
      <ClaimFilters params={params} problems={problems} canBeAssigned={isCaseworker} />

      {page.rows.length === 0 ? (
        <div id="results" className="mb-8">
          <h2 className="mb-2 text-xl font-bold">No claims found</h2>
          {onLaterPage ? (
            <p>
              There are no more claims in this direction. <Link href={claimListHref(params)}>Go to the first page</Link>.
            </p>
          ) : hasFilters(params) ? (
            <p>No claims match these filters. Try fewer filters, or check the spelling of the search.</p>
          ) : (
            <p>
              There are no open claims.{" "}
              <Link href={claimListHref(params, { status: undefined })}>Show claims of every status</Link>.
            </p>
          )}
        </div>
      ) : (
        <div id="results">
          <p className="mb-4 text-secondary">
            Age is in working days since the claim was received; open claims older than {ageOptions.targetWorkingDays} working
            days are marked &ldquo;Past target&rdquo;.
          </p>
          <ClaimTable rows={rows} params={params} caption={captionFor(rows.length, Boolean(page.nextCursor), params)} />
          <KeysetPagination
            previousHref={page.previousCursor && claimListHref(params, { before: page.previousCursor })}
            nextHref={page.nextCursor && claimListHref(params, { after: page.nextCursor })}
          />
        </div>
      )}
    </>
  );
}
