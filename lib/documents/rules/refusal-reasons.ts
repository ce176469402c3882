import {
  BROKEN_FORM_MESSAGE,
  NO_SCANNER_MESSAGE,
  SCANNER_DOWN_MESSAGE,
  documentTooLargeMessage,
  EMPTY_DOCUMENT_MESSAGE,
  INFECTED_MESSAGE,
  NO_DOCUMENT_MESSAGE,
  TOO_MANY_DOCUMENTS_MESSAGE,
} from "./document-limits";
import { WRONG_TYPE_MESSAGE } from "./document-type";

// A form posted without JavaScript is answered with a redirect back to the claim page naming the
// refusal by one of these words (?document-error=infected), never by its text: a link cannot then
// put words of its own on the page. Pure.

export const REFUSAL_REASONS = [
  "no-file",
  "empty",
  "too-large",
  "wrong-type",
  "infected",
  "no-scanner",
  "scanner-down",
  "too-many",
  "broken-form",
  "not-found",
] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export function isRefusalReason(value: unknown): value is RefusalReason {
  return typeof value === "string" && (REFUSAL_REASONS as readonly string[]).includes(value);
}

/** What the caseworker is told for each refusal. */
export function refusalMessage(reason: RefusalReason, maxBytes: number): string {
  switch (reason) {
    case "no-file":
      return NO_DOCUMENT_MESSAGE;
    case "empty":
      return EMPTY_DOCUMENT_MESSAGE;
    case "too-large":
      return documentTooLargeMessage(maxBytes);
    case "wrong-type":
      return WRONG_TYPE_MESSAGE;
    case "infected":
      return INFECTED_MESSAGE;
    case "no-scanner":
      return NO_SCANNER_MESSAGE;
    case "scanner-down":
      return SCANNER_DOWN_MESSAGE;
    case "too-many":
      return TOO_MANY_DOCUMENTS_MESSAGE;
    case "broken-form":
      return BROKEN_FORM_MESSAGE;
    case "not-found":
      return "The claim could not be found";
  }
}
