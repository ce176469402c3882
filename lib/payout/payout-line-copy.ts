import { decryptText, encryptText } from "@/lib/crypto/bank-details-cipher";
import { poundsText } from "@/lib/money";
import { PAYOUT_FILE_COLUMNS, PAYOUT_LINE_END, type PayoutFile } from "./format-payout-file";

// A Payout file line's own copy of what it pays to (docs/runs.md#payout-run): the line's text as
// selection formatted it (the cleaned name and address, reference, amount, letter code and date),
// encrypted with the bank-details key into FileLine.bankDetailsCiphertext, as a bank line keeps the
// bank details it pays to. The stored file is made from these copies alone, so every attempt of a
// run stores the same bytes whatever changes in the claimants' records meanwhile.

/** A stored line, as its copy must agree with it. */
export interface StoredPayoutLine {
  lineNo: number;
  /** Column 13 as stored: the payment's reference. */
  fileReference: string;
  amountPence: number;
}

/** Each line's text of a formatted chunk (ending in its line end), in the order of `file.lines`. */
export function payoutLineTexts(file: PayoutFile): string[] {
  // The formatter ends every line with PAYOUT_LINE_END and allows it nowhere else.
  const texts = file.text.split(PAYOUT_LINE_END).slice(0, -1);
  if (texts.length !== file.lines.length) {
    throw new Error(`a Payout file of ${file.lines.length} lines split into ${texts.length}`);
  }
  return texts.map((text) => text + PAYOUT_LINE_END);
}

export function encryptPayoutLine(text: string, key: Buffer): string {
  return encryptText(text, key);
}

/**
 * The line text kept in `ciphertext`, once it is known to be one Payout line for `stored`'s
 * reference and amount; otherwise an error naming the line (no copy, the wrong key, another line).
 */
export function decryptPayoutLine(ciphertext: string | null, key: Buffer, stored: StoredPayoutLine): string {
  if (!ciphertext) throw new Error(`file line ${stored.lineNo} has no copy of the line it pays`);
  let text: string;
  try {
    text = decryptText(ciphertext, key);
  } catch {
    throw new Error(`file line ${stored.lineNo}'s copy could not be decrypted with the bank-details key`);
  }
  const problem = payoutLineCopyProblem(text, stored);
  if (problem) throw new Error(`file line ${stored.lineNo}'s copy ${problem}`);
  return text;
}

/** Why `text` is not the Payout line `stored` describes, or null when it is. Pure. */
export function payoutLineCopyProblem(text: string, stored: StoredPayoutLine): string | null {
  if (!text.endsWith(PAYOUT_LINE_END) || text.slice(0, -PAYOUT_LINE_END.length).includes(PAYOUT_LINE_END)) {
    return "is not one line";
  }
  if (!/^[\x20-\x7E\n]*$/.test(text)) return "is not printable ASCII";
  const columns = text.slice(0, -PAYOUT_LINE_END.length).split(",");
  if (columns.length !== PAYOUT_FILE_COLUMNS) return `has ${columns.length} columns, not ${PAYOUT_FILE_COLUMNS}`;
  if (columns[12] !== stored.fileReference) return `names reference ${columns[12]}, not ${stored.fileReference}`;
  const amount = poundsText(stored.amountPence);
  if (columns[0] !== amount) return `pays ${columns[0]}, not ${amount}`;
  return null;
}
