import { describe, expect, it } from "vitest";
import { describeBytes, MB, UploadGuard } from "./upload-limits";

const bytes = (s: string) => new TextEncoder().encode(s);

function feed(guard: UploadGuard, text: string, chunk = 7): string | null {
  const all = bytes(text);
  for (let at = 0; at < all.length; at += chunk) {
    const problem = guard.push(all.subarray(at, at + chunk));
    if (problem) return problem;
  }
  return guard.finish();
}

describe("UploadGuard", () => {
  it("takes a file of exactly the limit and refuses one byte more, at the chunk that crosses it", () => {
    expect(feed(new UploadGuard({ maxBytes: 10 }), "0123456789")).toBeNull();
    const guard = new UploadGuard({ maxBytes: 10 });
    expect(guard.push(bytes("0123456789"))).toBeNull();
    expect(guard.push(bytes("x"))).toMatch(/^The file is larger than 10 bytes/);
    expect(guard.bytes).toBe(11);
  });

  it("refuses an empty file when it ends", () => {
    expect(new UploadGuard({ maxBytes: 10 }).finish()).toBe("The file is empty");
  });

  it("counts columns by commas outside quotes, per line, whatever the chunks", () => {
    const limits = { maxBytes: MB, maxColumns: 3, columnsHint: "expected 5 or 6" };
    for (const chunk of [1, 2, 5, 100]) {
      expect(feed(new UploadGuard(limits), 'a,"b,c,d",e\nf,g,h\n', chunk)).toBeNull();
      expect(feed(new UploadGuard(limits), "a,b,c\nd,e,f,g\n", chunk)).toBe(
        "Line 2 has more than 3 columns; expected 5 or 6: the file was not read further",
      );
    }
  });

  it("refuses a line longer than the cap (CR and LF not counted)", () => {
    const limits = { maxBytes: MB, maxLineBytes: 5 };
    expect(feed(new UploadGuard(limits), "12345\r\n12345\n")).toBeNull();
    expect(feed(new UploadGuard(limits), "12345\n123456\n")).toMatch(/^Line 2 is longer than 5 bytes/);
  });

  it("refuses more lines than the cap, but not trailing line ends", () => {
    const limits = { maxBytes: MB, maxLines: 2 };
    expect(feed(new UploadGuard(limits), "a\nb\n\n\n")).toBeNull();
    expect(feed(new UploadGuard(limits), "a\nb\nc")).toMatch(/^The file has more than 2 lines/);
  });
});

describe("describeBytes", () => {
  it("says MB for whole megabytes, bytes otherwise", () => {
    expect(describeBytes(100 * MB)).toBe("100 MB");
    expect(describeBytes(5 * MB + 1)).toBe("5,242,881 bytes");
    expect(describeBytes(1)).toBe("1 byte");
  });
});
