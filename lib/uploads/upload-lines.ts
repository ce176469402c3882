import Papa from "papaparse";

/**
 * Shared by every upload parser and by the error report: turning decoded text into numbered lines
 * and fields, following docs/file-formats.md#rules-for-every-upload.
 *
 * Why line by line rather than one Papa.parse of the whole text: every message must name the line,
 * and only physical lines match what a person sees in an editor. Our formats never put a line break
 * inside a field, so a quote left open at the end of a line is reported as an error on that line
 * instead of silently swallowing the following lines.
 */

export interface UploadLine {
  /** 1-based physical line number in the uploaded file. */
  lineNo: number;
  text: string;
}

const BOM = "\uFEFF";

export const BINARY_FILE_MESSAGE = "The file is not a CSV text file (it contains binary data or is not UTF-8)";
export const EMPTY_FILE_MESSAGE = "The file is empty";

/** True for bytes that are not UTF-8 text: a NUL byte (no CSV has one), or invalid UTF-8. */
export function looksBinary(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return true;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return false;
  } catch {
    return true;
  }
}

/**
 * Decodes an upload, or says why it is not text, naming the line and column of the first bad byte.
 * A BOM is stripped by TextDecoder.
 */
export function decodeUpload(bytes: Uint8Array): { ok: true; text: string } | { ok: false; message: string } {
  const checker = new Utf8Checker();
  const problem = checker.push(bytes) ?? checker.end();
  if (problem) return { ok: false, message: utf8ProblemMessage(problem) };
  return { ok: true, text: new TextDecoder("utf-8").decode(bytes) };
}

/** Where a file stops being UTF-8 text: 1-based line, and column in characters. */
export interface Utf8Problem {
  lineNo: number;
  column: number;
  kind: "nul" | "invalid";
}

/** The whole-file message for a file that is not UTF-8 text, naming where it goes wrong. */
export function utf8ProblemMessage(problem: Utf8Problem): string {
  const where = `Line ${problem.lineNo.toLocaleString("en-GB")}, column ${problem.column.toLocaleString("en-GB")}`;
  return problem.kind === "nul"
    ? `${where}: a NUL byte. ${BINARY_FILE_MESSAGE}`
    : `${where}: not UTF-8. ${BINARY_FILE_MESSAGE}: save it as "CSV UTF-8" and upload it again`;
}

/**
 * Checks bytes as they stream past for UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
 * above U+10FFFF) and for NUL, keeping the line and column so the first problem can be named. A
 * character split across chunks is fine. A leading byte order mark is not counted as a column.
 */
export class Utf8Checker {
  private lineNo = 1;
  private column = 1;
  private offset = 0;
  /** Continuation bytes still expected, the range the next one must be in, and the code point so far. */
  private need = 0;
  private lower = 0x80;
  private upper = 0xbf;
  private codePoint = 0;
  private problem: Utf8Problem | null = null;

  push(chunk: Uint8Array): Utf8Problem | null {
    if (this.problem) return this.problem;
    for (let i = 0; i < chunk.length; i++, this.offset++) {
      const byte = chunk[i];
      if (this.need === 0) {
        if (byte < 0x80) {
          if (byte === 0) return this.fail("nul");
          if (byte === 0x0a) {
            this.lineNo += 1;
            this.column = 1;
          } else this.column += 1;
          continue;
        }
        if (byte >= 0xc2 && byte <= 0xdf) this.start(1, byte & 0x1f, 0x80, 0xbf);
        else if (byte >= 0xe0 && byte <= 0xef)
          this.start(2, byte & 0x0f, byte === 0xe0 ? 0xa0 : 0x80, byte === 0xed ? 0x9f : 0xbf);
        else if (byte >= 0xf0 && byte <= 0xf4)
          this.start(3, byte & 0x07, byte === 0xf0 ? 0x90 : 0x80, byte === 0xf4 ? 0x8f : 0xbf);
        else return this.fail("invalid");
        continue;
      }
      if (byte < this.lower || byte > this.upper) return this.fail("invalid");
      this.lower = 0x80;
      this.upper = 0xbf;
      this.codePoint = (this.codePoint << 6) | (byte & 0x3f);
      if (--this.need === 0) {
        // The byte order mark opening the file is not a character anyone sees.
        const bom = this.codePoint === 0xfeff && this.offset === 2;
        if (!bom) this.column += 1;
      }
    }
    return null;
  }

  /** After the last chunk: a character cut off at the end is a problem too. */
  end(): Utf8Problem | null {
    if (this.problem) return this.problem;
    return this.need > 0 ? this.fail("invalid") : null;
  }

  private start(need: number, bits: number, lower: number, upper: number) {
    this.need = need;
    this.codePoint = bits;
    this.lower = lower;
    this.upper = upper;
  }

  private fail(kind: Utf8Problem["kind"]): Utf8Problem {
    this.problem = { lineNo: this.lineNo, column: this.column, kind };
    return this.problem;
  }
}

/** A problem with the file as a whole (not UTF-8, empty): it is refused with this one message. */
export class UploadFileProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UploadFileProblem";
  }
}

// Blank lines are held back until a line with something on it shows they were not trailing; their
// text is kept for the error report up to this many characters in all, then they count as "".
const HELD_BLANK_TEXT = 64 * 1024;

/**
 * splitUploadLines for a file that arrives as a stream of bytes: the same lines, in batches as the
 * bytes come, never the whole text at once. Throws UploadFileProblem at the first byte that is not
 * UTF-8 (or a NUL), naming its line and column; what was yielded before it must then be discarded.
 */
export async function* uploadLineBatches(source: AsyncIterable<Uint8Array>): AsyncGenerator<UploadLine[]> {
  const checker = new Utf8Checker();
  const decoder = new TextDecoder("utf-8");
  let partial = "";
  let lineNo = 0;
  let first = true;
  let blankFrom = 0;
  let blankCount = 0;
  let blankTexts = new Map<number, string>();
  let blankTextSize = 0;

  const take = (text: string, out: UploadLine[]) => {
    lineNo += 1;
    if (text.trim() === "") {
      if (blankCount === 0) blankFrom = lineNo;
      blankCount += 1;
      if (text !== "" && blankTextSize + text.length <= HELD_BLANK_TEXT) {
        blankTexts.set(lineNo, text);
        blankTextSize += text.length;
      }
      return;
    }
    for (let n = blankFrom; n < blankFrom + blankCount; n++) out.push({ lineNo: n, text: blankTexts.get(n) ?? "" });
    blankCount = 0;
    blankTexts = new Map();
    blankTextSize = 0;
    out.push({ lineNo, text });
  };

  const split = (text: string, final: boolean): UploadLine[] => {
    const out: UploadLine[] = [];
    let start = 0;
    for (let at = text.indexOf("\n"); at >= 0; start = at + 1, at = text.indexOf("\n", start)) {
      const end = at > start && text.charCodeAt(at - 1) === 0x0d ? at - 1 : at;
      take(text.slice(start, end), out);
    }
    partial = text.slice(start);
    if (final) {
      take(partial, out);
      partial = "";
    }
    return out;
  };

  for await (const chunk of source) {
    const problem = checker.push(chunk);
    if (problem) throw new UploadFileProblem(utf8ProblemMessage(problem));
    let text = partial + decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      // TextDecoder drops a leading BOM; a second one is dropped too, as decodeUpload and splitUploadLines do.
      first = false;
      if (text.startsWith(BOM)) text = text.slice(1);
    }
    const lines = split(text, false);
    if (lines.length > 0) yield lines;
  }
  const problem = checker.end();
  if (problem) throw new UploadFileProblem(utf8ProblemMessage(problem));
  const lines = split(partial + decoder.decode(), true);
  if (lines.length > 0) yield lines;
}

/**
 * Splits text into numbered lines: strips one leading BOM, accepts LF and CRLF, and drops trailing
 * blank (empty or whitespace-only) lines. Blank lines in the middle are kept, so the parser can
 * report them; a lone CR is left inside the line text for the same reason.
 */
export function splitUploadLines(text: string): UploadLine[] {
  const body = text.startsWith(BOM) ? text.slice(1) : text;
  const lines = body.split(/\r?\n/).map((t, i) => ({ lineNo: i + 1, text: t }));
  while (lines.length > 0 && lines[lines.length - 1].text.trim() === "") lines.pop();
  return lines;
}

/**
 * Fields of one line, with papaparse: comma only (no delimiter guessing, which could pick ";" or a
 * tab from a reason text), no dynamicTyping (it turns "010203" into 10203 and "0012.30" into 12.3).
 * `problem` is set when quoting is broken; the fields are then papaparse's best effort.
 */
export function splitFields(line: string): { fields: string[]; problem: string | null } {
  // Without a quote papaparse only splits on commas: the same fields, much faster on a large file.
  if (line !== "" && !line.includes('"')) return { fields: line.split(","), problem: null };
  const result = Papa.parse<string[]>(line, {
    delimiter: ",",
    newline: "\n",
    quoteChar: '"',
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
  });
  const fields = result.data[0] ?? [];
  const error = result.errors[0];
  let problem: string | null = null;
  if (error) {
    problem =
      error.code === "MissingQuotes"
        ? "has a quoted field with no closing quote"
        : error.code === "InvalidQuotes"
          ? "has a quote in the wrong place (a quoted field must be quoted from its first to its last character)"
          : `could not be read as CSV (${error.message})`;
  }
  return { fields, problem };
}
