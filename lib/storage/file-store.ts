import { createHash } from "node:crypto";

// One interface for generated bank files and uploads, with a local-folder driver (demo, dev) and
// an Azure Blob driver (production). Files are write-once: a run retry must never replace a file
// the bank may already have fetched, so a second write is only accepted when it is byte-identical.

/** What a file is served as when nothing better is known. */
export const FALLBACK_CONTENT_TYPE = "application/octet-stream";

export type PutResult = { status: "stored" | "already-stored"; sha256: string; size: number };

export type FileStat = { key: string; size: number; sha256: string; contentType: string };

export type FileStream = { stream: ReadableStream<Uint8Array>; size: number; contentType: string };

/** Bytes that arrive as a stream: a Node Readable, or any async iterable of chunks (a generator). */
export type ByteSource = AsyncIterable<Uint8Array>;

export interface FileStore {
  /** Which driver is behind the interface, for logs and the health page. */
  readonly driver: "local" | "azure-blob";
  /**
   * Stores `data` under `key` unless something is already there. Same bytes already there ->
   * "already-stored" (a retry); different bytes -> WriteOnceConflictError, nothing overwritten.
   */
  putOnce(key: string, data: Buffer, contentType: string): Promise<PutResult>;
  /**
   * putOnce for bytes that are never all in memory (a run's AccessPay file): the same write-once
   * rules, with the sha256 (and the size, and Azure's Content-MD5) computed as the bytes pass. The
   * file appears whole or not at all: a source that throws stores nothing and the error passes on.
   */
  putStream(key: string, source: ByteSource, contentType: string): Promise<PutResult>;
  /** The whole file; FileNotFoundError when missing. */
  get(key: string): Promise<Buffer>;
  /** A web stream for route handlers (`new Response(stream)`); FileNotFoundError when missing. */
  stream(key: string): Promise<FileStream>;
  exists(key: string): Promise<boolean>;
  /** Files whose key starts with `prefix` (a plain string prefix, as Azure does it), sorted by key. */
  list(prefix: string): Promise<{ key: string; size: number }[]>;
  /** Size, sha256 and content type, or null when missing. */
  stat(key: string): Promise<FileStat | null>;
}

/** Thrown when a key already holds different bytes. A run must fail loudly on this, not retry. */
export class WriteOnceConflictError extends Error {
  constructor(
    readonly key: string,
    readonly existingSha256: string,
    readonly attemptedSha256: string,
  ) {
    super(
      `Write-once conflict at "${key}": stored file has sha256 ${existingSha256}, ` +
        `refusing to overwrite it with different content (sha256 ${attemptedSha256})`,
    );
    this.name = "WriteOnceConflictError";
  }
}

export class FileNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No stored file at "${key}"`);
    this.name = "FileNotFoundError";
  }
}

/** Keys are built by code, so a bad one is a bug: a plain Error naming the key and the rule. */
export class InvalidStorageKeyError extends Error {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`Invalid storage key ${JSON.stringify(key)}: ${reason}`);
    this.name = "InvalidStorageKeyError";
  }
}

// 200 leaves room under the usual 255-byte file name limit for the local driver's dot-files.
const MAX_SEGMENT_LENGTH = 200;
// Azure's blob name limit.
const MAX_KEY_LENGTH = 1024;

/**
 * Keys are POSIX-like relative paths. Rejected: "..", absolute paths, backslashes, empty
 * segments, control characters, and segments starting with "." (reserved for the local
 * driver's temporary and sidecar files, and never produced by storage-key.ts).
 */
export function assertValidKey(key: string): void {
  const fail = (reason: string) => {
    throw new InvalidStorageKeyError(key, reason);
  };
  if (typeof key !== "string" || key.length === 0) fail("must not be empty");
  if (key.length > MAX_KEY_LENGTH) fail(`must be at most ${MAX_KEY_LENGTH} characters`);
  if (key.startsWith("/")) fail("must be relative, not absolute");
  if (key.includes("\\")) fail("must not contain backslashes");
  // oxlint-disable-next-line no-control-regex -- the check is for control characters
  if (/[\u0000-\u001f\u007f]/.test(key)) fail("must not contain control characters");
  for (const segment of key.split("/")) {
    if (segment === "") fail("must not contain empty segments (leading, trailing or doubled '/')");
    if (segment === "..") fail("must not contain '..'");
    if (segment.startsWith(".")) fail("segments must not start with '.'");
    if (segment.length > MAX_SEGMENT_LENGTH) fail(`segments must be at most ${MAX_SEGMENT_LENGTH} characters`);
  }
}

/** A list prefix: "" (everything), a key-like path, optionally ending in "/". */
export function assertValidPrefix(prefix: string): void {
  if (prefix === "") return;
  const body = prefix.endsWith("/") ? prefix.slice(0, -1) : prefix;
  try {
    assertValidKey(body);
  } catch (error) {
    if (error instanceof InvalidStorageKeyError) throw new InvalidStorageKeyError(prefix, `as a prefix: ${error.message}`);
    throw error;
  }
}

export function sha256Hex(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}
