import { link, mkdir, open, rm, stat } from "node:fs/promises";
import path from "node:path";
import {
  DeliveryError,
  type DeliveryResult,
  type PayoutDeliverer,
  type PayoutFileToDeliver,
  type RemoteFile,
} from "./payout-deliverer";

// Without SFTP settings (the embedded default, demo and tests) a Payout file is "delivered" to a
// local folder, by the same protocol as the SFTP server (docs/file-formats.md#payout-payment-file):
// the bytes go to `name.part`, are fsynced and their size checked, the run records that the rename
// is about to happen, and the name is then linked into place. link() fails with EEXIST when the
// final name is taken, atomically, so a file is never overwritten; the .part is removed after.

/** A final name: a plain file name, never a path or one of our own dot-files. */
const FILE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

export class LocalFolderDeliverer implements PayoutDeliverer {
  readonly local = true;
  readonly target: string;
  private readonly dir: string;

  /** `dir` as configured (PAYOUT_OUTBOX_DIR) is what staff see; it is resolved against the working directory now. */
  constructor(dir: string) {
    this.target = dir;
    this.dir = path.resolve(dir);
  }

  async find(fileName: string): Promise<RemoteFile> {
    try {
      const info = await stat(this.pathFor(fileName));
      return info.isFile() ? { present: true, byteSize: info.size } : { present: false };
    } catch (error) {
      if (errorCode(error) === "ENOENT") return { present: false };
      throw new DeliveryError(`Could not look for ${fileName} in ${this.target}: ${describe(error)}`, false, { cause: error });
    }
  }

  async deliver(file: PayoutFileToDeliver, beforeRename: () => Promise<void>): Promise<DeliveryResult> {
    const final = this.pathFor(file.fileName);
    const part = `${final}.part`;
    try {
      await mkdir(this.dir, { recursive: true, mode: 0o700 });
      // A .part left by an interrupted attempt is replaced by a new file, never truncated: a worker
      // that lost its run may still hold the old one, whose bytes must not reach the final name.
      await rm(part, { force: true });
      const handle = await open(part, "wx", 0o600);
      try {
        await handle.writeFile(file.bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      const written = (await stat(part)).size;
      if (written !== file.bytes.length) {
        throw new DeliveryError(`${file.fileName}.part has ${written} bytes in ${this.target}, not ${file.bytes.length}`);
      }
    } catch (error) {
      if (error instanceof DeliveryError) throw error;
      throw new DeliveryError(`Could not write ${file.fileName}.part in ${this.target}: ${describe(error)}`, false, {
        cause: error,
      });
    }

    await beforeRename();

    try {
      await link(part, final);
    } catch (error) {
      if (errorCode(error) !== "EEXIST") {
        throw new DeliveryError(`Could not rename ${file.fileName}.part in ${this.target}: ${describe(error)}`, false, {
          cause: error,
        });
      }
      const existing = await this.find(file.fileName);
      if (existing.present && existing.byteSize === file.bytes.length) {
        await rm(part, { force: true }).catch(() => undefined);
        return { outcome: "ALREADY_DELIVERED" };
      }
      throw new DeliveryError(
        `${file.fileName} already exists in ${this.target} with ${existing.present ? existing.byteSize : "no"} bytes, ` +
          `not ${file.bytes.length}: it was not overwritten`,
      );
    }
    // Delivered: the final name holds the whole file. The .part is only a leftover now.
    await rm(part, { force: true }).catch(() => undefined);
    await syncDirectory(this.dir);
    return { outcome: "DELIVERED" };
  }

  private pathFor(fileName: string): string {
    if (!FILE_NAME.test(fileName)) throw new DeliveryError(`${JSON.stringify(fileName)} is not a Payout file name`);
    return path.join(this.dir, fileName);
  }
}

/** Makes a new name in the folder durable; some file systems refuse to open a folder, which is fine. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, "r").catch(() => null);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
