// Whether a person's name and address would now go into a Payout file: the run's own formatter
// decides (lib/payout/format-payout-file.ts), so this never drifts from what the run holds
// payments for. Pure.
import { DEFAULT_LETTER_TEMPLATE_CODE, formatPayoutFile, type PayoutExclusionReason } from "@/lib/payout/format-payout-file";
import type { PersonDetails } from "./person-details";

/** The holds a run puts on a cash payment for the person's own name or address. */
export const PAYOUT_ADDRESS_HOLDS = ["NAME_EMPTY_AFTER_CLEANING", "ADDRESS_EMPTY_AFTER_CLEANING", "INVALID_POSTCODE"] as const;

/** Null when a voucher for this person would be written to the file; else the run's hold reason and words. */
export function payoutAddressProblem(details: PersonDetails): { reason: PayoutExclusionReason; detail: string } | null {
  const file = formatPayoutFile([
    {
      // Placeholders for what the portal makes: only the person's fields are being checked.
      paymentId: "check",
      paymentReference: "CHECK",
      amountPence: 1,
      letterTemplateCode: DEFAULT_LETTER_TEMPLATE_CODE,
      eventDate: "2000-01-01",
      firstName: details.firstName,
      lastName: details.lastName,
      addressLine1: details.addressLine1,
      town: details.town,
      county: details.county,
      country: details.country,
      postcode: details.postcode,
    },
  ]);
  const excluded = file.excluded[0];
  return excluded ? { reason: excluded.reason, detail: excluded.detail } : null;
}
