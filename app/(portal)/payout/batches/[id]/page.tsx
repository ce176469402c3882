import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/back-link";
import { buttonClass } from "@/components/button-styles";
import { formatDate, formatDateTime } from "@/components/format-date";
import { Money } from "@/components/money";
import { PageHeading } from "@/components/page-heading";
import { KeysetPagination } from "@/components/pagination";
import { SummaryList } from "@/components/summary-list";
import { StatusTag, Tag } from "@/components/tag";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { WarningText } from "@/components/warning-text";
import { mayUse, pages, routes } from "@/lib/auth/access";
import { requirePage } from "@/lib/auth/guards";
import { listPendingBatchActions } from "@/lib/batches/batch-actions/list-batch-action-requests";
import { prisma } from "@/lib/db";
import { loadPayoutBatch, type PayoutBatchPage } from "@/lib/payout/load-payout-batch";
import { DeliveryPlace } from "../../_components/delivery-place";
import { VoucherCountsList } from "../../_components/voucher-counts";
import { whyDeliveryCannotBeRetried } from "@/lib/payout/retry-payout-delivery";
import { whyPayoutBatchCannotBeReturned } from "@/lib/payout/return-payout-batch";
import { actions } from "@/lib/auth/access";
import { ReturnBatchForm, RetryDeliveryForm, SettleUncertainDeliveryForm } from "./batch-admin-forms";
import { BatchPaymentsTable } from "./batch-payments-table";
import { UploadSection } from "@/components/upload-section";
import { config } from "@/lib/config";
import { MB } from "@/lib/uploads/upload-limits";
import { uploadResultFromParam } from "../../../_actions/upload-result";
import { loadBatchReconciliations } from "@/lib/batches/reconciliation/load-batch-reconciliations";
import { BatchProgressTag, BatchReconciliation } from "../../../bank-admin/_components/batch-reconciliation";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const lineNo = (v: string | string[] | undefined) => {
  const s = Array.isArray(v) ? v[0] : v;
  return s && /^\d{1,9}$/.test(s) ? Number(s) : undefined;
};

function title(batch: Pick<PayoutBatchPage, "businessDate" | "sequenceNo">): string {
  if (!batch.businessDate || batch.sequenceNo === null) return "Payout batch";
  return `Payout batch of ${formatDate(new Date(`${batch.businessDate}T12:00:00Z`))}, number ${String(batch.sequenceNo).padStart(3, "0")}`;
}

export async function generateMetadata(): Promise<Metadata> {
  return { title: "Payout batch" };
}

export default async function PayoutBatchRoute({ params, searchParams }: Params) {
  const user = await requirePage("payoutBatch");
  const { id } = await params;
  const raw = await searchParams;
  const after = lineNo(raw.after);
  const batch = UUID.test(id)
    ? await loadPayoutBatch(prisma, id.toLowerCase(), { after, before: after ? undefined : lineNo(raw.before) })
    : null;
  if (!batch) notFound();
  const [[waiting], reconciliations] = await Promise.all([
    listPendingBatchActions(prisma, { batchIds: [batch.id] }),
    loadBatchReconciliations(prisma, [batch.id]),
  ]);
  const reconciliation = reconciliations.get(batch.id);
  const mayDownload = mayUse(routes.fileDownload, user.role);
  const mayUploadCodes = mayUse(routes.uploadPayoutPaymentCodes, user.role);
  // A form posted without JavaScript comes back here as ?upload=<id>.
  const uploadResult = mayUploadCodes ? await uploadResultFromParam(prisma, raw.upload, "PAYOUT_PAYMENT_CODES") : null;
  const pageHref = (key: "after" | "before", n: number) => `/payout/batches/${batch.id}?${key}=${n}#payments`;

  return (
    <>
      <BackLink href="/payout#batches">All Payout batches</BackLink>
      <PageHeading caption="Payout">{title(batch)}</PageHeading>
      <p className="mb-6">
        {reconciliation ? <BatchProgressTag view={reconciliation} /> : <StatusTag status={batch.status} kind="payoutBatch" />}
      </p>
      {batch.status === "DELIVERY_UNCERTAIN" && (
        <WarningText>
          A delivery of this file may or may not have reached the Post Office, and it is not sent again automatically. Ask the
          Post Office whether they have it, then an administrator confirms it as delivered or returns its payments to waiting.
        </WarningText>
      )}
      {batch.deliveryError && batch.status !== "DELIVERED" && (
        <WarningText>The last delivery failed: {batch.deliveryError}</WarningText>
      )}

      <SummaryList
        rows={[
          { key: "Payments", value: `${batch.paymentCount.toLocaleString("en-GB")}` },
          { key: "Total", value: <Money pence={batch.totalPence} /> },
          { key: "Made", value: `${formatDateTime(batch.createdAt)} by run ${batch.runId}` },
          { key: "Delivered", value: <DeliveryPlace deliveredAt={batch.deliveredAt} target={batch.deliveryTarget} /> },
          ...(batch.status === "VOID"
            ? [
                {
                  key: "Returned",
                  value: `${batch.voidedAt ? formatDateTime(batch.voidedAt) : ""}${batch.voidReason ? `: ${batch.voidReason}` : ""}`,
                },
              ]
            : []),
        ]}
      />

      {waiting && (
        <section aria-labelledby="waiting-heading" className="mt-10 border-l-[10px] border-mid-grey p-[15px]">
          <h2 id="waiting-heading" className="mb-2 text-xl font-bold">
            <Tag colour="yellow">Waiting for a second admin</Tag>
          </h2>
          <p className="mb-0">
            Return to NEW asked by {waiting.requestedBy}, {formatDateTime(waiting.requestedAt)}: {waiting.reason}. Another
            administrator approves or rejects it on{" "}
            <Link href="/admin/approvals" className="text-link underline">
              Approvals
            </Link>
            .
          </p>
        </section>
      )}

      {mayUse(actions.retryPayoutDelivery, user.role) && <AdminActions batch={batch} waiting={!!waiting} />}

      {reconciliation && (
        <div className="mt-10">
          <BatchReconciliation
            view={reconciliation}
            headingLevel={2}
            mayExport={mayUse(routes.batchReconciliationExport, user.role)}
          />
        </div>
      )}

      <h2 className="mt-10 mb-4 text-2xl font-bold">Vouchers</h2>
      <VoucherCountsList counts={batch.counts} />

      {(mayUploadCodes || batch.codeUploads.length > 0) && (
        <section aria-labelledby="codes-heading" className="mt-10">
          <UploadSection
            title="Payment codes for this batch"
            headingId="codes-heading"
            hint="The Payout portal's payment-code file for this batch. The whole file is checked first; if any row is wrong, nothing is changed. Each claimant is sent their code."
            kind="PAYOUT_PAYMENT_CODES"
            uploads={batch.codeUploads}
            maxBytes={config().uploadMaxMb * MB}
            initialResult={uploadResult}
            resultPath="/payout/uploads/"
            readOnly={!mayUploadCodes || batch.status !== "DELIVERED"}
            endpointQuery={`batch=${batch.id}`}
          />
        </section>
      )}

      <h2 className="mt-10 mb-4 text-2xl font-bold">File</h2>
      {batch.file ? (
        <Table caption="The batch's file" captionVisuallyHidden>
          <THead>
            <Tr>
              <Th>File</Th>
              <Th numeric>Lines</Th>
              <Th numeric>Total</Th>
              <Th numeric>Size</Th>
              {mayDownload && (
                <Th>
                  <span className="sr-only">Download</span>
                </Th>
              )}
            </Tr>
          </THead>
          <TBody>
            <Tr>
              <Td>
                <span className="break-all font-bold">{batch.file.fileName}</span>
                <code className="mt-1 block text-sm break-all text-secondary">sha256 {batch.file.sha256}</code>
              </Td>
              <Td numeric>{batch.file.lineCount.toLocaleString("en-GB")}</Td>
              <Td numeric>
                <Money pence={batch.file.totalPence} />
              </Td>
              <Td numeric>{batch.file.byteSize.toLocaleString("en-GB")} bytes</Td>
              {mayDownload && (
                <Td>
                  <a
                    href={`/api/files/${batch.file.id}`}
                    download={batch.file.fileName}
                    className={buttonClass("secondary", { small: true })}
                  >
                    Download<span className="sr-only"> {batch.file.fileName}</span>
                  </a>
                </Td>
              )}
            </Tr>
          </TBody>
        </Table>
      ) : (
        <p>No file stored yet.</p>
      )}

      <h2 className="mt-10 mb-4 text-2xl font-bold">Delivery attempts</h2>
      {batch.deliveries.length === 0 ? (
        <p>No delivery attempted yet.</p>
      ) : (
        <Table caption="Delivery attempts, first first" captionVisuallyHidden>
          <THead>
            <Tr>
              <Th numeric>Attempt</Th>
              <Th>Started</Th>
              <Th>Outcome</Th>
              <Th>Target</Th>
              <Th>By</Th>
            </Tr>
          </THead>
          <TBody>
            {batch.deliveries.map((d) => (
              <Tr key={d.id}>
                <Td numeric>{d.attemptNo}</Td>
                <Td>
                  {formatDateTime(d.startedAt)}
                  {d.finishedAt && <span className="block text-secondary">finished {formatDateTime(d.finishedAt)}</span>}
                </Td>
                <Td>
                  <StatusTag status={d.outcome} kind="delivery" />
                  {d.error && <span className="mt-1 block">{d.error}</span>}
                </Td>
                <Td className="break-all">
                  {d.target}
                  <span className="block text-secondary">
                    {d.fileName}, {d.byteSize.toLocaleString("en-GB")} bytes
                  </span>
                </Td>
                <Td>{d.triggeredBy}</Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}

      <section aria-labelledby="payments-heading" id="payments">
        <h2 id="payments-heading" className="mt-10 mb-4 text-2xl font-bold">
          Payments
        </h2>
        {batch.payments.rows.length === 0 ? (
          <p>No payments on this batch.</p>
        ) : (
          <BatchPaymentsTable rows={batch.payments.rows} mayViewClaims={mayUse(pages.claim.roles, user.role)} />
        )}
        <KeysetPagination
          label="Payment pages"
          previousHref={batch.payments.previous !== undefined ? pageHref("before", batch.payments.previous) : undefined}
          nextHref={batch.payments.next !== undefined ? pageHref("after", batch.payments.next) : undefined}
        />
      </section>
    </>
  );
}

/**
 * An admin's decisions on the batch. Each form is rendered while its step could apply to a batch in
 * this state and hidden (keeping its outcome) once it no longer does.
 */
function AdminActions({ batch, waiting }: { batch: PayoutBatchPage; waiting: boolean }) {
  const canRetry = whyDeliveryCannotBeRetried({ method: "CASH", status: batch.status, runStatus: batch.runStatus }) === null;
  const uncertain = batch.status === "DELIVERY_UNCERTAIN";
  const canReturn =
    !uncertain &&
    !waiting &&
    batch.counts.unsettled > 0 &&
    whyPayoutBatchCannotBeReturned({
      id: batch.id,
      method: "CASH",
      status: batch.status,
      runId: batch.runId,
      runStatus: batch.runStatus,
    }) === null;
  return (
    <section aria-labelledby="admin-heading" className="mt-10">
      <h2 id="admin-heading" className="mb-4 text-2xl font-bold">
        Admin
      </h2>
      {!canRetry && !uncertain && !canReturn && <p className="mb-4">Nothing to do: the batch needs no admin decision now.</p>}
      {canRetry && (
        <p className="mb-4">
          The delivery failed and its run stopped. Retrying sends the same stored file again; the next Payout run would do the
          same.
        </p>
      )}
      <RetryDeliveryForm batchId={batch.id} showForm={canRetry} />
      {uncertain && (
        <p className="mb-4">Settle the uncertain delivery with the Post Office: nothing is sent again until you do.</p>
      )}
      <SettleUncertainDeliveryForm batchId={batch.id} showForm={uncertain} />
      <ReturnBatchForm batchId={batch.id} showForm={canReturn} delivered={batch.status === "DELIVERED"} />
    </section>
  );
}
