import Link from "next/link";
import { formatDateTime } from "@/components/format-date";
import { Money } from "@/components/money";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { NeedsAttentionTag, StatusTag, Tag } from "@/components/tag";
import { VisuallyHidden } from "@/components/visually-hidden";
import { describeAge, type ClaimAge } from "@/lib/claims/list/claim-age";
import { sortLink, type ClaimListParams } from "@/lib/claims/list/claim-list-params";
import type { ClaimSort } from "@/lib/claims/list/claim-list-sort";
import type { ClaimListRow } from "@/lib/claims/list/list-claims";
import { holdReasonLabels } from "@/lib/payments/hold-reasons";

// Event dates are calendar dates (no time), so format them in UTC: no time zone can shift the day.
const eventDateFormat = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", day: "numeric", month: "short", year: "numeric" });

function SortableTh({ params, sort, children }: { params: ClaimListParams; sort: ClaimSort; children: string }) {
  const { href, direction } = sortLink(params, sort);
  return (
    <Th sortHref={href} sortDirection={direction}>
      {children}
    </Th>
  );
}

function NotSet({ children }: { children: string }) {
  return (
    <span className="text-secondary">
      <span aria-hidden="true">–</span>
      <VisuallyHidden>{children}</VisuallyHidden>
    </span>
  );
}

/** Working days since received, for open claims; past the target says so in words, not colour alone. */
function AgeCell({ age }: { age: ClaimAge | null }) {
  if (!age) return <NotSet>Decided</NotSet>;
  return (
    <span className="flex flex-col items-start gap-1">
      <span className="whitespace-nowrap">{describeAge(age.workingDays)}</span>
      {age.pastTarget && <Tag colour="red">Past target</Tag>}
    </span>
  );
}

export type ClaimTableRow = ClaimListRow & { age: ClaimAge | null };

export function ClaimTable({ rows, params, caption }: { rows: ClaimTableRow[]; params: ClaimListParams; caption: string }) {
  return (
    <Table caption={caption}>
      <THead>
        <Tr>
          <SortableTh params={params} sort="reference">
            Reference
          </SortableTh>
          <SortableTh params={params} sort="claimant">
            Claimant
          </SortableTh>
          <SortableTh params={params} sort="eventDate">
            Event date
          </SortableTh>
          <SortableTh params={params} sort="received">
            Received
          </SortableTh>
          <Th>Age</Th>
          <Th>Assigned to</Th>
          <Th numeric>Claimed</Th>
          <Th numeric>Approved</Th>
          <Th>Status</Th>
          <Th>Payment</Th>
        </Tr>
      </THead>
      <TBody>
        {rows.map((row) => (
          <Tr key={row.id}>
            <Td>
              <Link href={`/claims/${row.reference}`} className="font-bold">
                {row.reference}
              </Link>
            </Td>
            <Td>
              <Link href={`/claimants/${row.claimantId}`}>{row.claimantName}</Link>
              <span className="block text-sm text-secondary">
                <VisuallyHidden>Date of birth </VisuallyHidden>
                {eventDateFormat.format(new Date(`${row.dateOfBirth}T00:00:00Z`))}
                <span aria-hidden="true">, </span>
                <VisuallyHidden>, postcode </VisuallyHidden>
                {row.postcode}
              </span>
            </Td>
            <Td className="whitespace-nowrap">{eventDateFormat.format(new Date(`${row.eventDate}T00:00:00Z`))}</Td>
            <Td className="whitespace-nowrap">{formatDateTime(new Date(row.receivedAt))}</Td>
            <Td>
              <AgeCell age={row.age} />
            </Td>
            <Td>{row.assignedToName ?? <span className="text-secondary">Unassigned</span>}</Td>
            <Td numeric>
              <Money pence={row.claimedPence} />
            </Td>
            <Td numeric>{row.approvedPence === null ? <NotSet>Not decided</NotSet> : <Money pence={row.approvedPence} />}</Td>
            <Td>
              <span className="flex flex-col items-start gap-1">
                <StatusTag status={row.status} kind="claim" />
                {row.needsAttention && <NeedsAttentionTag />}
              </span>
            </Td>
            <Td>
              <span className="block">{row.method === "BANK" ? "Bank" : "Cash"}</span>
              {row.latestPayment && (
                <span className="mt-1 flex flex-col items-start gap-1">
                  <StatusTag status={row.latestPayment.status} kind="payment" />
                  {row.latestPayment.holdReason && (
                    <span className="text-sm">On hold: {holdReasonLabels[row.latestPayment.holdReason]}</span>
                  )}
                </span>
              )}
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
