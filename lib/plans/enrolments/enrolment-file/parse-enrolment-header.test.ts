import { describe, expect, it } from "vitest";
import type { AttributeDeclaration } from "../../rules/attributes";
import { FIXED_COLUMNS } from "./enrolment-columns";
import { readEnrolmentHeader } from "./parse-enrolment-header";

const DECLARED: AttributeDeclaration[] = [
  { name: "Household size", type: "NUMBER" },
  { name: "Tenure", type: "ONE_OF", options: ["Rent", "Own"] },
];
const ALL = [...FIXED_COLUMNS, "Household size", "Tenure"];

describe("readEnrolmentHeader", () => {
  it("maps names in any order and case, extra spaces aside, to their positions", () => {
    const fields = [...ALL].reverse().map((name, i) => (i % 2 ? name.toUpperCase() : ` ${name.replace(" ", "  ")} `));
    const header = readEnrolmentHeader(fields, DECLARED);
    if ("message" in header) throw new Error(header.message);
    expect(header.width).toBe(20);
    expect(header.fixed.get("Person Reference")).toBe(19);
    expect(header.fixed.get("Enrolled From")).toBe(2);
    expect(header.attributes).toEqual([1, 0]);
  });

  it("names every missing, unknown and doubled column in one message", () => {
    const fields = [...ALL.filter((c) => c !== "Roll Number" && c !== "Tenure"), "Shoe size", "", "email"];
    expect(readEnrolmentHeader(fields, DECLARED)).toEqual({
      lineNo: 1,
      message:
        'Line 1: missing columns "Roll Number" and "Tenure"; unknown column "Shoe size"; no name for column 20; column "Email" named twice (the header row names Person Reference, First Name, Last Name, Date of Birth, Address Line 1, Address Line 2, Town, County, Postcode, Contact Preference, Email, Phone, Payment Method, Name on Account, Sort Code, Account Number, Roll Number, Enrolled From, Household size, Tenure, in any order)',
    });
  });

  it("says when a plan's attribute has a fixed column's name, which no file can give", () => {
    const clashing: AttributeDeclaration[] = [{ name: "town", type: "TEXT" }];
    expect(readEnrolmentHeader([...FIXED_COLUMNS], clashing)).toEqual({
      lineNo: 1,
      message:
        'Line 1: the plan\'s attribute "town" has the name of a fixed column, so a file cannot give its values: rename it in the plan',
    });
  });
});
