// What a person tells us about themselves (names, address lines, the name on a bank account) is
// shown on screens and letters and written into payment files, so it must read the same to
// everyone: no characters that are invisible, that reorder the text around them (a right-to-left
// override turns "Smith\u202Egpj.exe" into "Smithexe.jpg" on screen), or that a database or a file
// format cannot hold. Free text (an expense description, a message) keeps line breaks and tabs
// but still refuses the rest of the control characters. Pure.

/**
 * Refused in names and address lines:
 * - Cc: control characters (NUL, tab, line breaks, escape, DEL, C1 controls);
 * - Cf: format characters, which include every bidi control (U+202A–U+202E, U+2066–U+2069,
 *   U+200E, U+200F, U+061C) and the zero-width and invisible ones (U+200B–U+200D, U+2060, U+FEFF,
 *   U+180E, the soft hyphen U+00AD, tag characters);
 * - Cs: a lone surrogate (half of a character; a proper pair is one character and allowed);
 * - Zl, Zp: the line and paragraph separators U+2028, U+2029;
 * - the Hangul fillers, letters that draw nothing (U+115F, U+1160, U+3164, U+FFA0).
 */
const HIDDEN_IN_PERSON_TEXT = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\u115F\u1160\u3164\uFFA0]/u;

/** Refused in free text: control characters other than tab, LF and CR, and lone surrogates. */
const HIDDEN_IN_FREE_TEXT = /[^\P{Cc}\t\n\r]|\p{Cs}/u;

const HIDDEN_EVERYWHERE = new RegExp(HIDDEN_IN_PERSON_TEXT.source, "gu");

export function hasHiddenCharacters(text: string): boolean {
  return HIDDEN_IN_PERSON_TEXT.test(text);
}

export function hasControlCharacters(text: string): boolean {
  return HIDDEN_IN_FREE_TEXT.test(text);
}

// No name or address starts with these, and a spreadsheet reads a cell that does as a formula
// (lib/csv/formula-safe.ts escapes them on the way out; refusing them on the way in costs no one).
const FORMULA_START = /^[=+\-@]/;

export function startsLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

export function formulaStartMessage(label: string): string {
  return `${label} must not start with =, +, - or @`;
}

/** "First name must not contain hidden or direction-changing characters". */
export function hiddenCharactersMessage(label: string): string {
  return `${label} must not contain hidden or direction-changing characters`;
}

export function controlCharactersMessage(label: string): string {
  return `${label} must not contain control characters`;
}

/**
 * The rule for a person's name or address line, for code that reads one outside the intake
 * schemas (which apply it already): null when `text` (trimmed) is fine, else the message naming
 * `label`.
 */
export function personTextProblem(label: string, text: string): string | null {
  if (hasHiddenCharacters(text)) return hiddenCharactersMessage(label);
  return startsLikeFormula(text.trim()) ? formulaStartMessage(label) : null;
}

/**
 * `text` with every character the person-text rule refuses replaced by `replacement`: for a label
 * we keep but do not refuse, such as an uploaded file's name, so it shows on screen as it is.
 */
export function replaceHiddenCharacters(text: string, replacement = "_"): string {
  return text.replace(HIDDEN_EVERYWHERE, replacement);
}
