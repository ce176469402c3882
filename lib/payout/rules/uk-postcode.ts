/**
 * UK postcodes as the Payout file carries them (docs/file-formats.md#payout-payment-file): upper case,
 * one space before the inward code (the last three characters). The shape is the one the claim
 * intake API accepts, so a postcode that came in through the API always passes here; this check
 * catches what was keyed in or changed later.
 */

import { shownValue } from "./shown-value";

// Outward code: one or two letters, a digit, then an optional letter or digit (LS1, SW1A, EC1A, M60).
// Inward code: a digit and two letters. GIR 0AA (Girobank) is the one postcode of another shape.
const UK_POSTCODE = /^(GIR 0AA|[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2})$/;

export type UkPostcodeResult = { ok: true; value: string; changes: string[] } | { ok: false; problem: string };

/**
 * "ls11aa", " LS1  1AA " -> "LS1 1AA", with the changes made in words (empty when the postcode was
 * already in the file's form); anything else that does not have the UK shape is a problem.
 */
export function normaliseUkPostcode(raw: string): UkPostcodeResult {
  const compact = raw.replace(/\s+/gu, "").toUpperCase();
  if (compact === "") return { ok: false, problem: "postcode is empty" };
  const value = compact.length > 3 ? `${compact.slice(0, -3)} ${compact.slice(-3)}` : compact;
  if (!UK_POSTCODE.test(value)) {
    return { ok: false, problem: `postcode ${shownValue(raw)} is not a UK postcode (like SW1A 1AA)` };
  }
  const changes: string[] = [];
  if (raw.toUpperCase() !== raw) changes.push("upper-cased");
  if (raw.toUpperCase() !== value) changes.push("set one space before the last three characters");
  return { ok: true, value, changes };
}
