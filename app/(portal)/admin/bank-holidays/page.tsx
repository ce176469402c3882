import type { Metadata } from "next";
import { formatDate, formatDateTime } from "@/components/format-date";
import { PageHeading } from "@/components/page-heading";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { UploadSection } from "@/components/upload-section";
import { requirePage } from "@/lib/auth/guards";
import { londonDate } from "@/lib/dates/london-date";
import { bankHolidaysUpload } from "@/lib/bank-holidays/import-bank-holidays";
import { listBankHolidays } from "@/lib/bank-holidays/list-bank-holidays";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { listUploads } from "@/lib/uploads/list-uploads";
import { limitsFor } from "@/lib/uploads/receive-upload";
import { MB } from "@/lib/uploads/upload-limits";
import { uploadResultFromParam } from "../../_actions/upload-result";

export const metadata: Metadata = { title: "Bank holidays" };
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function BankHolidaysPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePage("adminBankHolidays");
  const raw = await searchParams;
  const [calendar, uploads, uploadResult] = await Promise.all([
    listBankHolidays(prisma),
    listUploads(prisma, "BANK_HOLIDAYS", 5),
    uploadResultFromParam(prisma, raw.upload, "BANK_HOLIDAYS"),
  ]);
  // Past years are history; the working-day rules only look ahead.
  const thisYear = londonDate(new Date()).slice(0, 4);
  const coming = calendar.holidays.filter((h) => h.date.slice(0, 4) >= thisYear);
  return (
    <>
      <PageHeading caption="Administration">Bank holidays</PageHeading>
      <p className="mb-4 max-w-2xl">
        England and Wales bank holidays decide working days: when a bank payment counts as paid and which runs the missed-download
        banner lists.{" "}
        {calendar.source === "upload" && calendar.lastUpload
          ? `This calendar was uploaded by ${calendar.lastUpload.uploadedBy} on ${formatDateTime(calendar.lastUpload.uploadedAt)} (${calendar.lastUpload.fileName}).`
          : "This is the calendar shipped with the portal."}
      </p>
      <UploadSection
        title="Replace the calendar"
        hint="The file from gov.uk/bank-holidays.json, or the same shape with just england-and-wales. It must cover this year and next. It replaces the whole calendar."
        kind="BANK_HOLIDAYS"
        uploads={uploads}
        maxBytes={limitsFor(bankHolidaysUpload(), config().uploadMaxMb * MB).maxBytes}
        initialResult={uploadResult}
      />
      <Table caption={`Bank holidays from ${thisYear}`}>
        <THead>
          <Tr>
            <Th>Date</Th>
            <Th>Holiday</Th>
          </Tr>
        </THead>
        <TBody>
          {coming.map((h) => (
            <Tr key={h.date}>
              <Td>{formatDate(new Date(`${h.date}T12:00:00Z`))}</Td>
              <Td>{h.title}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </>
  );
}
