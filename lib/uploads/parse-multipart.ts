// A streaming reader for multipart/form-data (RFC 7578), the body a browser sends for a form with
// a file input, with or without JavaScript. The file part's bytes are handed on as they arrive,
// never gathered: the upload route streams them to the store while the guard counts them
// (docs/file-formats.md#rules-for-every-upload). Pure: bytes in, parts out.

export interface MultipartPart {
  /** The form field's name. */
  name: string;
  /** The file's name as the browser sent it; null for a plain field, "" for a file input left empty. */
  fileName: string | null;
  contentType: string | null;
  /** The part's bytes. Read it (or stop) before asking for the next part. */
  body: AsyncIterable<Uint8Array>;
}

export class MultipartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MultipartError";
  }
}

/** The boundary of a multipart/form-data content type, or null when it is something else. */
export function multipartBoundary(contentType: string | null): string | null {
  if (!contentType || !/^\s*multipart\/form-data\s*;/i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return match ? (match[1] ?? match[2]) : null;
}

const MAX_HEADER_BYTES = 16 * 1024;
const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");

/** Pulls chunks from the source on demand, keeping what has not been used yet. */
class Reader {
  buffer: Buffer = Buffer.alloc(0);
  private done = false;
  private readonly iterator: AsyncIterator<Uint8Array>;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** One more chunk into the buffer; false at the end of the body. */
  async more(): Promise<boolean> {
    if (this.done) return false;
    const next = await this.iterator.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    const chunk = Buffer.from(next.value.buffer, next.value.byteOffset, next.value.byteLength);
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    return true;
  }

  take(n: number): Buffer {
    const head = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return head;
  }

  /** Stops reading the body (the caller has what it needs, or gave up). */
  async stop(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await this.iterator.return?.();
  }
}

/**
 * The parts of a multipart body in order. Each part's body streams from the source; asking for
 * the next part skips whatever of the previous one was not read. Breaking out of the loop stops
 * reading the source.
 */
export async function* multipartParts(source: AsyncIterable<Uint8Array>, boundary: string): AsyncGenerator<MultipartPart> {
  const reader = new Reader(source);
  // The body starts with "--boundary"; every later delimiter is "\r\n--boundary". Starting the
  // buffer with a CRLF lets one search find both.
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  reader.buffer = Buffer.from(CRLF);
  try {
    if (!(await skipPast(reader, delimiter))) throw new MultipartError("The upload is not a form with a file in it");
    for (;;) {
      // After a delimiter: "--" ends the body, otherwise (optional padding) CRLF and a part's headers.
      while (reader.buffer.length < 2) if (!(await reader.more())) throw new MultipartError("The upload ended early");
      if (reader.buffer[0] === 0x2d && reader.buffer[1] === 0x2d) return;
      const headers = await readHeaders(reader);
      let finished = false;
      const body = partBody(reader, delimiter, () => {
        finished = true;
      });
      yield { ...headers, body };
      // Skip whatever of the part the caller did not read.
      if (!finished && !(await skipPast(reader, delimiter))) throw new MultipartError("The upload ended early");
    }
  } finally {
    await reader.stop();
  }
}

async function skipPast(reader: Reader, delimiter: Buffer): Promise<boolean> {
  for (;;) {
    const at = reader.buffer.indexOf(delimiter);
    if (at >= 0) {
      reader.take(at + delimiter.length);
      return true;
    }
    // Keep a tail that could be the start of the delimiter; drop the rest (the preamble).
    if (reader.buffer.length >= delimiter.length) reader.take(reader.buffer.length - delimiter.length + 1);
    if (!(await reader.more())) return false;
  }
}

async function readHeaders(reader: Reader): Promise<Omit<MultipartPart, "body">> {
  let end: number;
  while ((end = reader.buffer.indexOf(HEADER_END)) < 0) {
    if (reader.buffer.length > MAX_HEADER_BYTES) throw new MultipartError("The upload's form headers are too long");
    if (!(await reader.more())) throw new MultipartError("The upload ended early");
  }
  // From just after the delimiter: transport padding, CRLF, then the header lines.
  const block = reader.take(end + HEADER_END.length).toString("utf8");
  const lines = block.split("\r\n").slice(1);
  let disposition = "";
  let contentType: string | null = null;
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "content-disposition") disposition = value;
    else if (name === "content-type") contentType = value;
  }
  if (!/^form-data\b/i.test(disposition)) throw new MultipartError("The upload's form part has no Content-Disposition");
  return { name: dispositionParam(disposition, "name") ?? "", fileName: dispositionParam(disposition, "filename"), contentType };
}

/** A parameter of Content-Disposition, quoted ("a \"b\"") or not; null when absent. */
function dispositionParam(disposition: string, param: string): string | null {
  const pattern = new RegExp(`;\\s*${param}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, "i");
  const match = pattern.exec(disposition);
  if (!match) return null;
  return match[1] !== undefined ? match[1].replace(/\\(.)/g, "$1") : (match[2] ?? "");
}

async function* partBody(reader: Reader, delimiter: Buffer, onEnd: () => void): AsyncGenerator<Uint8Array> {
  for (;;) {
    const at = reader.buffer.indexOf(delimiter);
    if (at >= 0) {
      if (at > 0) yield reader.take(at);
      reader.take(delimiter.length);
      onEnd();
      return;
    }
    // All but a tail that could be the start of the delimiter is certainly the part's.
    const safe = reader.buffer.length - delimiter.length + 1;
    if (safe > 0) yield reader.take(safe);
    if (!(await reader.more())) throw new MultipartError("The upload ended early: the file did not arrive whole");
  }
}
