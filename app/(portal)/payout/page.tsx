import type { Metadata } from "next";
import { PageHeading } from "@/components/page-heading";
import { KeysetPagination } from "@/components/pagination";
import { UploadSection } from "@/components/upload-section";
import { mayUse, routes } from "@/lib/auth/access";
import { requirePage } from "@/lib/auth/guards";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import type { UploadKind } from "@/lib/generated/prisma/enums";
import { listExpiredVouchers } from "@/lib/payout/list-expired-vouchers";
import { listPayoutBatches } from "@/lib/payout/list-payout-batches";
import { listUploads } from "@/lib/uploads/list-uploads";
import { MB } from "@/lib/uploads/upload-limits";
import { uploadResultFromParam } from "../_actions/upload-result";
import { ExpiredVouchersTable } from "./_components/expired-vouchers-table";
import { PayoutBatchesTable } from "./_components/payout-batches-table";
import { parsePayoutParams, payoutHref } from "./payout-params";

export const metadata: Metadata = { title: "Payout" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const PAYOUT_UPLOADS = ["PAYOUT_PAYMENT_CODES", "PAYOUT_RECONCILIATION"] as const satisfies UploadKind[];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A form posted without JavaScript comes back as ?upload=<id>: its result goes beside the form it came from. */
async function noScriptResults(param: string | string[] | undefined) {
  const id = Array.isArray(param) ? param[0] : param;
  const upload = id && UUID.test(id) ? await prisma.upload.findUnique({ where: { id }, select: { kind: true } }) : null;
  const results = await Promise.all(
    PAYOUT_UPLOADS.map((kind) => (upload?.kind === kind ? uploadResultFromParam(prisma, id, kind) : null)),
  );
  return { PAYOUT_PAYMENT_CODES: results[0], PAYOUT_RECONCILIATION: results[1] };
}

export default async function PayoutPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePage("payout");
  const raw = await searchParams;
  const params = parsePayoutParams(raw);
  const mayUploadCodes = mayUse(routes.uploadPayoutPaymentCodes, user.role);
  const mayUploadReconciliation = mayUse(routes.uploadPayoutReconciliation, user.role);
  const [batches, queue, codeUploads, reconciliationUploads, results] = await Promise.all([
    listPayoutBatches(prisma, { before: params.before, after: params.after }),
    listExpiredVouchers(prisma, { after: params.queueAfter, before: params.queueBefore }),
    listUploads(prisma, "PAYOUT_PAYMENT_CODES"),
    listUploads(prisma, "PAYOUT_RECONCILIATION"),
    noScriptResults(raw.upload),
  ]);
  const maxBytes = config().uploadMaxMb * MB;
  return (
    <>
      <PageHeading caption="Payments">Payout</PageHeading>
      <p className="mb-8 max-w-2xl">
        Cash claims are paid with Post Office vouchers. Each Payout run sends a file of vouchers to the Post Office; its
        payment-code file gives each voucher a code for the claimant, and its daily reconciliation report says which were cashed,
        expired or cancelled.
      </p>

      <section aria-labelledby="queue-heading" id="queue" className="mb-12">
        <h2 id="queue-heading" className="mb-4 text-[1.125rem] font-bold sm:text-[1.5rem]">
          Vouchers to reissue
        </h2>
        <p className="mb-4 max-w-2xl">
          Vouchers the Post Office reported expired or cancelled, oldest first. Open the claim to send a new voucher or, where the
          claimant has approved bank details, pay by bank transfer instead.
        </p>
        {queue.vouchers.length === 0 ? (
          <p>No vouchers are waiting to be reissued.</p>
        ) : (
          <ExpiredVouchersTable vouchers={queue.vouchers} />
        )}
        <KeysetPagination
          label="Vouchers to reissue pages"
          previousHref={queue.previous ? payoutHref(params, { queueBefore: queue.previous }, "queue") : undefined}
          nextHref={queue.next ? payoutHref(params, { queueAfter: queue.next }, "queue") : undefined}
        />
      </section>

      <section aria-labelledby="codes-heading" className="mb-12">
        <UploadSection
          title="Payment codes"
          headingId="codes-heading"
          hint="The Payout portal's payment-code file for one batch: the payment file with a 13-character code added to each line. The whole file is checked first; if any row is wrong, nothing is changed. Each claimant is sent their code."
          kind="PAYOUT_PAYMENT_CODES"
          uploads={codeUploads}
          maxBytes={maxBytes}
          initialResult={results.PAYOUT_PAYMENT_CODES}
          resultPath="/payout/uploads/"
          readOnly={!mayUploadCodes}
        />
      </section>

      <section aria-labelledby="reconciliation-heading" className="mb-12">
        <UploadSection
          title="Reconciliation report"
          headingId="reconciliation-heading"
          hint="The Post Office's daily report, with a header row: Reference, Payment Code, Amount, Status (CASHED, EXPIRED or CANCELLED) and Status Date. Rows already recorded are unchanged. The whole file is checked first; if any row is wrong, nothing is changed."
          kind="PAYOUT_RECONCILIATION"
          uploads={reconciliationUploads}
          maxBytes={maxBytes}
          initialResult={results.PAYOUT_RECONCILIATION}
          resultPath="/payout/uploads/"
          readOnly={!mayUploadReconciliation}
        />
      </section>

      <section aria-labelledby="batches-heading" id="batches">
        <h2 id="batches-heading" className="mb-4 text-[1.125rem] font-bold sm:text-[1.5rem]">
          Batches, newest first
        </h2>
        {batches.batches.length === 0 ? (
          <p>No Payout batches yet. A Payout run makes them from approved cash claims.</p>
        ) : (
          <PayoutBatchesTable batches={batches.batches} />
        )}
        <KeysetPagination
          label="Batch pages"
          previousHref={batches.newer ? payoutHref(params, { after: batches.newer }, "batches") : undefined}
          nextHref={batches.older ? payoutHref(params, { before: batches.older }, "batches") : undefined}
        />
      </section>
    </>
  );
}
