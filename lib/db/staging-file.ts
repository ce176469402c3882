import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { mkdtemp, open, rm, type FileHandle } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

// Rows on their way back into PostgreSQL, kept on disk rather than in memory. A connection cannot
// COPY out and in at once, so set-based work that streams rows out (COPY … TO STDOUT), transforms
// them in TypeScript and puts the results back (COPY … FROM STDIN, into a temporary table of the
// same transaction) writes the results here first. The file is encrypted with a key that lives
// only in this object, in a folder only this user can read, and deleted by discard(): what it
// holds (a cleaned name in a warning, say) never sits on disk readable.

// Rows are copied into one reused block as they come and encrypted a block at a time, rather than
// kept as strings and joined at each flush: a 256 KB string goes straight into V8's old generation,
// which only the costly full collections clear.
const BLOCK_BYTES = 256 * 1024;
// Read back in small blocks through one reused buffer. Every block handed to COPY is a new buffer
// that only garbage collection frees, and little else allocates meanwhile, so they pile up: with
// 64 KB blocks about 30 MB of them at a time, with 8 KB blocks about 7 MB, at the same speed.
const READ_BYTES = 8 * 1024;

export class StagingFile {
  private readonly block = Buffer.allocUnsafe(BLOCK_BYTES);
  private blockLength = 0;
  private closed = false;

  private constructor(
    private readonly dir: string,
    private readonly file: string,
    private readonly handle: FileHandle,
    private readonly key: Buffer,
    private readonly iv: Buffer,
    private readonly cipher: ReturnType<typeof createCipheriv>,
  ) {}

  static async create(prefix = "disburse-staging-"): Promise<StagingFile> {
    // The temp folder is chosen at run time; tell Turbopack not to trace the project through it.
    const dir = await mkdtemp(path.join(/*turbopackIgnore: true*/ tmpdir(), prefix)); // mode 0700
    const file = path.join(dir, "rows.bin");
    const handle = await open(file, "wx", 0o600);
    const key = randomBytes(32);
    const iv = randomBytes(16);
    return new StagingFile(dir, file, handle, key, iv, createCipheriv("aes-256-ctr", key, iv));
  }

  /** Appends text (whole CSV rows); written out in blocks of 256 KB. */
  async write(text: string): Promise<void> {
    if (this.closed) throw new Error("staging file already closed");
    const bytes = Buffer.byteLength(text, "utf8");
    if (this.blockLength + bytes > BLOCK_BYTES) await this.flush();
    if (bytes > BLOCK_BYTES) return writeAll(this.handle, this.cipher.update(text, "utf8"));
    this.blockLength += this.block.write(text, this.blockLength, "utf8");
  }

  /** Finishes writing, then streams the file (decrypted) into `COPY … FROM STDIN` on `client`. */
  async copyInto(client: pg.PoolClient, copySql: string): Promise<number> {
    await this.close();
    const copy = client.query(copyFrom(copySql));
    await pipeline(this.decryptedBlocks(), copy);
    return copy.rowCount;
  }

  private async *decryptedBlocks(): AsyncGenerator<Buffer> {
    const decipher = createDecipheriv("aes-256-ctr", this.key, this.iv);
    const handle = await open(this.file, "r");
    try {
      const block = Buffer.allocUnsafe(READ_BYTES);
      for (;;) {
        const { bytesRead } = await handle.read(block, 0, READ_BYTES, null);
        if (bytesRead === 0) break;
        yield decipher.update(block.subarray(0, bytesRead)); // a copy: the block is reused
      }
      const rest = decipher.final();
      if (rest.length > 0) yield rest;
    } finally {
      await handle.close();
    }
  }

  /** Removes the file and its folder; safe to call more than once, and after a failure. */
  async discard(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      await this.handle.close().catch(() => undefined);
    }
    await rm(this.dir, { recursive: true, force: true });
  }

  private async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    await writeAll(this.handle, this.cipher.final());
    this.closed = true;
    await this.handle.close();
  }

  private async flush(): Promise<void> {
    if (this.blockLength === 0) return;
    const encrypted = this.cipher.update(this.block.subarray(0, this.blockLength)); // a copy: the block is reused
    this.blockLength = 0;
    await writeAll(this.handle, encrypted);
  }
}

async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) {
    const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
    offset += bytesWritten;
  }
}
