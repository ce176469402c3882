import { isIsoDate, longDate } from "@/lib/dates/london-date";
import type { VoucherLetter } from "@/lib/notify/letter-kit";
import {
  BOLD,
  FONT,
  LEFT,
  MM,
  TEXT_TOP,
  TEXT_WIDTH,
  TOP_RIGHT_X,
  drawAddress,
  drawReferenceAndDate,
  letterPdf,
} from "@/lib/notify/letter-layout";
import { formatPence } from "@/lib/money";

import { barcodePng } from "./barcode";
import { paymentCodeProblem } from "./rules/payment-code";

/**
 * The letter that carries a cash voucher to a claimant who asked for post
 * (docs/file-formats.md#barcodes-and-voucher-letters): one A4 page, the address placed for a DL
 * window envelope, the amount, the payment code as text and as a Code 128 barcode, the expiry date
 * and how to collect. Pure and deterministic: the same input gives the same bytes (the creation
 * date is the letter's date, the file ID is derived from it, and only the standard PDF fonts are
 * used, so nothing is embedded or subset at random).
 */

const BARCODE_WIDTH = 75 * MM;
const MONO = "Courier-Bold";

// The standard fonts are WinAnsi-encoded; anything outside Latin-1 would print as a wrong glyph.
const PRINTABLE = /^[\x20-\x7E\u00A0-\u00FF]*$/;

/** The letter's PDF bytes; rejects (never prints a wrong letter) on a value it cannot print. */
export async function voucherPdf(input: VoucherLetter): Promise<Uint8Array> {
  check(input);
  const title = `Cash payment voucher ${input.paymentReference}`;
  return letterPdf({ title, letterDate: input.letterDate, margins: { top: 0, bottom: 0, left: 0, right: 0 } }, (doc) =>
    draw(doc, input),
  );
}

function check(input: VoucherLetter): void {
  const problem = paymentCodeProblem(input.code);
  if (problem !== null) throw new RangeError(`voucher letter: ${problem}`);
  if (!Number.isSafeInteger(input.amountPence) || input.amountPence <= 0) {
    throw new RangeError(`voucher letter: amount must be a positive whole number of pence, got ${input.amountPence}`);
  }
  for (const field of ["expiryDate", "letterDate"] as const) {
    if (!isIsoDate(input[field]))
      throw new RangeError(`voucher letter: ${field} ${JSON.stringify(input[field])} is not YYYY-MM-DD`);
  }
  for (const field of ["paymentReference", "firstName", "lastName", "addressLine1", "town", "county", "postcode"] as const) {
    const value = input[field] ?? "";
    if (!PRINTABLE.test(value)) {
      throw new RangeError(`voucher letter: ${field} ${JSON.stringify(value)} has characters the letter's fonts cannot print`);
    }
  }
}

function draw(doc: PDFKit.PDFDocument, input: VoucherLetter): void {
  const name = `${input.firstName} ${input.lastName}`;
  const expiry = longDate(input.expiryDate);

  // Top right, above the fold: what this is, and the reference to quote.
  doc
    .font(BOLD)
    .fontSize(14)
    .text("Cash payment voucher", TOP_RIGHT_X, 20 * MM, { lineBreak: false });
  drawReferenceAndDate(doc, { reference: input.paymentReference, letterDate: input.letterDate });
  drawAddress(
    doc,
    [name, input.addressLine1, input.town, input.county ?? "", input.postcode].filter((l) => l.trim() !== ""),
  );

  let y = TEXT_TOP;
  const line = (text: string, font = FONT, size = 11, gap = 1.5) => {
    doc.font(font).fontSize(size);
    // Fixed wording is broken into lines by hand so the layout never depends on wrapping.
    if (doc.widthOfString(text) > TEXT_WIDTH) throw new Error(`voucher letter line too wide: ${text}`);
    doc.text(text, LEFT, y, { lineBreak: false });
    y += size * 1.2 + gap;
  };

  doc.font(FONT).fontSize(11);
  doc.text(`Dear ${name},`, LEFT, y, { width: TEXT_WIDTH });
  y = doc.y + 8;
  line("You have a cash payment to collect from any Post Office branch.");
  y += 6;
  line("Amount", BOLD, 11, 0);
  line(formatPence(input.amountPence), BOLD, 16, 6);
  line("Payment code", BOLD, 11, 0);
  line(input.code, MONO, 16, 4);

  const png = Buffer.from(barcodePng(input.code));
  doc.image(png, LEFT, y, { width: BARCODE_WIDTH });
  const size = pngSize(png);
  y += (BARCODE_WIDTH * size.height) / size.width + 8;

  line("Collect it by", BOLD, 11, 0);
  line(expiry, BOLD, 16, 10);
  line("How to collect your money", BOLD, 12, 2);
  line("Take this letter and photo identification, such as a passport or driving licence, to any");
  line("Post Office branch. The counter staff will scan the barcode or key in the payment code,");
  line("check your identity and pay you the amount above in cash.", FONT, 11, 8);
  line("The voucher expires after the date above and can no longer be cashed. Keep this letter");
  line("safe. If you lose it, or cannot collect the money in time, contact us and quote your");
  line(`reference ${input.paymentReference}.`);
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}
