// Bacs-safe text for payment files (docs/file-formats.md#bacs-characters, reused by the Payout
// file: docs/file-formats.md#not-built-yet).
// The cleaning order is part of the contract, so each step below is one function applied in
// that order, and each reports what it changed: the run shows every change as a warning
// instead of altering a payee's name silently.

export type BacsCharacterSet = "bacs" | "payout";

export interface CleanBacsTextOptions {
  /** Cut to this many characters (AccessPay: 18). No cut when omitted. */
  maxLength?: number;
  /** Which characters survive: Bacs (`A-Z a-z 0-9 space . & / -`) or Payout (no `&` or `/`). */
  allowed?: BacsCharacterSet;
}

export interface CleanedText {
  value: string;
  /** One plain-words entry per kind of change made; empty when the value was already clean. */
  changes: string[];
}

const ALLOWED: Record<BacsCharacterSet, RegExp> = {
  bacs: /^[A-Za-z0-9 .&/-]$/,
  payout: /^[A-Za-z0-9 .-]$/,
};

// Letters that NFKD leaves whole (they are letters of their own, not letters with accents).
// prettier-ignore
const LETTERS: Readonly<Record<string, string>> = {
  ß: "ss", ẞ: "SS", Æ: "AE", æ: "ae", Œ: "OE", œ: "oe", Ø: "O", ø: "o", Ł: "L", ł: "l",
  Đ: "D", đ: "d", Ð: "D", ð: "d", Þ: "Th", þ: "th", Ħ: "H", ħ: "h", ı: "i", ĸ: "k",
  Ŋ: "N", ŋ: "n", Ŀ: "L", ŀ: "l", Ə: "E", ə: "e", ƒ: "f",
};

// oxlint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
const ASCII = /^[\x00-\x7F]*$/;
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const COMBINING_MARKS = /\p{M}/gu;
const WHITESPACE = /^\s$/u;

export function cleanBacsText(value: string, options: CleanBacsTextOptions = {}): CleanedText {
  const { maxLength, allowed = "bacs" } = options;
  if (maxLength !== undefined && (!Number.isInteger(maxLength) || maxLength < 1)) {
    throw new RangeError(`maxLength must be a positive whole number, got ${maxLength}`);
  }
  const changes: string[] = [];
  let text = transliterate(value, changes);
  text = dropDisallowed(text, ALLOWED[allowed], changes);
  text = collapseSpaces(text, changes);
  text = dropLeadingNonAlphanumerics(text, changes);
  if (maxLength !== undefined) text = cut(text, maxLength, changes);
  text = trim(text, changes);
  return { value: text, changes };
}

function transliterate(value: string, changes: string[]): string {
  let spacing = false;
  // NFC first so a letter typed as base + combining accent is handled like the precomposed one.
  const out = Array.from(value.normalize("NFC"), (char) => {
    if (WHITESPACE.test(char)) {
      // Tabs, line breaks and no-break spaces would otherwise be dropped, gluing two words together.
      if (char !== " ") spacing = true;
      return " ";
    }
    if (ASCII.test(char)) return char;
    const mapped = LETTERS[char];
    if (mapped !== undefined) return mapped;
    if (!LETTER_OR_DIGIT.test(char)) return char;
    const decomposed = char.normalize("NFKD").replace(COMBINING_MARKS, "");
    // Letters of other scripts have no ASCII form: leave them for the next step to drop.
    return decomposed !== "" && ASCII.test(decomposed) ? decomposed : char;
  }).join("");
  if (spacing) changes.push("replaced tabs, line breaks or other spacing characters with spaces");
  if (out !== value.replace(/\s/gu, " ")) changes.push(`transliterated '${value}' to '${out}'`);
  return out;
}

function dropDisallowed(value: string, allowed: RegExp, changes: string[]): string {
  const removed = new Set<string>();
  let kept = "";
  // Array.from walks code points, so an emoji is one removed character, not two halves.
  for (const char of Array.from(value)) {
    if (allowed.test(char)) kept += char;
    else removed.add(char);
  }
  if (removed.size > 0) changes.push(`removed characters: ${[...removed].map(describeChar).join(" ")}`);
  return kept;
}

function collapseSpaces(value: string, changes: string[]): string {
  const collapsed = value.replace(/ {2,}/g, " ");
  if (collapsed !== value) changes.push("collapsed repeated spaces");
  return collapsed;
}

// A cell starting with = + - @ is a formula to a spreadsheet; letters or digits first rules that out.
function dropLeadingNonAlphanumerics(value: string, changes: string[]): string {
  const leading = /^[^A-Za-z0-9]*/.exec(value)?.[0] ?? "";
  if (leading === "") return value;
  changes.push(leading.trim() === "" ? "removed leading spaces" : `removed leading characters: '${leading}'`);
  return value.slice(leading.length);
}

function cut(value: string, maxLength: number, changes: string[]): string {
  if (value.length <= maxLength) return value;
  changes.push(`cut to ${maxLength} characters`);
  return value.slice(0, maxLength);
}

function trim(value: string, changes: string[]): string {
  // Leading spaces are already gone, so only trailing ones can remain here.
  const trimmed = value.trimEnd();
  if (trimmed !== value) changes.push("removed trailing spaces");
  return trimmed;
}

/** Invisible or control characters are named by code point so the warning is readable. */
function describeChar(char: string): string {
  if (/^[\p{C}\p{Z}]$/u.test(char)) {
    return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return char;
}
