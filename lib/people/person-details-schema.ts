import { z } from "zod";
import { postcodeSchema } from "@/lib/claims/intake/claim-intake-schema";
import { optionalPersonText, requiredPersonText } from "@/lib/claims/intake/fields";
import type { PersonDetails } from "./rules/person-details";

/**
 * A proposed name and address, checked as the intake checks a claimant's (no hidden or
 * direction-changing characters, no formula start, the same lengths and postcode rule); flat, as
 * the form sends it.
 */
export const personDetailsSchema = z.object({
  firstName: requiredPersonText("First name", 100),
  lastName: requiredPersonText("Last name", 100),
  addressLine1: requiredPersonText("Address line 1", 100),
  addressLine2: optionalPersonText("Address line 2", 100),
  town: requiredPersonText("Town or city", 100),
  county: optionalPersonText("County", 100),
  postcode: postcodeSchema,
  country: requiredPersonText("Country", 100),
}) satisfies z.ZodType<PersonDetails, unknown>;

export const NOTE_MAX_LENGTH = 500;

/** The maker's note (how the person told us) or the checker's reason. */
export const personChangeNote = z
  .string()
  .trim()
  .max(NOTE_MAX_LENGTH, `The note must be ${NOTE_MAX_LENGTH} characters or fewer`)
  .optional()
  .transform((v) => (v ? v : null));
