import { describe, expect, it } from "vitest";
import { alsoOnLines, bound, MAX_MESSAGE_CHARS } from "./receive-upload";
import {
  decodeUpload,
  splitUploadLines,
  UploadFileProblem,
  uploadLineBatches,
  Utf8Checker,
  type UploadLine,
} from "./upload-lines";

const utf8 = (s: string) => new TextEncoder().encode(s);

async function* chunks(bytes: Uint8Array, size: number) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function streamed(bytes: Uint8Array, size: number): Promise<UploadLine[]> {
  const out: UploadLine[] = [];
  for await (const batch of uploadLineBatches(chunks(bytes, size))) out.push(...batch);
  return out;
}

const TEXTS = [
  "",
  "\uFEFF",
  "\n \r\n",
  "a\r\nb\nc",
  "\uFEFFa\r\nb\nc\n",
  "a\n\nb\n\n \r\n\n",
  "a\rb",
  "Zoë,£12.50,ß\r\n\r\n  \r\nend",
  "\uFEFF\uFEFFtwo boms\n",
  "x\n".repeat(50) + "\n\n\n",
  "😀 emoji,𝄞\n\t\n",
];

describe("uploadLineBatches", () => {
  it.each(TEXTS.flatMap((t) => [1, 2, 3, 5, 64].map((size) => [JSON.stringify(t).slice(0, 30), t, size] as const)))(
    "gives the lines splitUploadLines gives: %s in chunks of %i",
    async (_label, text, size) => {
      expect(await streamed(utf8(text), size)).toEqual(
        splitUploadLines(decodeUpload(utf8(text)).ok ? new TextDecoder().decode(utf8(text)) : ""),
      );
    },
  );

  it("refuses bytes that are not UTF-8, naming the first bad line and column", async () => {
    const bytes = new Uint8Array([...utf8("ok,1\nZo"), 0xeb, ...utf8(",2\n")]);
    for (const size of [1, 3, 100]) {
      await expect(streamed(bytes, size)).rejects.toThrow(new UploadFileProblem("x").constructor);
      await expect(streamed(bytes, size)).rejects.toThrow(/^Line 2, column 3: not UTF-8/);
    }
  });
});

describe("Utf8Checker", () => {
  const check = (bytes: number[] | Uint8Array) => {
    const c = new Utf8Checker();
    return c.push(Uint8Array.from(bytes)) ?? c.end();
  };
  it.each([
    ["plain text", utf8("a,b\nc"), null],
    ["multibyte characters count once", [...utf8("£é€😀"), 0xff], { lineNo: 1, column: 5, kind: "invalid" }],
    ["a leading BOM is not a column", [...utf8("\uFEFFab"), 0x80], { lineNo: 1, column: 3, kind: "invalid" }],
    ["NUL", [...utf8("ab\ncd"), 0], { lineNo: 2, column: 3, kind: "nul" }],
    ["an overlong form", [0xc0, 0xaf], { lineNo: 1, column: 1, kind: "invalid" }],
    ["a surrogate", [0xed, 0xa0, 0x80], { lineNo: 1, column: 1, kind: "invalid" }],
    ["above U+10FFFF", [0xf4, 0x90, 0x80, 0x80], { lineNo: 1, column: 1, kind: "invalid" }],
    ["cut off at the end", [0x61, 0xe2, 0x82], { lineNo: 1, column: 2, kind: "invalid" }],
  ])("%s", (_label, bytes, expected) => {
    expect(check(bytes as number[])).toEqual(expected);
  });
});

describe("stored messages", () => {
  it("say where else a problem is, briefly", () => {
    expect(alsoOnLines([21], 1)).toBe(" (also on line 21)");
    expect(alsoOnLines([21, 22], 2)).toBe(" (also on lines 21 and 22)");
    expect(alsoOnLines([21, 22], 1_980)).toBe(" (also on lines 21, 22 and 1,978 more)");
  });
  it("are cut to the bound, keeping the summary", () => {
    const message = bound("x".repeat(2_000), " (also on line 21)");
    expect(message).toHaveLength(MAX_MESSAGE_CHARS);
    expect(message.endsWith("… (also on line 21)")).toBe(true);
    expect(bound("short")).toBe("short");
  });
});
