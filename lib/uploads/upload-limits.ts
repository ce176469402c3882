// What a staff upload may be, checked on the bytes as they arrive (docs/file-formats.md#rules-for-every-upload),
// before anything parses them: the size, and for line-based formats the length of a line and its
// number of columns. Reading stops at the first chunk that breaks a rule, so a hostile file costs
// at most the limit plus one chunk, whatever its real size. Pure.

export interface UploadLimits {
  /** The most bytes a file may have. */
  maxBytes: number;
  /** Line formats: the most bytes on one line (CR and LF not counted). */
  maxLineBytes?: number;
  /** Line formats: the most comma-separated columns on one line (commas inside quotes not counted). */
  maxColumns?: number;
  /** Line formats: the most lines a file may have. */
  maxLines?: number;
  /** What the format expects, added to the too-many-columns message ("expected 5 or 6"). */
  columnsHint?: string;
}

export const MB = 1024 * 1024;

/** "100 MB" for whole megabytes, otherwise the exact number of bytes ("5,242,881 bytes"). */
export function describeBytes(bytes: number): string {
  if (bytes > 0 && bytes % MB === 0) return `${(bytes / MB).toLocaleString("en-GB")} MB`;
  return `${bytes.toLocaleString("en-GB")} ${bytes === 1 ? "byte" : "bytes"}`;
}

export const EMPTY_UPLOAD_MESSAGE = "The file is empty";
export const NO_FILE_MESSAGE = "Choose a file to upload";

export function tooLargeMessage(maxBytes: number): string {
  return `The file is larger than ${describeBytes(maxBytes)}, the most this upload takes: split it and upload the parts one by one`;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const COMMA = 0x2c;

/**
 * Watches the bytes of one upload go past. `push` each chunk before using it: a message means
 * stop reading, the file is refused. Columns are counted by commas outside double quotes, which is
 * how the CSV rules split a line (a quote state never crosses a line end: fields hold no breaks).
 */
export class UploadGuard {
  /** Bytes seen so far, the refused chunk included. */
  bytes = 0;
  private lineNo = 1;
  private lineBytes = 0;
  private columns = 1;
  private inQuotes = false;

  constructor(private readonly limits: UploadLimits) {}

  push(chunk: Uint8Array): string | null {
    this.bytes += chunk.length;
    if (this.bytes > this.limits.maxBytes) return tooLargeMessage(this.limits.maxBytes);
    const { maxLineBytes, maxColumns, maxLines } = this.limits;
    if (maxLineBytes === undefined && maxColumns === undefined && maxLines === undefined) return null;
    const lineCap = maxLineBytes ?? Number.POSITIVE_INFINITY;
    const columnCap = maxColumns ?? Number.POSITIVE_INFINITY;
    const linesCap = maxLines ?? Number.POSITIVE_INFINITY;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === LF) {
        this.lineNo += 1;
        this.lineBytes = 0;
        this.columns = 1;
        this.inQuotes = false;
        continue;
      }
      if (this.lineBytes === 0 && this.lineNo > linesCap) {
        return `The file has more than ${linesCap.toLocaleString("en-GB")} lines, the most this upload takes: split it and upload the parts one by one`;
      }
      if (byte !== CR && ++this.lineBytes > lineCap) {
        return `Line ${this.lineNo.toLocaleString("en-GB")} is longer than ${describeBytes(lineCap)}, far more than a row of this file has: the file was not read further`;
      }
      if (byte === QUOTE) this.inQuotes = !this.inQuotes;
      else if (byte === COMMA && !this.inQuotes && ++this.columns > columnCap) {
        const hint = this.limits.columnsHint ? `; ${this.limits.columnsHint}` : "";
        return `Line ${this.lineNo.toLocaleString("en-GB")} has more than ${columnCap.toLocaleString("en-GB")} columns${hint}: the file was not read further`;
      }
    }
    return null;
  }

  /** After the last chunk: an empty file is refused too. */
  finish(): string | null {
    return this.bytes === 0 ? EMPTY_UPLOAD_MESSAGE : null;
  }
}
