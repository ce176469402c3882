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
import { notifyTemplateId } from "@/lib/notify/rules/notify-template-id";
import { MessagePreview } from "./message-preview";
import {
  listOutbox,
  notificationChannelLabels,
  notificationStatusLabels,
  outboxHref,
  parseOutboxSearch,
  type OutboxRow,
} from "./outbox-query";

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
  const settings = config();
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
        Messages to claimants (decisions, requests for information, failed payments, cash vouchers) by the channel each claimant
        chose, and alerts to support staff. Open a message to see it as its recipient will.
      </p>
      {settings.notifyApiKey ? (
        <InsetText>
          <p>
            Queued messages are sent through GOV.UK Notify every 5 minutes. A message Notify could not take is tried again after
            1, 5, 25 and 125 minutes, then marked Failed; one Notify refuses is Failed at once, with its reason.
          </p>
        </InsetText>
      ) : (
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
                <Td>
                  {row.claimReference ? (
                    <Link href={`/claims/${row.claimReference}`}>{row.claimReference}</Link>
                  ) : row.toStaff ? (
                    "Staff (alert)"
                  ) : (
                    "None"
                  )}
                </Td>
                <Td>{notificationChannelLabels[row.channel]}</Td>
                <Td className="break-words">{row.recipient}</Td>
                <Td>
                  <p className="mb-2">{row.subject}</p>
                  <MessagePreview id={row.id} view={row.view} hasPdf={row.hasPdf} />
                </Td>
                <Td>
                  <Tag colour={statusColours[row.status]}>{notificationStatusLabels[row.status]}</Tag>
                  <SendingDetails row={row} waitingForTemplate={waitingForTemplate(row, settings)} />
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

function waitingForTemplate(row: OutboxRow, settings: { notifyApiKey?: string; notifyTemplateIds: Record<string, string> }) {
  return (
    !!settings.notifyApiKey &&
    row.status === "QUEUED" &&
    row.channel !== "LETTER" &&
    notifyTemplateId(settings.notifyTemplateIds, row.template, row.channel) === null
  );
}

/** Where the sender has got to with a message: attempts, the next one, Notify's id or its error. */
function SendingDetails({ row, waitingForTemplate }: { row: OutboxRow; waitingForTemplate: boolean }) {
  const at = (date: Date) => <time dateTime={date.toISOString()}>{formatDateTime(date)}</time>;
  return (
    <div className="mt-1 text-secondary">
      {row.attempts > 0 && <p>Attempts: {row.attempts}</p>}
      {row.status === "QUEUED" && row.nextAttemptAt && <p>Next attempt: {at(row.nextAttemptAt)}</p>}
      {row.status === "SENDING" && row.claimedAt && <p>Handed to Notify at {at(row.claimedAt)}</p>}
      {row.status === "SENT" && row.sentAt && <p>Sent {at(row.sentAt)}</p>}
      {row.providerId && <p className="break-all">Notify id: {row.providerId}</p>}
      {row.error && (
        <p className="break-words">
          {row.status === "FAILED" ? "Reason: " : "Last attempt: "}
          {row.error}
        </p>
      )}
      {waitingForTemplate && <p>Waiting: NOTIFY_TEMPLATE_IDS has no Notify template for this message.</p>}
    </div>
  );
}
