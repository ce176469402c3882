import { describe, expect, it } from "vitest";
import { decodeUpload, looksBinary, splitFields, splitUploadLines } from "./upload-lines";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("looksBinary", () => {
  it.each([
    ["plain ASCII", utf8("010203,12345678,Tom,1.00,REF\n"), false],
    ["UTF-8 with £ and ë", utf8("£ Zoë"), false],
    ["UTF-8 with BOM", utf8("\uFEFFabc"), false],
    ["nothing at all", new Uint8Array(), false],
    ["a NUL byte", new Uint8Array([0x61, 0x00, 0x62]), true],
    ["Windows-1252 ë (0xEB)", new Uint8Array([0x5a, 0x6f, 0xeb]), true],
    ["a truncated multibyte character", new Uint8Array([0x61, 0xc2]), true],
  ])("%s -> %s", (_label, bytes, expected) => {
    expect(looksBinary(bytes)).toBe(expected);
  });
});

describe("decodeUpload", () => {
  it("decodes UTF-8 and drops the BOM", () => {
    expect(decodeUpload(utf8("\uFEFFa,b"))).toEqual({ ok: true, text: "a,b" });
  });
  it("refuses binary", () => {
    const result = decodeUpload(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00]));
    expect(result.ok).toBe(false);
  });
});

describe("splitUploadLines", () => {
  it("numbers physical lines, for LF and CRLF, after a BOM", () => {
    expect(splitUploadLines("\uFEFFa\r\nb\nc")).toEqual([
      { lineNo: 1, text: "a" },
      { lineNo: 2, text: "b" },
      { lineNo: 3, text: "c" },
    ]);
  });
  it("drops trailing blank lines but keeps blank lines in the middle", () => {
    expect(splitUploadLines("a\n\nb\n\n \r\n\n")).toEqual([
      { lineNo: 1, text: "a" },
      { lineNo: 2, text: "" },
      { lineNo: 3, text: "b" },
    ]);
  });
  it("has no lines for empty or blank text", () => {
    expect(splitUploadLines("")).toEqual([]);
    expect(splitUploadLines("\uFEFF")).toEqual([]);
    expect(splitUploadLines("\n \r\n")).toEqual([]);
  });
  it("leaves a lone CR inside the line, for the parser to report", () => {
    expect(splitUploadLines("a\rb")).toEqual([{ lineNo: 1, text: "a\rb" }]);
  });
});

describe("splitFields", () => {
  it("keeps leading zeros and decimals as text", () => {
    expect(splitFields("010203,00012345,0012.30")).toEqual({ fields: ["010203", "00012345", "0012.30"], problem: null });
  });
  it("reads quoted fields with commas and doubled quotes", () => {
    expect(splitFields('"a, b","say ""hi""",c').fields).toEqual(["a, b", 'say "hi"', "c"]);
  });
  it("only splits on commas", () => {
    expect(splitFields("a;b\tc").fields).toEqual(["a;b\tc"]);
  });
  it("reports broken quoting", () => {
    expect(splitFields('a,"b').problem).toBe("has a quoted field with no closing quote");
    expect(splitFields('a,"b"c,d').problem).toMatch(/quote in the wrong place/);
  });
});
