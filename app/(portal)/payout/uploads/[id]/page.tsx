import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/back-link";
import { formatDate, formatDateTime } from "@/components/format-date";
import { Money } from "@/components/money";
import { SuccessMessage } from "@/components/notification-from-result";
import { PageHeading } from "@/components/page-heading";
import { SummaryList } from "@/components/summary-list";
import { StatusTag } from "@/components/tag";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { WarningText } from "@/components/warning-text";
import { actions, mayDownloadErrorReport, mayUse, pages } from "@/lib/auth/access";
import type { CurrentUser } from "@/lib/auth/current-user";
import { requirePage } from "@/lib/auth/guards";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { loadPaymentCodesResult, type PaymentCodesResult } from "@/lib/payout/payment-codes/load-payment-codes-result";
import {
  loadReconciliationResult,
  type ReconciliationResult,
  type ReconciliationRowView,
} from "@/lib/payout/reconciliation/load-reconciliation-result";
import { createFileStore } from "@/lib/storage";
import { loadUploadResult } from "../../../_actions/upload-result";
import { SettleVoucherForm } from "./settle-voucher-form";

export const metadata: Metadata = { title: "Payout upload" };
export const dynamic = "force-dynamic";

type Params = { params: Promise<{ id: string }> };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const n = (value: number) => value.toLocaleString("en-GB");

/** What one payment-code or reconciliation upload did (docs/domain.md#payout-pages). */
export default async function PayoutUploadPage({ params }: Params) {
  const user = await requirePage("payoutUpload");
  const { id } = await params;
  const upload = UUID.test(id)
    ? await prisma.upload.findUnique({ where: { id: id.toLowerCase() }, select: { id: true, kind: true } })
    : null;
  if (!upload || (upload.kind !== "PAYOUT_PAYMENT_CODES" && upload.kind !== "PAYOUT_RECONCILIATION")) notFound();
  const result = await loadUploadResult(prisma, upload.id, upload.kind);
  const codes =
    upload.kind === "PAYOUT_PAYMENT_CODES" ? await loadPaymentCodesResult(prisma, createFileStore(config()), upload.id) : null;
  const reconciliation =
    upload.kind === "PAYOUT_RECONCILIATION"
      ? await loadReconciliationResult(prisma, { uploadId: upload.id, now: new Date() })
      : null;
  const summary = codes?.upload ?? reconciliation?.upload;
  if (!summary) notFound();
  const mayViewClaims = mayUse(pages.claim.roles, user.role);

  return (
    <>
      <BackLink href="/payout">Payout</BackLink>
      <PageHeading caption={codes ? "Payment codes" : "Reconciliation report"}>{summary.fileName}</PageHeading>
      <SuccessMessage result={result} />
      {result && !result.ok && <WarningText>{result.message}</WarningText>}
      <SummaryList
        rows={[
          { key: "Outcome", value: <StatusTag status={summary.status} kind="upload" /> },
          { key: "Uploaded", value: `${formatDateTime(summary.uploadedAt)} by ${summary.uploadedBy}` },
          {
            key: "Rows",
            value: `${n(summary.rows)}: ${n(summary.matched)} ${codes ? "codes stored" : "outcomes recorded"}, ${n(summary.unchanged)} unchanged, ${n(summary.errors)} with errors`,
          },
        ]}
      />
      {summary.errors > 0 && mayDownloadErrorReport(upload.kind, user.role) && (
        <p className="mb-8">
          <a href={`/api/uploads/${upload.id}/error-report`} download className="font-bold text-link underline">
            Download the rows with an Error column (CSV)
          </a>
        </p>
      )}
      {codes && <PaymentCodes result={codes} mayViewClaims={mayViewClaims} />}
      {reconciliation && <Reconciliation result={reconciliation} user={user} mayViewClaims={mayViewClaims} />}
    </>
  );
}

function ClaimLink({ reference, mayViewClaims }: { reference: string | null; mayViewClaims: boolean }) {
  if (!reference) return null;
  if (!mayViewClaims) return <span className="block text-secondary">Claim {reference}</span>;
  return (
    <Link href={`/claims/${reference}#voucher`} className="block text-link underline">
      Claim {reference}
    </Link>
  );
}

/** The file next to its batch, and the batch's vouchers that still have no code. */
function PaymentCodes({ result, mayViewClaims }: { result: PaymentCodesResult; mayViewClaims: boolean }) {
  const { file, batch } = result;
  return (
    <>
      <h2 className="mt-10 mb-4 text-2xl font-bold">The file and its batch</h2>
      {batch ? (
        <Table caption="The file's rows and total beside the batch's payments and total" captionVisuallyHidden>
          <THead>
            <Tr>
              <Th>
                <span className="sr-only">Source</span>
              </Th>
              <Th numeric>Payments</Th>
              <Th numeric>Total</Th>
            </Tr>
          </THead>
          <TBody>
            <Tr>
              <Th scope="row">This file</Th>
              <Td numeric>{n(file.count)}</Td>
              <Td numeric>
                <Money pence={file.totalPence} />
              </Td>
            </Tr>
            <Tr>
              <Th scope="row">
                <Link href={`/payout/batches/${batch.id}`} className="text-link underline">
                  The batch{batch.fileName ? ` (${batch.fileName})` : ""}
                </Link>
              </Th>
              <Td numeric>{n(batch.count)}</Td>
              <Td numeric>
                <Money pence={batch.totalPence} />
              </Td>
            </Tr>
            <Tr>
              <Th scope="row">The batch&apos;s payments with a code</Th>
              <Td numeric>{n(batch.coded)}</Td>
              <Td numeric />
            </Tr>
          </TBody>
        </Table>
      ) : (
        <p className="mb-6">
          The file has {n(file.count)} readable rows (<Money pence={file.totalPence} />) and names no Payout batch.
        </p>
      )}
      {batch && (
        <>
          <h2 className="mt-10 mb-4 text-2xl font-bold">Payments still without a code</h2>
          {result.withoutCodeCount === 0 ? (
            <p>Every sent payment of the batch has a code.</p>
          ) : (
            <>
              <p className="mb-4">
                {n(result.withoutCodeCount)} sent {result.withoutCodeCount === 1 ? "payment has" : "payments have"} no code: the
                Post Office may have rejected {result.withoutCodeCount === 1 ? "its line" : "their lines"}.
                {result.withoutCodeCount > result.withoutCode.length && ` The first ${n(result.withoutCode.length)} are listed.`}
              </p>
              <Table caption="Sent payments of the batch with no code" captionVisuallyHidden>
                <THead>
                  <Tr>
                    <Th>Payment</Th>
                    <Th numeric>Amount</Th>
                  </Tr>
                </THead>
                <TBody>
                  {result.withoutCode.map((p) => (
                    <Tr key={p.paymentId}>
                      <Td>
                        <strong>{p.reference}</strong>
                        <ClaimLink reference={p.claimReference} mayViewClaims={mayViewClaims} />
                      </Td>
                      <Td numeric>
                        <Money pence={p.amountPence} />
                      </Td>
                    </Tr>
                  ))}
                </TBody>
              </Table>
            </>
          )}
        </>
      )}
    </>
  );
}

const ROW_SECTIONS = [
  ["MATCHED", "Matched rows", "Rows that recorded an outcome"],
  ["UNCHANGED", "Unchanged rows", "Rows already recorded"],
  ["ERROR", "Rows with errors", "Rows with errors"],
] as const;

function Reconciliation({
  result,
  user,
  mayViewClaims,
}: {
  result: ReconciliationResult;
  user: CurrentUser;
  mayViewClaims: boolean;
}) {
  const maySettle = mayUse(actions.settleVoucherStatus, user.role);
  return (
    <>
      <h2 className="mt-10 mb-4 text-2xl font-bold">Vouchers updated</h2>
      <SummaryList
        rows={[
          { key: "Cashed", value: n(result.moved.CASHED) },
          { key: "Expired", value: n(result.moved.EXPIRED) },
          { key: "Cancelled by the Post Office", value: n(result.moved.CANCELLED) },
        ]}
      />
      {ROW_SECTIONS.map(([outcome, title, caption]) => {
        const rows = result.rows[outcome];
        const total =
          outcome === "MATCHED"
            ? result.upload.matched
            : outcome === "UNCHANGED"
              ? result.upload.unchanged
              : result.upload.errors;
        if (total === 0) return null;
        return (
          <section key={outcome} aria-labelledby={`rows-${outcome}`}>
            <h2 id={`rows-${outcome}`} className="mt-10 mb-4 text-2xl font-bold">
              {title}
            </h2>
            {total > rows.length && (
              <p className="mb-4">
                The first {n(rows.length)} of {n(total)}.
              </p>
            )}
            <RowsTable
              rows={rows}
              caption={caption}
              mayViewClaims={mayViewClaims}
              settle={outcome === "ERROR" && maySettle ? result.upload.id : null}
            />
          </section>
        );
      })}
      <h2 className="mt-10 mb-4 text-2xl font-bold">Vouchers outstanding past their expiry</h2>
      {result.outstanding.count === 0 ? (
        <p>No sent voucher is past its last day: the Post Office has reported on every one that expired.</p>
      ) : (
        <>
          <p className="mb-4">
            {n(result.outstanding.count)} sent {result.outstanding.count === 1 ? "voucher is" : "vouchers are"} past the last day
            to cash {result.outstanding.count === 1 ? "it" : "them"} with no outcome from the Post Office yet, oldest first.
          </p>
          <Table caption="Sent vouchers past their expiry with no outcome" captionVisuallyHidden>
            <THead>
              <Tr>
                <Th>Payment</Th>
                <Th numeric>Amount</Th>
                <Th>Last day to cash</Th>
              </Tr>
            </THead>
            <TBody>
              {result.outstanding.vouchers.map((v) => (
                <Tr key={v.paymentId}>
                  <Td>
                    <strong>{v.reference}</strong>
                    <ClaimLink reference={v.claimReference} mayViewClaims={mayViewClaims} />
                  </Td>
                  <Td numeric>
                    <Money pence={v.amountPence} />
                  </Td>
                  <Td>{formatDate(new Date(`${v.voucherExpiresOn}T12:00:00Z`))}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </>
      )}
    </>
  );
}

/** The status a conflicting row reports, read from its message (lib/payout/match-reconciliation.ts words it). */
function conflictingStatus(message: string | null): "CASHED" | "EXPIRED" | "CANCELLED" | null {
  const match = message
    ? /is already (?:CASHED|EXPIRED|CANCELLED) and this file says (CASHED|EXPIRED|CANCELLED)/.exec(message)
    : null;
  return match ? (match[1] as "CASHED" | "EXPIRED" | "CANCELLED") : null;
}

/** A conflicting row names its voucher: an admin may accept the Post Office's status there. */
function RowsTable({
  rows,
  caption,
  mayViewClaims,
  settle,
}: {
  rows: ReconciliationRowView[];
  caption: string;
  mayViewClaims: boolean;
  /** The upload's id when an admin may settle conflicting rows here. */
  settle: string | null;
}) {
  return (
    <Table caption={caption} captionVisuallyHidden>
      <THead>
        <Tr>
          <Th numeric>Line</Th>
          <Th>Payment</Th>
          <Th>What happened</Th>
        </Tr>
      </THead>
      <TBody>
        {rows.map((r) => (
          <Tr key={r.lineNo}>
            <Td numeric>{r.lineNo === 0 ? "Whole file" : r.lineNo}</Td>
            <Td>
              {r.paymentReference && <strong>{r.paymentReference}</strong>}
              <ClaimLink reference={r.claimReference} mayViewClaims={mayViewClaims} />
            </Td>
            <Td>
              {r.message ?? ""}
              {settle && r.paymentId && r.paymentReference && conflictingStatus(r.message) && (
                <div className="mt-3">
                  <SettleVoucherForm
                    uploadId={settle}
                    paymentId={r.paymentId}
                    paymentReference={r.paymentReference}
                    reported={conflictingStatus(r.message)!}
                  />
                </div>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
