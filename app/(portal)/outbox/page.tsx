import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/button";
import { formatDateTime } from "@/components/format-date";
import { InsetText } from "@/components/inset-text";
import { PageHeading } from "@/components/page-heading";
import { KeysetPagination } from "@/components/pagination";
import { Select } from "@/components/select";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { Tag, type TagColour } from "@/components/tag";
import { requirePage } from "@/lib/auth/guards";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import type { NotificationStatus } from "@/lib/generated/prisma/enums";
import { listOutbox, notificationChannelLabels, notificationStatusLabels, outboxHref, parseOutboxSearch } from "./outbox-query";

export const metadata: Metadata = { title: "Outbox" };
export const dynamic = "force-dynamic";

const statusColours: Record<NotificationStatus, TagColour> = { QUEUED: "blue", SENDING: "yellow", SENT: "green", FAILED: "red" };

const options = (labels: Record<string, string>, all: string) => [
  { value: "", label: all },
  ...Object.entries(labels).map(([value, label]) => ({ value, label })),
];

export default async function OutboxPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requirePage("outbox");
  const search = parseOutboxSearch(await searchParams);
  const { rows, next, previous } = await listOutbox(prisma, search);
  const filtered = !!(search.status || search.channel);
  const filterText = [
    search.status && `status ${notificationStatusLabels[search.status]}`,
    search.channel && `channel ${notificationChannelLabels[search.channel]}`,
  ]
    .filter(Boolean)
    .join(", ");

  return (
    <>
      <PageHeading caption="Administration">Outbox</PageHeading>
      <p className="mb-4 max-w-3xl">
        Messages to claimants: approvals, rejections and requests for information, by the channel each claimant chose.
      </p>
      {!config().notifyApiKey && (
        <InsetText>
          <p>Sending is not set up (no NOTIFY_API_KEY), so messages stay Queued here.</p>
        </InsetText>
      )}

      <form
        method="get"
        action="/outbox"
        role="search"
        aria-label="Filter messages"
        className="mb-6 flex flex-wrap items-end gap-x-6"
      >
        <Select
          id="status"
          name="status"
          label="Status"
          options={options(notificationStatusLabels, "All statuses")}
          defaultValue={search.status ?? ""}
        />
        <Select
          id="channel"
          name="channel"
          label="Channel"
          options={options(notificationChannelLabels, "All channels")}
          defaultValue={search.channel ?? ""}
        />
        <div className="mb-5 flex items-center gap-4 sm:mb-[30px]">
          <Button variant="secondary">Apply filters</Button>
          {filtered && <Link href="/outbox">Clear filters</Link>}
        </div>
      </form>

      {rows.length === 0 ? (
        <p className="mb-8">{filtered ? "No messages match these filters." : "There are no messages yet."}</p>
      ) : (
        <Table caption={`Messages, newest first${filterText ? ` (${filterText})` : ""}`}>
          <THead>
            <Tr>
              <Th>Created</Th>
              <Th>Claim</Th>
              <Th>Channel</Th>
              <Th>Recipient</Th>
              <Th>Subject</Th>
              <Th>Status</Th>
            </Tr>
          </THead>
          <TBody>
            {rows.map((row) => (
              <Tr key={row.id}>
                <Td className="whitespace-nowrap">
                  <time dateTime={row.createdAt.toISOString()}>{formatDateTime(row.createdAt)}</time>
                </Td>
                <Td>{row.claimReference ? <Link href={`/claims/${row.claimReference}`}>{row.claimReference}</Link> : "None"}</Td>
                <Td>{notificationChannelLabels[row.channel]}</Td>
                <Td className="break-words">{row.recipient}</Td>
                <Td>{row.subject}</Td>
                <Td>
                  <Tag colour={statusColours[row.status]}>{notificationStatusLabels[row.status]}</Tag>
                  {row.status === "FAILED" && row.error && <p className="mt-1 text-secondary">{row.error}</p>}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
      <KeysetPagination
        previousHref={previous ? outboxHref(search, { before: previous }) : undefined}
        nextHref={next ? outboxHref(search, { after: next }) : undefined}
      />
    </>
  );
}
