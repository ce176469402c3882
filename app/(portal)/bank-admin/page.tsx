import type { Metadata } from "next";
import Link from "next/link";
import { ErrorSummary } from "@/components/error-summary";
import { PageHeading } from "@/components/page-heading";
import { KeysetPagination } from "@/components/pagination";
import { UploadSection } from "@/components/upload-section";
import { actions, mayUse, routes } from "@/lib/auth/access";
import { requirePage } from "@/lib/auth/guards";
import { listPendingBatchActions } from "@/lib/batches/batch-actions/list-batch-action-requests";
import { bankAdminHref, parseBankAdminParams } from "@/lib/direct-payments/bank-admin/bank-admin-params";
import { listBankAdminRuns } from "@/lib/direct-payments/bank-admin/list-bank-admin-runs";
import { loadMissedDownloads } from "@/lib/direct-payments/bank-admin/load-missed-downloads";
import { loadBankHolidays } from "@/lib/bank-holidays/load-bank-holidays";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { listUploads } from "@/lib/uploads/list-uploads";
import { MB } from "@/lib/uploads/upload-limits";
import { uploadResultFromParam } from "../_actions/upload-result";
import { BankAdminFilters } from "./_components/bank-admin-filters";
import { MissedDownloadsBanner } from "./_components/missed-downloads-banner";
import { RunBatches } from "./_components/run-batches";

export const metadata: Metadata = { title: "Bank admin" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function BankAdminPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePage("bankAdmin");
  const raw = await searchParams;
  const { params, problems } = parseBankAdminParams(raw);
  const now = new Date();
  const [missed, page, uploads, uploadResult] = await Promise.all([
    loadBankHolidays(prisma).then((holidays) => loadMissedDownloads(prisma, now, holidays)),
    listBankAdminRuns(prisma, params),
    listUploads(prisma, "SSCL_FAILED_PAYMENTS"),
    uploadResultFromParam(prisma, raw.upload, "SSCL_FAILED_PAYMENTS"),
  ]);
  const waiting = await listPendingBatchActions(prisma, { batchIds: page.runs.flatMap((r) => r.batches.map((b) => b.id)) });
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const filtered = !!(params.from || params.to);
  return (
    <>
      <PageHeading caption="Payments">Bank admin</PageHeading>
      <MissedDownloadsBanner missed={missed} />
      <p className="mb-6 max-w-2xl">
        Download each run&apos;s AccessPay file and ADI journal for the bank. Every download is recorded. A bank payment counts as
        paid when no failure is reported 5 working days after its AccessPay file was first downloaded. The{" "}
        <Link href="/runs" className="text-link underline">
          run history
        </Link>{" "}
        also lists runs that made no files.
      </p>

      {mayUse(routes.uploadFailedPayments, user.role) && (
        <section aria-labelledby="failed-heading" className="mb-10">
          <UploadSection
            title="Upload failed payments"
            headingId="failed-heading"
            hint="The failed lines of an AccessPay file: sort code, account number, name, amount, reference, and optionally the reason. The whole file is checked first; if any row is wrong, nothing is changed."
            kind="SSCL_FAILED_PAYMENTS"
            uploads={uploads}
            maxBytes={config().uploadMaxMb * MB}
            initialResult={uploadResult}
          />
        </section>
      )}

      <section aria-labelledby="runs-heading">
        <h2 id="runs-heading" className="mb-4 text-[1.125rem] font-bold sm:text-[1.5rem]">
          Runs with files, newest first
        </h2>
        {problems.length > 0 && <ErrorSummary errors={problems.map((p) => ({ href: `#${p.field}`, text: p.message }))} />}
        <BankAdminFilters raw={{ from: first(raw.from), to: first(raw.to) }} params={params} problems={problems} />
        {page.runs.length === 0 ? (
          <p>{filtered ? "No runs with files in these dates." : "No runs have made files yet."}</p>
        ) : (
          page.runs.map((run) => (
            <RunBatches key={run.id} run={run} mayVoid={mayUse(actions.voidBatch, user.role)} waiting={waiting} />
          ))
        )}
        <KeysetPagination
          previousHref={page.newer ? bankAdminHref(params, { after: page.newer }) : undefined}
          nextHref={page.older ? bankAdminHref(params, { before: page.older }) : undefined}
        />
      </section>
    </>
  );
}
