import { describe, expect, it } from "vitest";
import { claimIntakeSchema } from "./claim-intake-schema";
import { claimResponseSchema } from "./claim-response-schema";
import { intakeErrors } from "./intake-errors";
import { hasControlCharacters, hasHiddenCharacters, personTextProblem } from "./person-text";
import { validBody, type AnyBody } from "./test-fixtures";

const TODAY = "2026-11-15";

// Each refused character, by its code point, and what it does on screen.
const HIDDEN = {
  "U+202A left-to-right embedding": "\u202A",
  "U+202B right-to-left embedding": "\u202B",
  "U+202C pop directional formatting": "\u202C",
  "U+202D left-to-right override": "\u202D",
  "U+202E right-to-left override": "\u202E",
  "U+2066 left-to-right isolate": "\u2066",
  "U+2067 right-to-left isolate": "\u2067",
  "U+2068 first strong isolate": "\u2068",
  "U+2069 pop directional isolate": "\u2069",
  "U+200E left-to-right mark": "\u200E",
  "U+200F right-to-left mark": "\u200F",
  "U+061C Arabic letter mark": "\u061C",
  "U+200B zero-width space": "\u200B",
  "U+200C zero-width non-joiner": "\u200C",
  "U+200D zero-width joiner": "\u200D",
  "U+2060 word joiner": "\u2060",
  "U+FEFF zero-width no-break space": "\uFEFF",
  "U+180E Mongolian vowel separator": "\u180E",
  "U+00AD soft hyphen": "\u00AD",
  "U+3164 Hangul filler": "\u3164",
  "U+2028 line separator": "\u2028",
  "U+0000 NUL": "\u0000",
  "U+0009 tab": "\t",
  "U+000A line feed": "\n",
  "U+001B escape": "\u001B",
  "U+007F delete": "\u007F",
  "U+0085 next line": "\u0085",
  "U+D800 lone high surrogate": "\uD800",
  "U+DC00 lone low surrogate": "\uDC00",
};

describe("the person-text rule", () => {
  it.each(Object.entries(HIDDEN))("refuses %s in a name", (_name, character) => {
    expect(hasHiddenCharacters(`Ada${character}Lovelace`)).toBe(true);
    expect(personTextProblem("First name", `Ada${character}`)).toBe(
      "First name must not contain hidden or direction-changing characters",
    );
  });

  it.each(["Ada", "Zoë", "Siân O'Brien-Smith", "José Ñúñez", "Łukasz", "محمد", "李小龍", "Ørsted St. John", "A \u{1F600}"])(
    "accepts the name %j",
    (name) => {
      expect(hasHiddenCharacters(name)).toBe(false);
      expect(personTextProblem("First name", name)).toBeNull();
    },
  );

  it.each(["=1+1", "+44", "-Smith", "@SUM(A1)", " =HYPERLINK(1)"])("refuses a name that starts like a formula: %j", (name) => {
    expect(personTextProblem("Last name", name)).toBe("Last name must not start with =, +, - or @");
  });

  it.each(["Smith-Jones", "O'Brien", "x;=1+1", "A+B"])("accepts %j: the formula characters are not first", (name) => {
    expect(personTextProblem("Last name", name)).toBeNull();
  });

  it("lets free text keep tabs and line breaks, but not other control characters or lone surrogates", () => {
    expect(hasControlCharacters("Line one\r\nLine two\tend")).toBe(false);
    expect(hasControlCharacters("right\u202Eleft")).toBe(false);
    for (const c of ["\u0000", "\u0007", "\u001B", "\u007F", "\u0085", "\uD800"])
      expect(hasControlCharacters(`a${c}b`)).toBe(true);
  });
});

function errorsFor(change: (b: AnyBody) => void): Record<string, string[]> {
  const body = validBody();
  change(body);
  const parsed = claimIntakeSchema(TODAY).safeParse(body);
  if (parsed.success) throw new Error("expected the body to be invalid");
  return intakeErrors(parsed.error);
}

describe("the intake schema applies it to every name and address line", () => {
  it.each([
    ["claimant.firstName", "First name", (b: AnyBody, v: string) => (b.claimant.firstName = v)],
    ["claimant.lastName", "Last name", (b: AnyBody, v: string) => (b.claimant.lastName = v)],
    ["claimant.address.line1", "Address line 1", (b: AnyBody, v: string) => (b.claimant.address.line1 = v)],
    ["claimant.address.line2", "Address line 2", (b: AnyBody, v: string) => (b.claimant.address.line2 = v)],
    ["claimant.address.town", "Town or city", (b: AnyBody, v: string) => (b.claimant.address.town = v)],
    ["claimant.address.county", "County", (b: AnyBody, v: string) => (b.claimant.address.county = v)],
    ["claimant.address.country", "Country", (b: AnyBody, v: string) => (b.claimant.address.country = v)],
    ["bankDetails.nameOnAccount", "Name on the account", (b: AnyBody, v: string) => (b.bankDetails.nameOnAccount = v)],
  ])("%s", (path, label, set) => {
    for (const value of ["Smith\u202Egpj.exe", "Sm\u200Bith", "Smith\u0000", "Smi\tth"]) {
      expect(errorsFor((b) => set(b, value))).toEqual({
        [path]: [`${label} must not contain hidden or direction-changing characters`],
      });
    }
    expect(errorsFor((b) => set(b, '=HYPERLINK("http://evil.example")'))).toEqual({
      [path]: [`${label} must not start with =, +, - or @`],
    });
  });

  it("trims ordinary spaces and line breaks at the ends before it looks", () => {
    const body = validBody();
    body.claimant.firstName = "  Ada \n";
    expect(claimIntakeSchema(TODAY).parse(body).claimant.firstName).toBe("Ada");
  });

  it("refuses control characters in an expense description and a response message, not line breaks", () => {
    expect(errorsFor((b) => (b.expenses[0].description = "Train\u0000"))).toEqual({
      "expenses.0.description": ["Expense description must not contain control characters"],
    });
    expect(claimResponseSchema.safeParse({ message: "Hello\r\n\tthere" }).success).toBe(true);
    expect(claimResponseSchema.safeParse({ message: "Hello\u0007" }).error?.issues[0].message).toBe(
      "Message must not contain control characters",
    );
  });
});

describe("the intake schema keeps dates in a sane range", () => {
  it("an event date before 2000 or a date of birth before 1900 is refused", () => {
    expect(errorsFor((b) => (b.eventDate = "1999-12-31"))).toEqual({ eventDate: ["Event date must be 1 January 2000 or later"] });
    expect(errorsFor((b) => (b.eventDate = "0001-01-01"))).toEqual({ eventDate: ["Event date must be 1 January 2000 or later"] });
    expect(errorsFor((b) => (b.claimant.dateOfBirth = "1899-12-31"))).toEqual({
      "claimant.dateOfBirth": ["Date of birth must be 1 January 1900 or later"],
    });
    expect(errorsFor((b) => (b.claimant.dateOfBirth = "0000-01-01"))).toEqual({
      "claimant.dateOfBirth": ["Date of birth must be 1 January 1900 or later"],
    });
  });

  it("the earliest dates themselves are accepted", () => {
    const body = validBody();
    body.eventDate = "2000-01-01";
    body.claimant.dateOfBirth = "1900-01-01";
    expect(claimIntakeSchema(TODAY).safeParse(body).success).toBe(true);
  });
});
