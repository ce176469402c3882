import PDFDocument from "pdfkit";

import { longDate } from "@/lib/dates/london-date";

/**
 * Where things sit on every letter we post (A4 folded in three into a DL window envelope): the
 * plain letter (letter-pdf.ts) and the voucher letter (lib/payout/voucher-pdf.ts) draw their
 * reference, date and address with these, so the address always shows in the window.
 */

export const MM = 72 / 25.4;
/** A4 in points. */
export const PAGE = { width: 595.28, height: 841.89 } as const;
/** Where the first address line's top sits: inside the window of a DL envelope for a letter folded in three. */
export const ADDRESS_POSITION = { x: 20 * MM, y: 48 * MM, width: 85 * MM } as const;
/** The text's left edge, in line with the address. */
export const LEFT = ADDRESS_POSITION.x;
export const TEXT_WIDTH = PAGE.width - 2 * LEFT;
/** Below the window, where the letter's text starts. */
export const TEXT_TOP = 100 * MM;
/** The block top right, above the fold: the letter's title, reference and date. */
export const TOP_RIGHT_X = 120 * MM;

export const FONT = "Helvetica";
export const BOLD = "Helvetica-Bold";

/** "Reference: …" (when there is one) and "Date: …", top right. */
export function drawReferenceAndDate(doc: PDFKit.PDFDocument, letter: { reference: string | null; letterDate: string }): void {
  doc.font(FONT).fontSize(10);
  if (letter.reference) doc.text(`Reference: ${letter.reference}`, TOP_RIGHT_X, 28 * MM, { lineBreak: false });
  doc.text(`Date: ${longDate(letter.letterDate)}`, TOP_RIGHT_X, 33 * MM, { lineBreak: false });
}

/** The name and address in the window, one line each; a long line wraps inside the window rather than being cut. */
export function drawAddress(doc: PDFKit.PDFDocument, lines: readonly string[]): void {
  doc.font(FONT).fontSize(11);
  doc.text(lines[0], ADDRESS_POSITION.x, ADDRESS_POSITION.y, { width: ADDRESS_POSITION.width });
  for (const line of lines.slice(1)) doc.text(line, { width: ADDRESS_POSITION.width });
}

/**
 * An A4 letter's PDF bytes, drawn by `draw`. Deterministic: the letter's date is the creation date
 * and only the standard fonts are used (nothing is embedded or subset at random), so the same
 * letter gives the same bytes.
 */
export async function letterPdf(
  options: { title: string; letterDate: string; margins: PDFKit.PDFDocumentOptions["margins"] },
  draw: (doc: PDFKit.PDFDocument) => void,
): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    margins: options.margins,
    info: {
      Title: options.title,
      Creator: "Disburse",
      Producer: "Disburse",
      CreationDate: new Date(`${options.letterDate}T00:00:00Z`),
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });
  draw(doc);
  doc.end();
  return done;
}
