import { CLAIM_REFERENCE_ALPHABET, CLAIM_REFERENCE_LENGTH } from "@/lib/references/claim-reference-format";

// What the header's "Find a payment" box was given (docs/payment-search.md#what-the-box-takes). Pure:
// the text in, one kind out, and the database is asked only about that kind. Case and the spaces
// around the text never matter; the kinds cannot be mistaken for one another by their shape, apart
// from a seven-character reference, which may be a claim's or a person's (the resolver tries the
// claim first).

export type PaymentSearch =
  /** A claim payment's 7KQ2M9X-01, or a cycle payment's 7KQ2M9X-202611 (and -2 … -99 after it). */
  | { kind: "paymentReference"; reference: string }
  /** The payment's UUID, lower-cased (also taken without its hyphens). */
  | { kind: "paymentId"; id: string }
  /** Seven characters of the reference alphabet: a claim's reference, or else a person's. */
  | { kind: "claimReference"; reference: string }
  /** A Payout payment code: 13 letters and digits, matched whatever their case. */
  | { kind: "paymentCode"; code: string }
  /** A file's name and a line number in it (line 1 is the first line: the files have no header row). */
  | { kind: "fileLine"; fileName: string; lineNo: number }
  /** A file's name alone: every line of it. */
  | { kind: "file"; fileName: string }
  | { kind: "unknown"; text: string };

export type PaymentSearchKind = PaymentSearch["kind"];

/** Longer than any file name the runs make, and far longer than anything else the box takes. */
export const MAX_PAYMENT_SEARCH_LENGTH = 200;

/** As lib/payout/rules/payment-code.ts (not imported: lib/payout depends on lib/payments). */
const PAYMENT_CODE_LENGTH = 13;

const REF = `[${CLAIM_REFERENCE_ALPHABET}]{${CLAIM_REFERENCE_LENGTH}}`;
const PAYMENT_REFERENCE = new RegExp(`^${REF}-(\\d{2}|\\d{6}(-\\d{1,2})?)$`);
const CLAIM_REFERENCE = new RegExp(`^${REF}$`);
const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const PAYMENT_CODE = new RegExp(`^[A-Za-z0-9]{${PAYMENT_CODE_LENGTH}}$`);
/** The names the runs give their files: letters, digits, "." "_" "-", and an extension. */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*\.[A-Za-z0-9]{1,5}$/;
/** "name.csv line 12", "name.csv, line 12", "name.csv:12", "name.csv#12", "name.csv L12". */
const FILE_AND_LINE = /^(\S+?)\s*(?::|#|,?\s+(?:line|l)\.?\s*|\s+)(\d{1,9})$/i;
const MAX_LINE = 2_147_483_647;

/** Surrounding spaces dropped, inner runs of spaces made one, at most MAX_PAYMENT_SEARCH_LENGTH characters. */
export function normalisePaymentSearch(text: string): string {
  return text.replace(/\s+/g, " ").trim().slice(0, MAX_PAYMENT_SEARCH_LENGTH).trim();
}

function fileSearch(text: string): PaymentSearch | undefined {
  const withLine = FILE_AND_LINE.exec(text);
  if (withLine && FILE_NAME.test(withLine[1])) {
    const lineNo = Number(withLine[2]);
    if (lineNo >= 1 && lineNo <= MAX_LINE) return { kind: "fileLine", fileName: withLine[1], lineNo };
    return { kind: "unknown", text };
  }
  return FILE_NAME.test(text) ? { kind: "file", fileName: text } : undefined;
}

/** Which kind of identifier `input` is. Never throws; text of no kind is "unknown". */
export function parsePaymentSearch(input: string): PaymentSearch {
  const text = normalisePaymentSearch(input);
  const upper = text.toUpperCase();
  // A reference read out over the phone may come with a space for the hyphen: "7KQ2M9X 01".
  const reference = upper.replace(/^(\S{7}) (\d)/, "$1-$2");
  if (PAYMENT_REFERENCE.test(reference)) return { kind: "paymentReference", reference };
  if (UUID.test(text)) {
    const hex = text.replace(/-/g, "").toLowerCase();
    const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    return { kind: "paymentId", id };
  }
  if (CLAIM_REFERENCE.test(upper)) return { kind: "claimReference", reference: upper };
  if (PAYMENT_CODE.test(text)) return { kind: "paymentCode", code: text };
  return fileSearch(text) ?? { kind: "unknown", text };
}

/** What the box takes, in words, for the "no payment matches" page and the box's hint. */
export const SEARCHABLE_KINDS: readonly string[] = [
  "a payment reference, such as 7KQ2M9X-01",
  "a payment's UUID",
  "a claim reference, such as 7KQ2M9X (or a person reference), to list its payments",
  "a Post Office Payout payment code (13 letters and digits)",
  "a payment file's name and a line number, such as accesspay_20261120_080000.csv line 12, or the file name alone to list its lines",
];
