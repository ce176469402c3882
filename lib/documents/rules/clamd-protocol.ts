// The little of clamd's protocol the portal speaks (docs/documents.md#virus-scanning): the
// INSTREAM command, chunks each led by a 4-byte big-endian length, a zero-length chunk to end,
// and one answer line. Pure.

/** "z" commands are NUL-terminated, and so are their answers. */
export const INSTREAM_COMMAND = Buffer.from("zINSTREAM\0", "latin1");
export const END_OF_STREAM = Buffer.alloc(4);

/** Chunks sent to clamd are at most this long (clamd's own default StreamMaxLength is 25 MB in all). */
export const CLAMD_CHUNK_BYTES = 64 * 1024;

/** The length prefix of one chunk. */
export function chunkHeader(length: number): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32BE(length, 0);
  return header;
}

export type ScanVerdict = { clean: true } | { clean: false; signature: string };

export class ClamdAnswerError extends Error {
  constructor(readonly answer: string) {
    super(`clamd answered ${JSON.stringify(answer.slice(0, 200))}`);
    this.name = "ClamdAnswerError";
  }
}

/**
 * "stream: OK" is clean; "stream: <signature> FOUND" is infected; anything else ("INSTREAM size
 * limit exceeded. ERROR", "stream: Can't allocate memory ERROR", garbage) is an error, never clean.
 */
export function parseClamdAnswer(raw: string): ScanVerdict {
  const answer = raw.replace(/\0+$/, "").trim();
  if (answer === "stream: OK") return { clean: true };
  const found = /^stream: (.+) FOUND$/.exec(answer);
  if (found) return { clean: false, signature: found[1] };
  throw new ClamdAnswerError(answer);
}

/** CLAMD_HOST as "host:port" ("[::1]:3310" for IPv6); null when it is not one. */
export function parseClamdHost(value: string): { host: string; port: number } | null {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9.-]+)):(\d{1,5})$/.exec(value.trim());
  if (!match) return null;
  const port = Number(match[3]);
  if (port < 1 || port > 65535) return null;
  return { host: match[1] ?? match[2], port };
}
