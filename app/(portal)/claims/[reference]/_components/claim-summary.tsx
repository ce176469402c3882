import Link from "next/link";
import { formatDate } from "@/components/format-date";
import { SummaryList } from "@/components/summary-list";
import type { ClaimPage } from "@/lib/claims/get-claim-page";

const contactLabels = { EMAIL: "Email", SMS: "Text message", LETTER: "Letter" } as const;
const sourceLabels = { API: "Online service", ASSISTED_DIGITAL: "Keyed in (assisted digital)", DEMO: "Demo data" } as const;

export function ClaimSummary({ claim }: { claim: ClaimPage }) {
  const c = claim.claimant;
  const address = [c.addressLine1, c.addressLine2, c.town, c.county, c.postcode, c.country].filter(Boolean);
  return (
    <SummaryList
      rows={[
        { key: "Claimant", value: <Link href={`/claimants/${claim.claimantId}`}>{`${c.firstName} ${c.lastName}`}</Link> },
        // An erased person (lib/retention) keeps a placeholder date of birth: say so rather than show it.
        ...(c.erasedAt ? [{ key: "Personal details", value: `Erased on ${formatDate(c.erasedAt)} (retention policy)` }] : []),
        { key: "Date of birth", value: c.erasedAt ? "Erased" : formatDate(c.dateOfBirth) },
        {
          key: "Contact preference",
          value: `${contactLabels[c.contactPreference]}${c.contactPreference === "EMAIL" && c.email ? `: ${c.email}` : ""}${c.contactPreference === "SMS" && c.phone ? `: ${c.phone}` : ""}`,
        },
        {
          key: "Address",
          value: address.map((line) => (
            <span key={line} className="block">
              {line}
            </span>
          )),
        },
        { key: "Event date", value: formatDate(claim.eventDate) },
        { key: "Payment method", value: claim.paymentMethod === "BANK" ? "Bank transfer" : "Post Office cash (Payout)" },
        {
          key: "Received",
          value: `${formatDate(claim.createdAt)} from ${sourceLabels[claim.source]}${claim.keyedInBy ? ` by ${claim.keyedInBy.name}` : ""}`,
        },
        { key: "Assigned to", value: claim.assignedTo?.name ?? "Nobody" },
        ...(claim.rejectionReason ? [{ key: "Rejection reason", value: claim.rejectionReason }] : []),
      ]}
    />
  );
}
