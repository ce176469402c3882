// COPY's text format out, CSV in: what the run's streaming steps read and write.
import { describe, expect, it } from "vitest";
import { csvRow, parseCopyLine, uuidLiteral } from "./copy-rows";

describe("parseCopyLine", () => {
  it("splits on tabs, reads \\N as NULL and undoes COPY's escapes", () => {
    expect(parseCopyLine("a\t\\N\t12\t")).toEqual(["a", null, "12", ""]);
    expect(parseCopyLine("tab\\there\tline\\nbreak\tback\\\\slash\tcr\\r")).toEqual([
      "tab\there",
      "line\nbreak",
      "back\\slash",
      "cr\r",
    ]);
    // A field that is the two characters \N is written \\N, and stays text.
    expect(parseCopyLine("\\\\N")).toEqual(["\\N"]);
    expect(parseCopyLine("Zoë O'Brien")).toEqual(["Zoë O'Brien"]);
  });
});

describe("csvRow", () => {
  it("quotes text (doubling quotes), writes numbers bare and NULL as an empty unquoted field", () => {
    expect(csvRow([1, "L", null, 'say "hi", then\nleave', ""])).toBe('1,"L",,"say ""hi"", then\nleave",""\n');
  });
});

describe("uuidLiteral", () => {
  it("quotes a uuid for a COPY query and refuses anything else", () => {
    expect(uuidLiteral("0F8FAD5B-D9CB-469F-A165-70867728950E")).toBe("'0f8fad5b-d9cb-469f-a165-70867728950e'::uuid");
    expect(() => uuidLiteral('x\'; DROP TABLE "Payment"; --')).toThrow("not a uuid");
  });
});
