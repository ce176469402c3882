// The enrolment file's columns (docs/enrolment-file.md#the-file): the fixed ones, in the
// order the format lists them, then one per attribute the benefit plan declares, named as declared.
// Pure.
import type { AttributeDeclaration } from "../../rules/attributes";

export const FIXED_COLUMNS = [
  "Person Reference",
  "First Name",
  "Last Name",
  "Date of Birth",
  "Address Line 1",
  "Address Line 2",
  "Town",
  "County",
  "Postcode",
  "Contact Preference",
  "Email",
  "Phone",
  "Payment Method",
  "Name on Account",
  "Sort Code",
  "Account Number",
  "Roll Number",
  "Enrolled From",
] as const;

export type FixedColumn = (typeof FIXED_COLUMNS)[number];

/** The columns a plan's file has, in the order the format lists them. */
export function enrolmentFileColumns(declarations: readonly AttributeDeclaration[]): string[] {
  return [...FIXED_COLUMNS, ...declarations.map((d) => d.name)];
}

/** Names compare ignoring case, and a stray double or trailing space does not matter. */
export const columnKey = (name: string) => name.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * Lower case for the letters A to Z only: the database folds them the same way with translate()
 * (FOLD_SQL_FROM and FOLD_SQL_TO), whatever its locale, so a key made here matches one made there.
 */
export const foldAscii = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

export const FOLD_SQL_FROM = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
export const FOLD_SQL_TO = "abcdefghijklmnopqrstuvwxyz";

/**
 * Who a row without a person reference is: first and last name (ASCII case folded), date of birth
 * and postcode (normalised). Two rows with the same key are the same person; so is someone on
 * record with it.
 */
export function personKey(person: { firstName: string; lastName: string; dateOfBirth: string; postcode: string }): string {
  return [foldAscii(person.firstName), foldAscii(person.lastName), person.dateOfBirth, person.postcode].join("|");
}

/** Every person without a reference gets this country: the file has no column for it, and its postcodes are UK ones. */
export const FILE_COUNTRY = "United Kingdom";

/** A value from the file inside a message: quoted, and cut short so a message never grows with the line. */
export function quoted(value: string, max = 40): string {
  const chars = Array.from(value);
  return JSON.stringify(chars.length > max ? `${chars.slice(0, max).join("")}…` : value);
}

/** "A", "A and B", "A, B and C". */
export function namesList(names: readonly string[]): string {
  if (names.length <= 1) return names.join("");
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
