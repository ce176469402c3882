import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/back-link";
import { formatDateTime } from "@/components/format-date";
import { InsetText } from "@/components/inset-text";
import { PageHeading } from "@/components/page-heading";
import { StatusTag, Tag } from "@/components/tag";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { UploadForm } from "@/components/upload-form";
import { mayUse, routes } from "@/lib/auth/access";
import { requirePage } from "@/lib/auth/guards";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { findBenefitPlan } from "@/lib/plans/benefit-plans/load-benefit-plan";
import { enrolmentFileColumns } from "@/lib/plans/enrolments/enrolment-file/enrolment-columns";
import { listEnrolmentFiles } from "@/lib/plans/enrolments/enrolment-file/list-enrolment-files";
import { describeBytes, MB } from "@/lib/uploads/upload-limits";
import { uploadResultFromParam } from "../../../_actions/upload-result";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  return { title: `Enrolment files of ${decodeURIComponent((await params).code).toUpperCase()}` };
}

const n = (value: number) => value.toLocaleString("en-GB");

/** A benefit plan's enrolment files (docs/enrolment-file.md): the upload for plan managers, and every file with its outcome. */
export default async function EnrolmentFilesPage({ params, searchParams }: Props) {
  const user = await requirePage("benefitPlanUploads");
  const plan = await findBenefitPlan(prisma, decodeURIComponent((await params).code));
  if (!plan) notFound();
  const mayUpload = mayUse(routes.uploadEnrolment, user.role);
  const [files, result] = await Promise.all([
    listEnrolmentFiles(prisma, plan.id),
    mayUpload ? uploadResultFromParam(prisma, (await searchParams).upload, "ENROLMENT") : Promise.resolve(null),
  ]);
  const base = `/benefit-plans/${plan.code}/uploads/`;

  return (
    <>
      <BackLink href={`/benefit-plans/${plan.code}`}>{plan.name}</BackLink>
      <PageHeading caption={`Benefit plan ${plan.code}`}>Enrolment files</PageHeading>
      <p className="mb-4 max-w-3xl">
        An enrolment file enrols people in this plan, or changes the enrolments of people already in it, many at a time. The whole
        file is checked first: if any row is wrong, nothing is changed, and you can download the rows with an Error column to
        correct them. New or changed bank details and payment methods, a new enrolment&apos;s included, wait for a second plan
        manager; the payments they concern are held until then.
      </p>
      <h2 className="mb-4 text-2xl font-bold">What the file holds</h2>
      <p className="mb-2 max-w-3xl">A CSV file (UTF-8) whose first row names these columns, in any order and in any case:</p>
      <InsetText>
        <span className="break-words">{enrolmentFileColumns(plan.attributes).join(", ")}</span>
      </InsetText>
      <ul className="mb-8 ml-5 max-w-3xl list-disc space-y-1">
        <li>Leave Person Reference blank for someone new; give it (with their name and date of birth) for someone on record.</li>
        <li>Dates as 2026-12-01 or 01/12/2026. Contact Preference EMAIL, SMS or LETTER; Payment Method BANK or CASH.</li>
        <li>
          For someone already enrolled, Enrolled From is the day the row&apos;s attribute values take effect; a row that changes
          nothing is left unchanged.
        </li>
      </ul>

      {mayUpload && (
        <section aria-labelledby="upload-heading">
          <h2 id="upload-heading" className="mb-4 text-2xl font-bold">
            Upload an enrolment file
          </h2>
          <UploadForm
            endpoint={`/api/uploads/enrolment?plan=${encodeURIComponent(plan.code)}`}
            id="enrolment-file"
            label="Enrolment file (CSV)"
            hint={`One row per person, with the header row above. Files of up to ${describeBytes(config().uploadMaxMb * MB)}.`}
            accept=".csv,text/csv"
            submitLabel="Upload and check"
            initialResult={result}
            resultPath={base}
          />
        </section>
      )}

      <section aria-labelledby="files-heading">
        <h2 id="files-heading" className="mb-4 text-2xl font-bold">
          Files uploaded
        </h2>
        {files.length === 0 ? (
          <p className="mb-8">No enrolment files uploaded yet.</p>
        ) : (
          <Table caption="Enrolment files of this plan, newest first" captionVisuallyHidden>
            <THead>
              <Tr>
                <Th>Uploaded</Th>
                <Th>File</Th>
                <Th>Outcome</Th>
                <Th numeric>Rows</Th>
                <Th numeric>New or changed</Th>
                <Th numeric>Unchanged</Th>
                <Th numeric>Errors</Th>
              </Tr>
            </THead>
            <TBody>
              {files.map((f) => (
                <Tr key={f.id}>
                  <Td>
                    {formatDateTime(f.uploadedAt)}
                    <span className="block text-secondary">by {f.uploadedBy}</span>
                  </Td>
                  <Td className="break-all">
                    <a href={`${base}${f.id}`} className="text-link underline">
                      {f.fileName}
                      <span className="sr-only">: the file&apos;s result</span>
                    </a>
                  </Td>
                  <Td>
                    <StatusTag status={f.status} kind="upload" />
                    {f.waiting > 0 && (
                      <div className="mt-1">
                        <Tag colour="orange">{n(f.waiting)} waiting for a second plan manager</Tag>
                      </div>
                    )}
                  </Td>
                  <Td numeric>{n(f.rowCount)}</Td>
                  <Td numeric>{n(f.matched)}</Td>
                  <Td numeric>{n(f.unchanged)}</Td>
                  <Td numeric>{n(f.errors)}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        )}
      </section>
    </>
  );
}
