import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { link, mkdir, open, readFile, readdir, rename, rm, stat as fsStat, writeFile, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import {
  assertValidKey,
  assertValidPrefix,
  FALLBACK_CONTENT_TYPE,
  FileNotFoundError,
  WriteOnceConflictError,
  type ByteSource,
  type FileStat,
  type FileStore,
  type FileStream,
  type PutResult,
  sha256Hex,
} from "./file-store";

// A folder as a write-once store (demo and development; .data/files by default).
//
// Write-once: the bytes go to a temporary file in the target's own folder (same file system), are
// fsynced, and are then hard-linked to the final name. link() fails with EEXIST when the name is
// taken, atomically, so of any number of concurrent writers exactly one wins, and nobody can ever
// see a half-written file under the final name. A loser compares sha256 with the winner's bytes.
//
// sha256 is recomputed from the bytes on stat() (read as a stream: a run's file can be large) rather
// than kept in a sidecar: the bytes are then the only source of truth — no sidecar that a crash
// or a hand edit could leave disagreeing with what a download serves. The content type does need
// a sidecar (".<name>.meta.json"); it is written after the link, by the winner only (or by a
// retry that finds it missing after a crash), and a missing one reads as application/octet-stream.
//
// Names starting with "." are the driver's own (temporary files, sidecars); keys cannot contain
// such segments, and list() skips them.

type FileMeta = { contentType: string };

// Payment files and uploads hold bank details and names: readable by the portal's own user only,
// whatever the umask (docs/security.md#data-at-rest).
const OWNER_ONLY_DIR = 0o700;
const OWNER_ONLY_FILE = 0o600;

export class LocalFileStore implements FileStore {
  readonly driver = "local" as const;
  private readonly root: string;

  /** `root` is resolved against the working directory now, so a later chdir cannot move the store. */
  constructor(root: string) {
    this.root = path.resolve(root);
  }

  async putOnce(key: string, data: Buffer, contentType: string): Promise<PutResult> {
    return this.writeOnce(key, contentType, async (handle) => {
      await handle.writeFile(data);
      return { sha256: sha256Hex(data), size: data.length };
    });
  }

  async putStream(key: string, source: ByteSource, contentType: string): Promise<PutResult> {
    return this.writeOnce(key, contentType, async (handle) => {
      const hash = createHash("sha256");
      let size = 0;
      for await (const chunk of source) {
        hash.update(chunk);
        size += chunk.length;
        await writeAll(handle, chunk);
      }
      return { sha256: hash.digest("hex"), size };
    });
  }

  /**
   * The write-once protocol for both puts: `fill` writes the bytes into a temporary file and says
   * what they were; the file is fsynced and linked to its name only if `fill` finished.
   */
  private async writeOnce(
    key: string,
    contentType: string,
    fill: (handle: FileHandle) => Promise<{ sha256: string; size: number }>,
  ): Promise<PutResult> {
    const target = this.pathFor(key);
    const dir = path.dirname(target);
    await mkdir(dir, { recursive: true, mode: OWNER_ONLY_DIR });

    const temp = tempPath(dir);
    let won = false;
    let written: { sha256: string; size: number };
    try {
      const handle = await open(temp, "wx", OWNER_ONLY_FILE);
      try {
        written = await fill(handle);
        await handle.sync(); // the bytes are on disk before the name points at them
      } finally {
        await handle.close();
      }
      try {
        await link(temp, target);
        won = true;
      } catch (error) {
        if (errorCode(error) !== "EEXIST") throw error;
      }
    } finally {
      await rm(temp, { force: true });
    }
    const { sha256, size } = written;

    if (won) {
      await syncDirectory(dir); // makes the new name itself durable
      await this.writeMeta(target, { contentType });
      return { status: "stored", sha256, size };
    }

    // The existing file was complete before it got its name, so reading it now is safe.
    const existing = await hashFile(target);
    if (existing.sha256 !== sha256) throw new WriteOnceConflictError(key, existing.sha256, sha256);
    if (!(await this.readMeta(target))) await this.writeMeta(target, { contentType });
    return { status: "already-stored", sha256, size: existing.size };
  }

  async get(key: string): Promise<Buffer> {
    const target = this.pathFor(key);
    if (!(await isFile(target))) throw new FileNotFoundError(key);
    return readFile(target);
  }

  async stream(key: string): Promise<FileStream> {
    const target = this.pathFor(key);
    const handle = await open(target, "r").catch((error: unknown) => {
      throw errorCode(error) === "ENOENT" || errorCode(error) === "ENOTDIR" ? new FileNotFoundError(key) : error;
    });
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw new FileNotFoundError(key);
      const meta = await this.readMeta(target);
      // The read stream owns the handle from here: it closes it on end, error or cancel.
      const nodeStream = handle.createReadStream();
      return {
        stream: Readable.toWeb(nodeStream) as unknown as ReadableStream<Uint8Array>,
        size: info.size,
        contentType: meta?.contentType ?? FALLBACK_CONTENT_TYPE,
      };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async exists(key: string): Promise<boolean> {
    return isFile(this.pathFor(key));
  }

  async list(prefix: string): Promise<{ key: string; size: number }[]> {
    assertValidPrefix(prefix);
    // Walk from the deepest folder the prefix names; the rest of it is matched as a string prefix.
    const slash = prefix.lastIndexOf("/");
    const found: { key: string; size: number }[] = [];
    await this.walk(slash === -1 ? "" : prefix.slice(0, slash), found);
    return found.filter((f) => f.key.startsWith(prefix)).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async stat(key: string): Promise<FileStat | null> {
    const target = this.pathFor(key);
    if (!(await isFile(target))) return null;
    const { sha256, size } = await hashFile(target);
    const meta = await this.readMeta(target);
    return { key, size, sha256, contentType: meta?.contentType ?? FALLBACK_CONTENT_TYPE };
  }

  private pathFor(key: string): string {
    assertValidKey(key); // no "..", no absolute paths: the result is always inside root
    return path.join(this.root, ...key.split("/"));
  }

  private async walk(dirKey: string, found: { key: string; size: number }[]): Promise<void> {
    const dir = dirKey === "" ? this.root : path.join(this.root, ...dirKey.split("/"));
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (errorCode(error) === "ENOENT" || errorCode(error) === "ENOTDIR") return;
      throw error;
    }
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue; // temporary files and sidecars
      const key = dirKey === "" ? entry.name : `${dirKey}/${entry.name}`;
      if (entry.isDirectory()) await this.walk(key, found);
      else if (entry.isFile()) found.push({ key, size: (await fsStat(path.join(dir, entry.name))).size });
    }
  }

  private metaPath(target: string): string {
    return path.join(path.dirname(target), `.${path.basename(target)}.meta.json`);
  }

  private async readMeta(target: string): Promise<FileMeta | undefined> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.metaPath(target), "utf8"));
      const contentType = (parsed as Partial<FileMeta> | null)?.contentType;
      return typeof contentType === "string" ? { contentType } : undefined;
    } catch {
      return undefined; // missing or torn: the fallback content type is served
    }
  }

  /** Temp file + rename, so a reader never sees a half-written sidecar. */
  private async writeMeta(target: string, meta: FileMeta): Promise<void> {
    const temp = tempPath(path.dirname(target));
    try {
      await writeFile(temp, JSON.stringify(meta), { flag: "wx", mode: OWNER_ONLY_FILE });
      await rename(temp, this.metaPath(target));
    } finally {
      await rm(temp, { force: true });
    }
  }
}

/** FileHandle.write may write less than asked; loop until the chunk is all on disk. */
async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}

/** sha256 and size of a stored file, read as a stream (run files can be large). */
async function hashFile(target: string): Promise<{ sha256: string; size: number }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(target)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest("hex"), size };
}

function tempPath(dir: string): string {
  return path.join(dir, `.${randomBytes(12).toString("hex")}.tmp`);
}

async function isFile(target: string): Promise<boolean> {
  try {
    return (await fsStat(target)).isFile();
  } catch (error) {
    if (errorCode(error) === "ENOENT" || errorCode(error) === "ENOTDIR") return false;
    throw error;
  }
}

/** Best effort: some platforms (Windows) cannot open or fsync a directory. */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The file's bytes are already synced; only the name's durability is at stake here.
  }
}

function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error ? String(error.code) : undefined;
}
