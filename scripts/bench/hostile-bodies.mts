// The hostile uploads the bench posts to the failed-payments route (pure): what each file is, its
// bytes, and the multipart/form-data body a browser would send for it. The corpus in
// lib/direct-payments/failed-payments/corpus proves the answers and the bounded work; these are
// the same shapes at the sizes the issue measured, for timing.

export interface HostileCase {
  /** a..g, as bench/README.md lists them. */
  id: string;
  /** What the file is, for the table. */
  label: string;
  fileName: string;
  file: Buffer;
  /** Sent this many bytes at a time, this many ms apart (a slow sender); unset: as fast as it goes. */
  trickle?: { chunkBytes: number; intervalMs: number };
  /** The one case meant to change something: a valid file is applied. */
  valid?: boolean;
}

/** Bytes of seeded noise (xorshift32), the same every run. */
export function noise(bytes: number, seed = 0x9e3779b9): Buffer {
  const out = Buffer.alloc(bytes);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < bytes; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

/** Whole lines of `lines`, repeated in order until the file is exactly `bytes` long (the last line cut). */
export function filledWith(lines: readonly string[], bytes: number): Buffer {
  const block = Buffer.from(lines.map((l) => `${l}\n`).join(""));
  const out = Buffer.alloc(bytes);
  for (let at = 0; at < bytes; at += block.length) block.copy(out, at, 0, Math.min(block.length, bytes - at));
  return out;
}

/**
 * The seven cases. `lines` are real lines of SSCL's failed-payments file for the bench's sent
 * payments (the first of them is repeated in (a)); `maxBytes` is the server's UPLOAD_MAX_MB.
 */
export function hostileCases(options: { lines: readonly string[]; maxBytes: number; slowBytes?: number }): HostileCase[] {
  const { lines, maxBytes } = options;
  if (lines.length === 0) throw new Error("the hostile uploads need at least one line of the failed-payments file");
  const slowBytes = options.slowBytes ?? 20 * 1024;
  const line = (text: string, times: number) => Buffer.from(`${text}\n`.repeat(times));
  // Whole lines of the real file, about slowBytes of them: a valid file that applies.
  const slowLines: string[] = [];
  for (let size = 0, i = 0; i < lines.length && size < slowBytes; i++) {
    slowLines.push(lines[i]);
    size += lines[i].length + 1;
  }
  return [
    { id: "a", label: "2,000 copies of one valid line", fileName: "hostile-a-same-line.csv", file: line(lines[0], 2_000) },
    {
      id: "b",
      label: "one line of 40,000 fields",
      fileName: "hostile-b-wide-line.csv",
      file: Buffer.from(`${Array.from({ length: 40_000 }, (_, i) => String(i % 10)).join(",")}\n`),
    },
    { id: "c", label: "130,000 short rows, each an error", fileName: "hostile-c-short-rows.csv", file: line("1,2,3", 130_000) },
    {
      id: "d",
      label: `UPLOAD_MAX_MB (${maxBytes / 1024 / 1024} MB) plus one byte`,
      fileName: "hostile-d-too-large.csv",
      file: filledWith(lines, maxBytes + 1),
    },
    { id: "e", label: "1 MB of binary bytes", fileName: "hostile-e-binary.csv", file: noise(1024 * 1024) },
    { id: "f", label: "one line of 1 MB", fileName: "hostile-f-long-line.csv", file: Buffer.alloc(1024 * 1024, "A") },
    {
      id: "g",
      label: `a valid file of ${slowLines.length} lines, sent at 4 KB/s`,
      fileName: "hostile-g-slow.csv",
      file: Buffer.from(slowLines.map((l) => `${l}\n`).join("")),
      trickle: { chunkBytes: 1024, intervalMs: 250 },
      valid: true,
    },
  ];
}

/** A multipart/form-data body with the file in the field the route reads, as a browser frames it. */
export function multipartBody(options: { field: string; fileName: string; file: Buffer; boundary: string }): {
  body: Buffer;
  contentType: string;
} {
  const { field, fileName, file, boundary } = options;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
      `Content-Type: text/csv\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, file, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}
