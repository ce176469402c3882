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
import { UploadFailures } from "./_components/upload-failures";
import { loadBatchReconciliations } from "@/lib/batches/reconciliation/load-batch-reconciliations";
import { FAILURES_ON_PAGE, loadFailedByUpload } from "@/lib/direct-payments/failed-payments/load-failed-payments-result";

export const metadata: Metadata = { title: "Bank admin" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function BankAdminPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePage("bankAdmin");
  const raw = await searchParams;
  const { params, problems } = parseBankAdminParams(raw);
  const now = new Date();
  // ?upload=<id> is an upload's own page: its result, and every payment it failed.
  const [missed, page, uploads, uploadResult] = await Promise.all([
    loadBankHolidays(prisma).then((holidays) => loadMissedDownloads(prisma, now, holidays)),
    listBankAdminRuns(prisma, params),
    listUploads(prisma, "SSCL_FAILED_PAYMENTS"),
    uploadResultFromParam(prisma, raw.upload, "SSCL_FAILED_PAYMENTS"),
  ]);
  const batchIds = page.runs.flatMap((r) => r.batches.map((b) => b.id));
  const uploadId = uploadResult?.ok && uploadResult.data?.status === "APPLIED" ? uploadResult.data.uploadId : null;
  const [waiting, reconciliations, uploadFailures] = await Promise.all([
    listPendingBatchActions(prisma, { batchIds }),
    loadBatchReconciliations(prisma, batchIds),
    uploadId ? loadFailedByUpload(prisma, uploadId, FAILURES_ON_PAGE + 1) : Promise.resolve([]),
  ]);
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const filtered = !!(params.from || params.to);
  const mayUpload = mayUse(routes.uploadFailedPayments, user.role);
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
        {mayUpload && (
          <>
            {" "}
            <a href="#failed-heading" className="text-link underline">
              Upload failed payments
            </a>{" "}
            below the files.
          </>
        )}
      </p>

      <section aria-labelledby="runs-heading" className="mb-10">
        <h2 id="runs-heading" className="mb-4 text-[1.125rem] font-bold sm:text-[1.5rem]">
          Runs with files, newest first
        </h2>
        {problems.length > 0 && <ErrorSummary errors={problems.map((p) => ({ href: `#${p.field}`, text: p.message }))} />}
        <BankAdminFilters raw={{ from: first(raw.from), to: first(raw.to) }} params={params} problems={problems} />
        {page.runs.length === 0 ? (
          <p>{filtered ? "No runs with files in these dates." : "No runs have made files yet."}</p>
        ) : (
          page.runs.map((run) => (
            <RunBatches
              key={run.id}
              run={run}
              mayVoid={mayUse(actions.voidBatch, user.role)}
              mayExport={mayUse(routes.batchReconciliationExport, user.role)}
              waiting={waiting}
              reconciliations={reconciliations}
            />
          ))
        )}
        <KeysetPagination
          previousHref={page.newer ? bankAdminHref(params, { after: page.newer }) : undefined}
          nextHref={page.older ? bankAdminHref(params, { before: page.older }) : undefined}
        />
      </section>

      {mayUpload && (
        <section aria-labelledby="failed-heading" className="mb-10 border-t border-mid-grey pt-5">
          <UploadSection
            title="Upload failed payments"
            headingId="failed-heading"
            hint="SSCL's file of the AccessPay lines the bank did not pay, with no header row: sort code, account number, name, amount, reference, and optionally the reason. The whole file is checked first; if any row is wrong, nothing is changed."
            kind="SSCL_FAILED_PAYMENTS"
            uploads={uploads}
            maxBytes={config().uploadMaxMb * MB}
            initialResult={uploadResult}
            resultPath="/bank-admin?upload="
          />
          {uploadFailures.length > 0 && <UploadFailures failures={uploadFailures} />}
        </section>
      )}
    </>
  );
}
