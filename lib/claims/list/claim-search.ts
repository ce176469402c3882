import { CLAIM_REFERENCE_ALPHABET, CLAIM_REFERENCE_LENGTH } from "@/lib/references/claim-reference";

// What the one search box means. References are matched exactly (unique indexes); anything else is
// a name, matched as a case-insensitive PREFIX of the first or last name. Prefix, not "contains":
// a btree on lower(name) answers a prefix from a million rows; "contains" needs pg_trgm, which we
// do not have.

const REF = `[${CLAIM_REFERENCE_ALPHABET}]{${CLAIM_REFERENCE_LENGTH}}`;
const CLAIM_REFERENCE = new RegExp(`^${REF}$`);
// 7KQ2M9X-01; also accepted without the hyphen or with a space, as people read it out.
const PAYMENT_REFERENCE = new RegExp(`^(${REF})[- ]?(\\d{2})$`);
// A prison number in England and Wales: a letter, four digits, two letters (A1234BC). Stored
// upper-cased without spaces on the claim's visit details, and matched exactly (an index).
const PRISONER_NUMBER = /^[A-Z]\d{4}[A-Z]{2}$/;

/**
 * LIKE patterns with %, _ and \ escaped, ending in % (a prefix match). Not lower-cased here: the
 * query lower()s them in the database, exactly as it lower()s the names, so Ø and ø agree however
 * JavaScript and the database's locale would each fold them.
 */
export type NameSearch = {
  /** The whole text as a prefix of the first name or of the last name ("van der", "Mary Ann"). */
  whole: string;
  /** For two or more words: first word and the rest, tried as first + last and as last + first. */
  head?: string;
  tail?: string;
};

export type ClaimSearch =
  /**
   * `orName` is set when the text is also a plausible surname (letters only, e.g. BENNETT),
   * `orPrisonerNumber` when it is also a prison number (A1234BC is both).
   */
  | { kind: "claimReference"; reference: string; orName?: NameSearch; orPrisonerNumber?: string }
  | { kind: "paymentReference"; reference: string }
  | { kind: "prisonerNumber"; prisonerNumber: string }
  | { kind: "name"; name: NameSearch };

function likePrefix(text: string): string {
  return `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function nameSearch(text: string): NameSearch {
  const words = text.split(" ");
  const name: NameSearch = { whole: likePrefix(text) };
  if (words.length > 1) {
    name.head = likePrefix(words[0]);
    name.tail = likePrefix(words.slice(1).join(" "));
  }
  return name;
}

/** `q` is already trimmed with inner whitespace collapsed (see claim-list-params.ts). */
export function classifySearch(q: string): ClaimSearch {
  const upper = q.toUpperCase();
  const compact = upper.replace(/ /g, "");
  const prisonerNumber = PRISONER_NUMBER.test(compact) ? compact : undefined;
  if (CLAIM_REFERENCE.test(upper)) {
    if (!/\d/.test(upper)) return { kind: "claimReference", reference: upper, orName: nameSearch(q) };
    return prisonerNumber
      ? { kind: "claimReference", reference: upper, orPrisonerNumber: prisonerNumber }
      : { kind: "claimReference", reference: upper };
  }
  if (prisonerNumber) return { kind: "prisonerNumber", prisonerNumber };
  const payment = PAYMENT_REFERENCE.exec(upper);
  if (payment) return { kind: "paymentReference", reference: `${payment[1]}-${payment[2]}` };
  return { kind: "name", name: nameSearch(q) };
}
