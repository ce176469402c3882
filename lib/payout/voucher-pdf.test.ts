import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

import { describe, expect, it } from "vitest";

import { pdfImages, pdfPageCount, pdfTextLines } from "./pdf-text.test-helper";
import type { VoucherLetter } from "@/lib/notify/letter-kit";
import { ADDRESS_POSITION, PAGE } from "@/lib/notify/letter-layout";

import { voucherPdf } from "./voucher-pdf";

// The golden is the letter's text, line by line in drawing order (the wording of voucher-pdf.ts with
// the values below filled in), not its bytes: a pdfkit upgrade may change the bytes, never the words.
const GOLDEN = fileURLToPath(new URL("./fixtures/golden-voucher-letter.txt", import.meta.url));

const MM = 72 / 25.4;
/** Helvetica's ascender is 718/1000 of the font size: the line's top is that far above its baseline. */
const HELVETICA_ASCENT = 0.718;

const INPUT: VoucherLetter = {
  paymentReference: "7KQ2M9X-01",
  firstName: "Siobhan",
  lastName: "OShea",
  addressLine1: "Flat 2 10 Main Road",
  town: "Newry",
  county: "Co. Down",
  postcode: "BT34 1AB",
  amountPence: 123450,
  code: "K7QX2M9PLA4TZ",
  expiryDate: "2027-03-12",
  letterDate: "2026-11-28",
};

describe("voucherPdf: golden text", async () => {
  const pdf = await voucherPdf(INPUT);
  const lines = pdfTextLines(pdf, PAGE.height);

  it("is one A4 page", () => {
    expect(Buffer.from(pdf.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    expect(pdfPageCount(pdf)).toBe(1);
    expect(Buffer.from(pdf).toString("latin1")).toContain("/MediaBox [0 0 595.28 841.89]");
  });

  it("says exactly the golden text, in order", () => {
    expect(lines.map((l) => l.text).join("\n") + "\n").toBe(readFileSync(GOLDEN, "utf8"));
  });

  it("puts the name and address in a DL envelope's window: 20 mm from the left, 45-50 mm from the top", () => {
    const address = lines.slice(3, 8);
    expect(address.map((l) => l.text)).toEqual(["Siobhan OShea", "Flat 2 10 Main Road", "Newry", "Co. Down", "BT34 1AB"]);
    for (const l of address) {
      expect(l.x).toBeCloseTo(20 * MM, 2);
      expect([l.font, l.size]).toEqual(["Helvetica", 11]);
    }
    const top = address[0].baselineFromTop - HELVETICA_ASCENT * 11;
    expect(top / MM).toBeGreaterThanOrEqual(45);
    expect(top / MM).toBeLessThanOrEqual(50);
    // A window is about 45 mm tall: the whole block must fit in it.
    expect(address[4].baselineFromTop / MM).toBeLessThan(90);
  });

  it("prints the code in a fixed-width font and draws its barcode between the code and the expiry date", () => {
    const code = lines.find((l) => l.text === INPUT.code)!;
    expect([code.font, code.size]).toEqual(["Courier-Bold", 16]);
    const images = pdfImages(pdf);
    expect(images).toHaveLength(1);
    const [barcode] = images;
    expect(barcode.x).toBeCloseTo(20 * MM, 2);
    expect(barcode.width / MM).toBeCloseTo(75, 1);
    expect(barcode.topFromTop).toBeGreaterThan(code.baselineFromTop);
    const collect = lines.find((l) => l.text === "Collect it by")!;
    expect(barcode.topFromTop + barcode.height).toBeLessThan(collect.baselineFromTop - HELVETICA_ASCENT * 11);
  });

  it("keeps every line on the page, inside 20 mm margins", () => {
    for (const l of lines) {
      expect(l.x).toBeGreaterThanOrEqual(20 * MM - 0.01);
      expect(l.baselineFromTop).toBeLessThan(PAGE.height - 20 * MM);
    }
  });

  it("gives the same bytes for the same input, with the letter's date as the creation date", async () => {
    expect(Buffer.from(await voucherPdf({ ...INPUT })).equals(Buffer.from(pdf))).toBe(true);
    expect(Buffer.from(pdf).toString("latin1")).toContain("(D:20261128000000Z)");
    const later = await voucherPdf({ ...INPUT, letterDate: "2026-11-29" });
    expect(Buffer.from(later).equals(Buffer.from(pdf))).toBe(false);
    expect(pdfTextLines(later, PAGE.height)[2].text).toBe("Date: 29 November 2026");
  });
});

describe("voucherPdf: addresses", () => {
  it("leaves out a blank county and wraps a long line inside the window instead of cutting it", async () => {
    const long = "Flat 12 The Old Mill Buildings Upper Riverside Walk";
    const pdf = await voucherPdf({ ...INPUT, county: null, addressLine1: long });
    const texts = pdfTextLines(pdf, PAGE.height).map((l) => l.text);
    const start = texts.indexOf("Siobhan OShea");
    const end = texts.indexOf("BT34 1AB");
    const block = texts.slice(start + 1, end - 1);
    expect(block.length).toBeGreaterThan(1);
    // pdfkit keeps the space it broke the line at.
    expect(block.map((t) => t.trim()).join(" ")).toBe(long);
    expect(texts).not.toContain("Co. Down");
    for (const l of pdfTextLines(pdf, PAGE.height).slice(start, end + 1)) {
      expect(l.x).toBeCloseTo(ADDRESS_POSITION.x, 2);
    }
  });
});

describe("voucherPdf: refuses what it cannot print", () => {
  it.each<[string, Partial<VoucherLetter>, RegExp]>([
    ["a name outside the fonts' characters", { lastName: "Петров" }, /lastName .* cannot print/],
    ["a code that is not 13 letters and digits", { code: "K7QX2M9PLA4T" }, /12 characters/],
    ["an amount of zero", { amountPence: 0 }, /positive whole number/],
    ["an expiry date that is not YYYY-MM-DD", { expiryDate: "12/03/2027" }, /expiryDate/],
  ])("%s", async (_what, change, message) => {
    await expect(voucherPdf({ ...INPUT, ...change })).rejects.toThrow(message);
  });

  it("accepts Latin-1 letters, which the standard fonts carry", async () => {
    const pdf = await voucherPdf({ ...INPUT, firstName: "Zoë" });
    expect(pdfTextLines(pdf, PAGE.height)[3].text).toBe("Zoë OShea");
  });
});
