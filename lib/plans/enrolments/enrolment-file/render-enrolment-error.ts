// The words of an error the set-based check (check-enrolment-file.ts) found by comparing a row with
// what is on record; it stages the facts, and only the few error rows the upload stores are worded.
// Each message names the column to correct. Pure.
import { longDate } from "@/lib/dates/london-date";
import { namesList } from "./enrolment-columns";

/** The results the check gives a row that is not matched or unchanged. */
export const RECORD_ERRORS = [
  "unknown-person",
  "not-this-person",
  "person-differs",
  "existing-person",
  "ended",
  "before-start",
  "same-day",
  "method-waiting",
  "bank-waiting",
  "no-bank-details",
] as const;
export type RecordError = (typeof RECORD_ERRORS)[number];

export interface RecordErrorFacts {
  reference: string | null;
  plan: string;
  /** The columns that differ from the record. */
  columns?: string[] | null;
  /** Someone on record with the row's name, date of birth and postcode (their reference, if they have one). */
  lookalike?: string | null;
  started?: string | null;
  ended?: string | null;
  date?: string | null;
  method?: string | null;
  pending?: string | null;
}

const METHOD_WORDS: Record<string, string> = { BANK: "BANK (bank transfer)", CASH: "CASH (cash at a Post Office)" };
const method = (m: string | null | undefined) => METHOD_WORDS[m ?? ""] ?? String(m);

export function renderEnrolmentError(kind: string, facts: unknown, lineNo: number): string {
  const f = facts as RecordErrorFacts;
  const line = `Line ${lineNo}`;
  const columns = namesList(f.columns ?? []);
  switch (kind as RecordError) {
    case "unknown-person":
      return `${line}: Person Reference ${f.reference} is not anyone on record: leave it blank to enrol someone new`;
    case "not-this-person":
      return `${line}: ${columns} ${(f.columns?.length ?? 0) === 1 ? "differs" : "differ"} from those of person ${f.reference}: check the Person Reference`;
    case "person-differs":
      return `${line}: ${columns} ${(f.columns?.length ?? 0) === 1 ? "differs" : "differ"} from what is on record for ${f.reference}: a file does not change a person's details, so leave ${(f.columns?.length ?? 0) === 1 ? "it" : "them"} blank or as on record`;
    case "existing-person":
      return f.lookalike
        ? `${line}: person ${f.lookalike} has the same First Name, Last Name, Date of Birth and Postcode: put ${f.lookalike} in Person Reference`
        : `${line}: someone on record has the same First Name, Last Name, Date of Birth and Postcode: give their Person Reference`;
    case "ended":
      return `${line}: the enrolment of ${f.reference} in ${f.plan} ended on ${longDate(f.ended!)}: a file cannot change an ended enrolment`;
    case "before-start":
      return `${line}: Enrolled From ${longDate(f.date!)} is before the enrolment of ${f.reference} started (${longDate(f.started!)}): new attribute values take effect on or after it`;
    case "same-day":
      return `${line}: Enrolled From: ${f.reference} already has attribute values in force from ${longDate(f.date!)}: give the date the new values take effect`;
    case "method-waiting":
      return `${line}: Payment Method ${method(f.method)} is the method in force, but a change to ${method(f.pending)} waits for a second plan manager: have it decided first`;
    case "bank-waiting":
      return `${line}: the bank details are those on record for ${f.reference}, but new ones wait for a second plan manager: have them decided first`;
    case "no-bank-details":
      return `${line}: ${f.reference} has no bank details on record: fill in Name on Account, Sort Code and Account Number for a bank transfer`;
    default:
      return `${line}: error`;
  }
}
