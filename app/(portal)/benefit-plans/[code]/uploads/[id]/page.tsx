import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/back-link";
import { formatDateTime } from "@/components/format-date";
import { KeysetPagination } from "@/components/pagination";
import { PageHeading } from "@/components/page-heading";
import { SummaryList, type SummaryListRow } from "@/components/summary-list";
import { StatusTag, Tag } from "@/components/tag";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { FileProblems } from "@/components/upload-form";
import { WarningText } from "@/components/warning-text";
import { mayDownloadErrorReport } from "@/lib/auth/access";
import { requirePage } from "@/lib/auth/guards";
import { bankDetailsKey } from "@/lib/crypto/bank-details-key";
import { prisma } from "@/lib/db";
import { loadEnrolmentFile, type EnrolmentFileChange } from "@/lib/plans/enrolments/enrolment-file/load-enrolment-file";
import { PAYMENT_METHOD_LABELS } from "@/lib/plans/enrolments/payment-method-labels";
import { loadUploadResult } from "../../../../_actions/upload-result";
import { DecideFileForm } from "./decide-file-form";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ code: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Enrolment file" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const n = (value: number) => value.toLocaleString("en-GB");
const plural = (count: number, one: string, many: string) => `${n(count)} ${count === 1 ? one : many}`;

/**
 * One enrolment file (docs/enrolment-file.md): what it did, and what it left waiting for a second
 * plan manager, who sees the new bank details in full and approves or rejects them all at once.
 */
export default async function EnrolmentFilePage({ params, searchParams }: Props) {
  const user = await requirePage("benefitPlanUpload");
  const { code, id } = await params;
  const query = await searchParams;
  const line = (value: unknown) => (typeof value === "string" && /^\d{1,9}$/.test(value) ? Number(value) : undefined);
  const page = UUID.test(id)
    ? await loadEnrolmentFile({
        db: prisma,
        key: bankDetailsKey(),
        planCode: decodeURIComponent(code),
        uploadId: id.toLowerCase(),
        viewer: user,
        after: line(query.after),
        before: line(query.before),
      })
    : null;
  if (!page) notFound();
  const { upload, applied, waiting } = page;
  const planCode = decodeURIComponent(code).toUpperCase();
  const base = `/benefit-plans/${planCode}/uploads/${upload.id}`;
  const result = upload.status === "REJECTED" ? await loadUploadResult(prisma, upload.id, "ENROLMENT") : null;
  const waitingCount = waiting.bankDetails + waiting.paymentMethods;
  const uploadedByMe = upload.uploadedBy.id === user.id;

  const rows: SummaryListRow[] = [
    { key: "Outcome", value: <StatusTag status={upload.status} kind="upload" /> },
    { key: "Uploaded", value: `${formatDateTime(upload.uploadedAt)} by ${upload.uploadedBy.name}` },
    {
      key: "Rows",
      value: `${n(upload.rows)}: ${n(upload.matched)} new or changed, ${n(upload.unchanged)} unchanged, ${n(upload.errors)} with errors`,
    },
  ];
  if (applied) {
    rows.push(
      { key: "New people", value: n(applied.newPeople) },
      { key: "New enrolments", value: n(applied.newEnrolments) },
      { key: "Attribute values recorded", value: n(applied.attributeSets) },
      { key: "Payment methods proposed", value: n(applied.paymentMethods) },
      { key: "Bank details proposed", value: n(applied.bankDetails) },
      { key: "Payments held", value: n(applied.heldPayments) },
    );
  }
  if (upload.message) rows.push({ key: "Problem", value: upload.message });

  return (
    <>
      <BackLink href={`/benefit-plans/${planCode}/uploads`}>Enrolment files of {planCode}</BackLink>
      <PageHeading caption={`Enrolment file of ${planCode}`}>{upload.fileName}</PageHeading>
      {result && !result.ok && <WarningText>{result.message}</WarningText>}
      <SummaryList rows={rows} />
      {result && <FileProblems result={result} />}
      {!result && upload.errors > 0 && mayDownloadErrorReport("ENROLMENT", user.role) && (
        <p className="mb-8">
          <a href={`/api/uploads/${upload.id}/error-report`} download className="font-bold text-link underline">
            Download the rows with an Error column (CSV)
          </a>
        </p>
      )}

      {page.decisions.length > 0 && (
        <section aria-labelledby="decisions-heading">
          <h2 id="decisions-heading" className="mb-4 text-2xl font-bold">
            Decisions
          </h2>
          <ul className="mb-8 space-y-2">
            {page.decisions.map((d) => (
              <li key={d.at.toISOString()}>
                {d.approved ? "Approved" : "Rejected"} by {d.by}, {formatDateTime(d.at)}:{" "}
                {plural(d.counts.bankDetails, "person's bank details", "people's bank details")},{" "}
                {plural(d.counts.paymentMethods, "payment method", "payment methods")};{" "}
                {plural(d.counts.releasedPayments, "payment", "payments")} released.
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="waiting-heading">
        <h2 id="waiting-heading" className="mb-4 text-2xl font-bold">
          Waiting for a second plan manager
        </h2>
        {waitingCount === 0 ? (
          <p className="mb-8">Nothing from this file is waiting for a decision.</p>
        ) : (
          <>
            <p className="mb-4">
              {plural(waiting.bankDetails, "person's new bank details", "people's new bank details")} and{" "}
              {plural(waiting.paymentMethods, "payment method", "payment methods")} (
              {plural(waiting.firstMethods, "a new enrolment's first", "new enrolments' first")}) wait. The payments they concern
              are on hold until they are decided. A new enrolment&apos;s first payment method can be approved but not rejected:
              rejecting the file leaves it waiting.
            </p>
            {page.mayDecide && (
              <>
                <p className="mb-4">
                  The bank details are shown in full so that you can check them against what the people gave. You can also decide
                  each one on the person&apos;s page.
                </p>
                <DecideFileForm planCode={planCode} uploadId={upload.id} count={plural(waitingCount, "change", "changes")} />
              </>
            )}
            {uploadedByMe && (
              <p className="mb-4">You uploaded this file, so another plan manager must approve or reject its changes.</p>
            )}
            <ChangesTable planCode={planCode} changes={page.changes} />
            <KeysetPagination
              label="Waiting changes pages"
              previousHref={page.previousBefore ? `${base}?before=${page.previousBefore}` : undefined}
              nextHref={page.nextAfter ? `${base}?after=${page.nextAfter}` : undefined}
            />
          </>
        )}
      </section>
    </>
  );
}

function ChangesTable({ planCode, changes }: { planCode: string; changes: EnrolmentFileChange[] }) {
  if (changes.length === 0) return null;
  return (
    <Table caption="Waiting changes, in the file's order" captionVisuallyHidden>
      <THead>
        <Tr>
          <Th numeric>Line</Th>
          <Th>Person</Th>
          <Th>New bank details</Th>
          <Th>Payment method</Th>
        </Tr>
      </THead>
      <TBody>
        {changes.map((c) => (
          <Tr key={c.lineNo}>
            <Td numeric>{c.lineNo}</Td>
            <Td>
              <Link href={`/benefit-plans/${planCode}/beneficiaries/${c.personReference}`} className="text-link underline">
                {c.name}
              </Link>
              <span className="block text-secondary">{c.personReference}</span>
            </Td>
            <Td>
              {c.bankDetails ? (
                <>
                  <span className="block">{c.bankDetails.nameOnAccount}</span>
                  <span className="block tabular-nums">
                    {c.bankDetails.sortCode} {c.bankDetails.accountNumber}
                  </span>
                  {c.bankDetails.rollNumber && <span className="block">Roll number {c.bankDetails.rollNumber}</span>}
                  {!c.bankDetails.passesModulusCheck && <Tag colour="red">Fails the modulus check</Tag>}
                </>
              ) : (
                <span className="text-secondary">No change</span>
              )}
            </Td>
            <Td>
              {c.method ? (
                c.method.first ? (
                  <>
                    {PAYMENT_METHOD_LABELS[c.method.to]} <span className="block text-secondary">New enrolment</span>
                  </>
                ) : (
                  `${PAYMENT_METHOD_LABELS[c.method.from]} to ${PAYMENT_METHOD_LABELS[c.method.to].toLowerCase()}`
                )
              ) : (
                <span className="text-secondary">No change</span>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
