import { describe, expect, it } from "vitest";
import { ClamdAnswerError, chunkHeader, parseClamdAnswer, parseClamdHost } from "./clamd-protocol";
import { documentSecurityPolicy } from "./document-headers";
import { cleanDocumentFileName, inlineDisposition, MAX_FILE_NAME_LENGTH } from "./document-file-name";
import { describeSize, documentTooLargeMessage, MIB } from "./document-limits";
import { sniffDocumentType } from "./document-type";
import { isRefusalReason, REFUSAL_REASONS, refusalMessage } from "./refusal-reasons";
import { chooseScanner } from "./scanner-choice";

const bytes = (...values: number[]) => Uint8Array.from(values);
const text = (s: string) => Uint8Array.from(Buffer.from(s, "latin1"));

describe("sniffDocumentType", () => {
  it("knows PNG, JPEG and PDF by their first bytes", () => {
    expect(sniffDocumentType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toEqual({
      contentType: "image/png",
      label: "PNG",
    });
    expect(sniffDocumentType(bytes(0xff, 0xd8, 0xff, 0xe1))).toEqual({ contentType: "image/jpeg", label: "JPEG" });
    expect(sniffDocumentType(text("%PDF-1.7\n"))).toEqual({ contentType: "application/pdf", label: "PDF" });
  });

  it("refuses everything else, including near misses and files that only claim a type later on", () => {
    for (const head of [
      text("MZ\x90\x00"), // a Windows program
      text("GIF89a"),
      text("<svg xmlns="),
      text("<html><script>"),
      text("PK\x03\x04"), // zip, docx
      text("\x7fELF"),
      text(" %PDF-1.4"), // a PDF header not at the start (a polyglot)
      text("%PDF"), // no version dash
      bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a), // a PNG signature cut short
      bytes(0xff, 0xd8), // a JPEG start cut short
      bytes(),
    ]) {
      expect(sniffDocumentType(head)).toBeNull();
    }
  });
});

describe("cleanDocumentFileName", () => {
  it("keeps only the last part of a path", () => {
    expect(cleanDocumentFileName("C:\\Users\\ada\\receipt.png")).toBe("receipt.png");
    expect(cleanDocumentFileName("../../etc/passwd")).toBe("passwd");
    expect(cleanDocumentFileName("/tmp/")).toBe("document");
  });

  it("drops control, bidi and invisible characters, so a name reads as it is", () => {
    expect(cleanDocumentFileName("receipt\u202Egnp.exe")).toBe("receiptgnp.exe");
    expect(cleanDocumentFileName("a\u0000b\u0007c\u007f\u009b.pdf")).toBe("abc.pdf");
    expect(cleanDocumentFileName("zero\u200Bwidth\uFEFF.png")).toBe("zerowidth.png");
    expect(cleanDocumentFileName("two\r\nlines\t.png")).toBe("two lines .png");
  });

  it("drops leading dots and trims, falling back to a name by type", () => {
    expect(cleanDocumentFileName("...hidden.png")).toBe("hidden.png");
    expect(cleanDocumentFileName("  \u202E  ", "application/pdf")).toBe("document.pdf");
    expect(cleanDocumentFileName("..", "image/jpeg")).toBe("document.jpg");
  });

  it("keeps Unicode names (normalised) and cuts long ones keeping the extension", () => {
    expect(cleanDocumentFileName("Rec\u0327u.pdf")).toBe("Reçu.pdf");
    expect(cleanDocumentFileName("Квитанция.png")).toBe("Квитанция.png");
    const long = cleanDocumentFileName(`${"a".repeat(500)}.jpeg`);
    expect([...long].length).toBe(MAX_FILE_NAME_LENGTH);
    expect(long.endsWith("a.jpeg")).toBe(true);
  });
});

describe("inlineDisposition", () => {
  it("gives an ASCII name with quotes and non-ASCII replaced, and the exact name in UTF-8", () => {
    expect(inlineDisposition('my "receipt".png')).toBe(
      `inline; filename="my _receipt_.png"; filename*=UTF-8''my%20%22receipt%22.png`,
    );
    expect(inlineDisposition("Reçu (1).pdf")).toBe(`inline; filename="Re_u (1).pdf"; filename*=UTF-8''Re%C3%A7u%20%281%29.pdf`);
  });
});

describe("clamd protocol", () => {
  it("frames chunks with a 4-byte big-endian length", () => {
    expect([...chunkHeader(65_536)]).toEqual([0, 1, 0, 0]);
    expect([...chunkHeader(0)]).toEqual([0, 0, 0, 0]);
  });

  it("reads OK as clean and FOUND as infected; anything else is an error", () => {
    expect(parseClamdAnswer("stream: OK\0")).toEqual({ clean: true });
    expect(parseClamdAnswer("stream: Win.Test.EICAR_HDB-1 FOUND\0")).toEqual({ clean: false, signature: "Win.Test.EICAR_HDB-1" });
    for (const answer of [
      "INSTREAM size limit exceeded. ERROR\0",
      "stream: Can't allocate memory ERROR",
      "",
      "OK",
      "stream: OKAY",
    ]) {
      expect(() => parseClamdAnswer(answer)).toThrow(ClamdAnswerError);
    }
  });

  it("reads CLAMD_HOST as host:port", () => {
    expect(parseClamdHost("127.0.0.1:3310")).toEqual({ host: "127.0.0.1", port: 3310 });
    expect(parseClamdHost("clamav.internal:3310")).toEqual({ host: "clamav.internal", port: 3310 });
    expect(parseClamdHost("[::1]:3310")).toEqual({ host: "::1", port: 3310 });
    for (const bad of ["127.0.0.1", "host:0", "host:70000", "tcp://host:3310", "host:33a", ""])
      expect(parseClamdHost(bad)).toBeNull();
  });
});

describe("chooseScanner", () => {
  it("scans with clamd whenever CLAMD_HOST is set; without it demo keeps files unscanned and production refuses", () => {
    expect(chooseScanner({ mode: "production", clamdHost: "10.0.0.5:3310" })).toEqual({
      kind: "clamd",
      address: { host: "10.0.0.5", port: 3310 },
    });
    expect(chooseScanner({ mode: "demo", clamdHost: "127.0.0.1:3310" }).kind).toBe("clamd");
    expect(chooseScanner({ mode: "demo" })).toEqual({ kind: "none-demo" });
    expect(chooseScanner({ mode: "production" })).toEqual({ kind: "none-refuse" });
  });
});

describe("sizes and refusals", () => {
  it("describes sizes and the limit", () => {
    expect([describeSize(1), describeSize(900), describeSize(2048), describeSize(10 * MIB), describeSize(1.5 * MIB)]).toEqual([
      "1 byte",
      "900 bytes",
      "2 KB",
      "10 MB",
      "1.5 MB",
    ]);
    expect(documentTooLargeMessage(10 * MIB)).toBe("The file must be smaller than 10 MB");
  });

  it("has a message for every refusal reason, and knows no others", () => {
    for (const reason of REFUSAL_REASONS) expect(refusalMessage(reason, MIB).length).toBeGreaterThan(10);
    expect(refusalMessage("infected", MIB)).toBe("The file contains a virus and was not kept");
    expect(isRefusalReason("too-large")).toBe(true);
    expect(isRefusalReason("<script>")).toBe(false);
    expect(isRefusalReason(undefined)).toBe(false);
  });
});

describe("documentSecurityPolicy", () => {
  it("sandboxes every document; images get nothing else, PDFs only their viewer's scripts", () => {
    expect(documentSecurityPolicy("image/png")).toBe("sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'");
    expect(documentSecurityPolicy("image/jpeg")).toBe(documentSecurityPolicy("image/png"));
    const pdf = documentSecurityPolicy("application/pdf");
    expect(pdf.startsWith("sandbox allow-scripts allow-downloads;")).toBe(true);
    expect(pdf).not.toContain("allow-same-origin");
  });
});
