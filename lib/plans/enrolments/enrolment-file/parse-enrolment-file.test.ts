import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { AttributeDeclaration } from "../../rules/attributes";
import { enrolmentFileColumns } from "./enrolment-columns";
import { parseEnrolmentFile } from "./parse-enrolment-file";

const DECLARED: AttributeDeclaration[] = [
  { name: "Household size", type: "NUMBER" },
  { name: "Tenure", type: "ONE_OF", options: ["Rent", "Own"] },
  { name: "Moved in", type: "DATE" },
  { name: "Disabled", type: "YES_NO" },
];
const TODAY = "2026-11-28";
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

// fixtures/mixed.csv, line by line (CRLF, a BOM-less UTF-8 file ending in two blank lines):
//  1 the header, in mixed case, the columns in the format's order and the plan's four attributes;
//  2 someone new by bank transfer: DD/MM/YYYY date of birth, a postcode to normalise, lower-case
//    "letter" and "bank", sort code with dashes, "rent" for the option Rent, "Yes" -> true;
//  3 someone on record by reference (lower case), only the columns that say who they are;
//  4 every kind of wrong value at once: a date that does not exist, a missing address, a bad
//    postcode, EMAIL with no email, a month 13, and four wrong attribute values;
//  5 bank details failing the modulus check;
//  6 the same person as line 2 (case differs, the other date spelling): a duplicate;
//  7 the reference of line 3 again: a duplicate;
//  8 a reference that is not one, no date of birth, a contact preference not in the list, no
//    method, no start date;
//  9 too few columns.
// The expected outcome (fixtures/mixed.expected.json) was checked against these notes.
describe("parseEnrolmentFile on the mixed fixture", () => {
  it("gives the rows and problems of fixtures/mixed.expected.json", () => {
    const parsed = parseEnrolmentFile(readFileSync(fixture("mixed.csv")), DECLARED, TODAY);
    expect(parsed).toEqual(JSON.parse(readFileSync(fixture("mixed.expected.json"), "utf8")));
  });
});

const header = enrolmentFileColumns(DECLARED).join(",");
const parse = (text: string) => parseEnrolmentFile(Buffer.from(text, "utf8"), DECLARED, TODAY);

describe("parseEnrolmentFile", () => {
  it("refuses a file that is not text or is empty, as a whole", () => {
    expect(parseEnrolmentFile(Buffer.from([0x50, 0x00, 0x4b]), DECLARED, TODAY).problems).toEqual([
      { lineNo: 0, kind: "file", message: expect.stringContaining("a NUL byte") },
    ]);
    expect(parse("\n\n").problems).toEqual([{ lineNo: 0, kind: "file", message: "The file is empty" }]);
  });

  it("says when there is a header and no rows", () => {
    expect(parse(`\uFEFF${header}\r\n`).problems).toEqual([
      { lineNo: 1, kind: "header", message: "Line 1: the file has a header row but no data rows" },
    ]);
  });

  it("reads nothing more once the header is wrong, except what makes a line unreadable", () => {
    const parsed = parse(`${header},Shoe size\n,Ada\n\n"open\nlast\n`);
    expect(parsed.rows).toEqual([]);
    expect(parsed.problems.map((p) => [p.lineNo, p.kind])).toEqual([
      [1, "header"],
      [3, "line"],
      [4, "line"],
    ]);
  });

  it("quotes a field with a comma, and needs a person's date of birth before the present", () => {
    const row = `,"Smith, Jr",Jones,01/01/2030,1 High Street,,Leeds,,LS1 1AA,LETTER,,,CASH,,,,,2026-12-01,,,,`;
    expect(parse(`${header}\n${row}\n`).problems).toEqual([
      { lineNo: 2, kind: "values", message: "Line 2: Date of Birth must be in the past" },
    ]);
  });
});
