// The rule every CSV the portal writes follows so that no cell becomes a spreadsheet formula
// (CSV or formula injection; OWASP's "CSV Injection" page and ASVS 5.0 requirement 1.2.10). The
// rows come from uploads and from what claimants typed, and people open the files in Excel or
// LibreOffice, where a formula can fetch URLs or, through DDE, run programs. Pure.
//
// A cell is escaped (a ' put in front, and the cell quoted) when a spreadsheet could read a
// formula in it:
// 1. it starts with = + - @, or with a tab, CR, LF or NUL (a spreadsheet may drop those and then
//    see what follows);
// 2. it starts with whitespace followed by = + - @ (some spreadsheets trim leading spaces);
// 3. a field separator inside it (`,` `;` tab CR LF), optionally followed by whitespace or quotes,
//    is followed by = + - @. Excel in a locale whose list separator is `;` splits an unquoted
//    `x;=1+1` into two cells, the second a formula; quoting the cell keeps it one cell, and the
//    apostrophe keeps it text.
// A plain number with a minus sign (-12.50) is a negative amount, not a formula: it is left as it
// is, at the start of a cell or after a separator, so amounts stay numbers.

const PLAIN_NEGATIVE_NUMBER = /^-\d+(\.\d+)?$/;
const STARTS_WITH_CONTROL = /^[\t\r\n\0]/;
const SEPARATOR = /[,;\t\r\n]/;
const FORMULA_CHARACTER = /^[=+\-@]/;

/** Whether `piece` (a cell, or what follows a separator in it) begins a formula once `lead` is skipped. */
function beginsFormula(piece: string, lead: RegExp): boolean {
  const rest = piece.replace(lead, "");
  if (!FORMULA_CHARACTER.test(rest)) return false;
  return !PLAIN_NEGATIVE_NUMBER.test(rest.trimEnd());
}

export function isFormulaLike(cell: string): boolean {
  if (STARTS_WITH_CONTROL.test(cell)) return true;
  const [first, ...after] = cell.split(SEPARATOR);
  if (beginsFormula(first, /^\s+/)) return true;
  return after.some((piece) => beginsFormula(piece, /^[\s"']+/));
}

/** The cell as a spreadsheet will show it as text: prefixed with ' when it could be read as a formula. */
export function formulaSafe(cell: string): string {
  return isFormulaLike(cell) ? `'${cell}` : cell;
}
