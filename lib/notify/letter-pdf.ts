import PDFDocument from "pdfkit";
import type { LetterKit } from "./letter-kit";

/**
 * A plain letter (every message sent by post that is not a voucher) as a precompiled PDF for
 * Notify: the address where a voucher letter puts it (the envelope's window), the date and
 * reference top right, then the subject and the text. Pure and deterministic: the letter's date is
 * the PDF's creation date and only the standard fonts are used, so the same letter gives the same
 * bytes, and the outbox shows exactly what was sent.
 */

export interface PlainLetter {
  address: string[];
  subject: string;
  body: string;
  /** YYYY-MM-DD (London): printed, and the PDF's creation date. */
  letterDate: string;
  /** Printed top right when given (the claim reference). */
  reference?: string | null;
}

const MM = 72 / 25.4;
const FONT = "Helvetica";
const BOLD = "Helvetica-Bold";
/** Below the window (the voucher letter's text starts here too). */
const TEXT_TOP = 100 * MM;
const DATE_BLOCK_WIDTH = 70 * MM;

export async function plainLetterPdf(
  letter: PlainLetter,
  layout: Pick<LetterKit, "page" | "addressPosition">,
): Promise<Uint8Array> {
  const lines = {
    address: letter.address.map((l) => printable(l, "address")).filter((l) => l.trim() !== ""),
    subject: printable(letter.subject, "subject"),
    body: printable(letter.body, "text"),
    reference: letter.reference ? printable(letter.reference, "reference") : null,
  };
  if (lines.address.length === 0) throw new RangeError("letter: there is no address to print");
  const { page, addressPosition } = layout;
  const left = addressPosition.x;
  const width = page.width - 2 * left;
  const doc = new PDFDocument({
    size: [page.width, page.height],
    margins: { top: 20 * MM, bottom: 20 * MM, left, right: left },
    info: {
      Title: lines.subject,
      Creator: "Disburse",
      Producer: "Disburse",
      CreationDate: new Date(`${letter.letterDate}T00:00:00Z`),
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    doc.on("end", () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on("error", reject);
  });

  const blockX = page.width - left - DATE_BLOCK_WIDTH;
  doc.font(FONT).fontSize(10);
  if (lines.reference) doc.text(`Reference: ${lines.reference}`, blockX, 28 * MM, { lineBreak: false });
  doc.text(`Date: ${longDate(letter.letterDate)}`, blockX, 33 * MM, { lineBreak: false });

  doc.font(FONT).fontSize(11);
  doc.text(lines.address[0], addressPosition.x, addressPosition.y, { width: addressPosition.width });
  for (const line of lines.address.slice(1)) doc.text(line, { width: addressPosition.width });

  doc.font(BOLD).fontSize(12).text(lines.subject, left, TEXT_TOP, { width });
  doc.moveDown(0.8);
  // Paragraph by paragraph, so a blank line in the text stays a gap; long ones flow onto a new page.
  doc.font(FONT).fontSize(11);
  for (const paragraph of lines.body.split(/\n{2,}/)) {
    doc.text(paragraph, left, doc.y, { width });
    doc.moveDown(0.6);
  }
  doc.end();
  return done;
}

/** "2027-03-12" -> "12 March 2027". */
export function longDate(isoDate: string): string {
  return new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );
}

// The standard PDF fonts print Windows-1252 (WinAnsi): Latin-1 and these few more.
const WIN_ANSI_EXTRA = new Set("€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ");
const printableChar = (c: string) =>
  c === "\n" || (c >= " " && c <= "~") || (c >= "\u00A0" && c <= "\u00FF") || WIN_ANSI_EXTRA.has(c);

/**
 * The text with accents the fonts lack taken off (ő -> o), so a name still prints as itself as
 * nearly as the fonts allow; a character that still cannot print refuses the letter rather than
 * printing a wrong glyph.
 */
export function printable(text: string, what: string): string {
  const out: string[] = [];
  const bad = new Set<string>();
  for (const c of text.replace(/\r\n?/g, "\n").replace(/\t/g, " ")) {
    if (printableChar(c)) {
      out.push(c);
      continue;
    }
    const plain = c.normalize("NFKD").replace(/\p{M}/gu, "");
    if (plain !== "" && [...plain].every(printableChar)) out.push(plain);
    else bad.add(c);
  }
  if (bad.size > 0) {
    throw new RangeError(`letter: the ${what} has characters the letter's fonts cannot print: ${[...bad].join(" ")}`);
  }
  return out.join("");
}
