import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { z } from "zod";
import { BackLink } from "@/components/back-link";
import { buttonClass } from "@/components/button-styles";
import { formatDate } from "@/components/format-date";
import { InsetText } from "@/components/inset-text";
import { PageHeading } from "@/components/page-heading";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { WarningText } from "@/components/warning-text";
import { requirePage } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { subjectAccessSummary, type SubjectAccessSummary } from "@/lib/subject-access/subject-access-summary";

// What a person's subject-access export holds, and the button that downloads it
// (docs/security.md#personal-data-over-time). Admins only; the download is audited.

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Subject-access export" };

type Params = { params: Promise<{ id: string }> };

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

function contents(counts: SubjectAccessSummary["counts"]): [string, string][] {
  return [
    ["README.txt", "A list of the files, when the export was made, and how bank details are masked"],
    ["person.json", "Name, date of birth, contact details, address, bank details (sort code and account masked)"],
    ["claims.csv", plural(counts.claims, "claim", "claims")],
    ["expense-lines.csv", plural(counts.expenseLines, "expense line and its decision", "expense lines and their decisions")],
    ["payments.csv", plural(counts.payments, "payment", "payments")],
    ["messages.csv", `${plural(counts.messages, "message", "messages")}, as the person received them`],
    ["enrolments.csv", plural(counts.enrolments, "enrolment in a benefit plan", "enrolments in benefit plans")],
    ["documents/", plural(counts.documents, "document sent with a claim", "documents sent with claims")],
  ];
}

export default async function SubjectAccessPage({ params }: Params) {
  await requirePage("claimantSubjectAccess");
  const { id } = await params;
  const person = z.uuid().safeParse(id).success ? await subjectAccessSummary(prisma, id.toLowerCase()) : null;
  if (!person) notFound();

  return (
    <>
      <BackLink href={`/claimants/${person.id}`}>Back to the person</BackLink>
      <PageHeading caption={`${person.name || "Erased person"}${person.reference ? ` (${person.reference})` : ""}`}>
        Subject-access export
      </PageHeading>
      <p className="mb-4 max-w-3xl">
        Everything the portal holds about this person, as a zip file, to answer a subject-access request under UK GDPR.
      </p>
      {person.erasedAt && (
        <WarningText>
          Erased on {formatDate(person.erasedAt)}: this person&apos;s personal details were erased under the retention policy. The
          export holds what is kept: their reference and financial records.
        </WarningText>
      )}

      <Table caption="What the zip file holds">
        <THead>
          <Tr>
            <Th>File</Th>
            <Th>Contents</Th>
          </Tr>
        </THead>
        <TBody>
          {contents(person.counts).map(([file, what]) => (
            <Tr key={file}>
              <Td className="font-mono">{file}</Td>
              <Td>{what}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>

      <InsetText>
        <p>Your download is recorded in the audit log with your name and the time. Send the file only to the person, securely.</p>
      </InsetText>
      <a href={`/api/claimants/${person.id}/subject-access.zip`} download className={buttonClass()}>
        Download the zip file
      </a>
    </>
  );
}
