import { BOLD, FONT, LEFT, MM, TEXT_TOP, TEXT_WIDTH, drawAddress, drawReferenceAndDate, letterPdf } from "./letter-layout";

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

export async function plainLetterPdf(letter: PlainLetter): Promise<Uint8Array> {
  const lines = {
    address: letter.address.map((l) => printable(l, "address")).filter((l) => l.trim() !== ""),
    subject: printable(letter.subject, "subject"),
    body: printable(letter.body, "text"),
    reference: letter.reference ? printable(letter.reference, "reference") : null,
  };
  if (lines.address.length === 0) throw new RangeError("letter: there is no address to print");
  // Margins, unlike the voucher's one fixed page: a long text flows onto a new page.
  const margins = { top: 20 * MM, bottom: 20 * MM, left: LEFT, right: LEFT };
  return letterPdf({ title: lines.subject, letterDate: letter.letterDate, margins }, (doc) => {
    drawReferenceAndDate(doc, { reference: lines.reference, letterDate: letter.letterDate });
    drawAddress(doc, lines.address);

    doc.font(BOLD).fontSize(12).text(lines.subject, LEFT, TEXT_TOP, { width: TEXT_WIDTH });
    doc.moveDown(0.8);
    // Paragraph by paragraph, so a blank line in the text stays a gap; long ones flow onto a new page.
    doc.font(FONT).fontSize(11);
    for (const paragraph of lines.body.split(/\n{2,}/)) {
      doc.text(paragraph, LEFT, doc.y, { width: TEXT_WIDTH });
      doc.moveDown(0.6);
    }
  });
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
