import type { HoldReason } from "@/lib/generated/prisma/enums";

/** How a hold is described to staff, wherever a payment is shown. */
export const holdReasonLabels: Record<HoldReason, string> = {
  BAD_BANK_DETAILS: "Bank details failed validation",
  BANK_DETAILS_CHANGE_PENDING: "Bank-details change awaiting approval",
  NAME_EMPTY_AFTER_CLEANING: "Name on account empty after cleaning",
  NO_BANK_DETAILS: "No bank details",
  ADDRESS_EMPTY_AFTER_CLEANING: "Address line 1 empty after cleaning",
  INVALID_POSTCODE: "Postcode not a valid UK postcode",
  PAYMENT_METHOD_CHANGE_PENDING: "Payment method change awaiting approval",
  PERSON_DETAILS_CHANGE_PENDING: "Name or address change awaiting approval",
};
