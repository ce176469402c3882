// Delivers Payout files to the Post Office's SFTP server (docs/file-formats.md#payout-payment-file,
// "Delivery"): one connection per call, the server's host key pinned, `name.part` uploaded and its
// size read back, then renamed to the final name. OpenSSH's SFTP rename refuses an existing target
// (it links the new name, then unlinks the old), so the rename itself never overwrites; the final
// name is also looked for first, so a retry of a delivered file finds it instead of sending it again.
import { readFile } from "node:fs/promises";
import { posix } from "node:path";
import SftpClient from "ssh2-sftp-client";

import type { AppConfig } from "@/lib/config/schema";

import {
  DeliveryError,
  type DeliveryResult,
  type PayoutDeliverer,
  type PayoutFileToDeliver,
  type RemoteFile,
} from "./payout-deliverer";
import { connectFailure, joinRemote, sftpStatus, transferFailure, type SftpFailureContext, type SftpStage } from "./sftp-errors";
import { hostKeyFingerprint, pinnedFingerprints } from "./sftp-host-key";

export const DEFAULT_SFTP_TIMEOUT_MS = 20_000;

export interface SftpDelivererOptions {
  host: string;
  port: number;
  username: string;
  /** Path of the private key (OpenSSH or PEM) the portal signs in with; read at each delivery. */
  privateKeyPath?: string;
  password?: string;
  /** The pinned host key: "SHA256:<base64>" as `ssh-keygen -lf` prints it (a whole such line is accepted; several, comma-separated, for a server with several keys). */
  hostKey: string;
  /** The remote folder the files go into. */
  dir: string;
  /** How long to wait for the server to answer: the handshake and login, and any request later. Default 20 s. */
  timeoutMs?: number;
}

/** The server itself: every option but the folder (the Payout inbox signs in the same way). */
export type SftpServerOptions = Omit<SftpDelivererOptions, "dir">;

/** The configured SFTP server (PAYOUT_SFTP_*), without its folder. */
export function configuredSftpServer(config: AppConfig): SftpServerOptions {
  const { payoutSftpHost: host, payoutSftpUsername: username, payoutSftpHostKey: hostKey } = config;
  // parseConfig refuses a half-configured server, so reaching here without these is a bug.
  if (host === undefined || username === undefined || hostKey === undefined) {
    throw new Error("the SFTP server needs PAYOUT_SFTP_HOST, PAYOUT_SFTP_USERNAME and PAYOUT_SFTP_HOST_KEY");
  }
  return {
    host,
    port: config.payoutSftpPort,
    username,
    privateKeyPath: config.payoutSftpPrivateKeyPath,
    password: config.payoutSftpPassword,
    hostKey,
  };
}

/** The deliverer for the configured SFTP server (PAYOUT_SFTP_*). */
export function createSftpDeliverer(config: AppConfig): PayoutDeliverer {
  return sftpDeliverer({ ...configuredSftpServer(config), dir: config.payoutSftpDir });
}

/** "host:port", as every message names the server. */
export function sftpServerName(options: Pick<SftpServerOptions, "host" | "port">): string {
  return options.host.includes(":") ? `[${options.host}]:${options.port}` : `${options.host}:${options.port}`;
}

/**
 * Opens a session to the server, its host key pinned, runs `work`, and always ends the connection.
 * A failure to connect or sign in is worded by connectFailure with `context`; `step` words a later
 * request's failure by transferFailure. The Payout inbox (lib/payout/inbox) signs in through this too.
 */
export async function withSftpSession<T>(
  options: SftpServerOptions,
  context: SftpFailureContext,
  work: (session: SftpSession) => Promise<T>,
): Promise<T> {
  const pinned = pinnedFingerprints(options.hostKey);
  if (pinned.length === 0) {
    throw new DeliveryError(
      `PAYOUT_SFTP_HOST_KEY is not a SHA256 fingerprint ("SHA256:" and 43 base64 characters, as ssh-keygen -lf prints it): nothing was delivered.`,
    );
  }
  const timeoutMs = context.timeoutMs;
  const privateKey = options.privateKeyPath === undefined ? undefined : await readPrivateKey(options.privateKeyPath);
  // Errors are handled where each call fails; without these, ssh2-sftp-client logs every event to the console.
  const client = new SftpClient("payout", { error: () => {}, end: () => {}, close: () => {} });
  let rawError: unknown;
  let presentedHostKey: string | undefined;
  // The ssh2 client's own error keeps `level` ("client-authentication", "client-timeout"), which
  // ssh2-sftp-client's wrapped error drops.
  const keepRaw = (error: unknown) => {
    rawError = error;
  };
  client.on("error", keepRaw);
  try {
    try {
      await client.connect({
        host: options.host,
        port: options.port,
        username: options.username,
        privateKey,
        password: options.password,
        readyTimeout: timeoutMs,
        // A server that stops answering mid-delivery is given up after about `timeoutMs`.
        keepaliveInterval: Math.max(1000, Math.floor(timeoutMs / 4)),
        keepaliveCountMax: 3,
        // Without hostHash, ssh2 hands over the raw key blob: fingerprint it as OpenSSH does.
        hostVerifier: (key: Buffer) => {
          presentedHostKey = hostKeyFingerprint(key);
          return pinned.includes(presentedHostKey);
        },
      });
    } catch (error) {
      throw connectFailure({ error, rawError, pinnedHostKeys: pinned, presentedHostKey, context });
    }
    const step = async <R>(stage: SftpStage, call: () => Promise<R>): Promise<R> => {
      try {
        return await call();
      } catch (error) {
        throw error instanceof DeliveryError ? error : transferFailure({ error, rawError, stage, context });
      }
    };
    return await work({ client, step, rawError: () => rawError });
  } finally {
    client.removeListener("error", keepRaw);
    await endQuietly(client);
  }
}

export function sftpDeliverer(options: SftpDelivererOptions): PayoutDeliverer {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SFTP_TIMEOUT_MS;
  const server = sftpServerName(options);
  const dir = options.dir;
  const context = (fileName?: string): SftpFailureContext => ({ server, username: options.username, dir, fileName, timeoutMs });

  /** Opens a session, runs `work`, and always ends the connection. */
  function withSession<T>(fileName: string, work: (session: SftpSession) => Promise<T>): Promise<T> {
    return withSftpSession(options, context(fileName), work);
  }

  /** The final file's size, or undefined when there is none. */
  async function remoteSize(client: SftpClient, path: string): Promise<number | undefined> {
    try {
      return (await client.stat(path)).size;
    } catch (error) {
      if ((error as { code?: unknown }).code === "ENOENT") return undefined;
      throw error;
    }
  }

  function sameOrRefuse(fileName: string, found: number, expected: number): DeliveryResult {
    if (found === expected) return { outcome: "ALREADY_DELIVERED" };
    throw new DeliveryError(
      `A different file named ${fileName} is already on the SFTP server at ${server} (${found} bytes; this batch's file is ${expected} bytes): ` +
        "delivery refused, nothing overwritten. Ask the Post Office what that file is.",
    );
  }

  return {
    target: `sftp://${server}${dir.startsWith("/") ? dir : `/~/${dir}`}`,
    local: false,

    async find(fileName: string): Promise<RemoteFile> {
      return withSession(fileName, async ({ client, step }) => {
        const size = await step("check", () => remoteSize(client, joinRemote(dir, fileName)));
        return size === undefined ? { present: false } : { present: true, byteSize: size };
      });
    },

    async deliver(file: PayoutFileToDeliver, beforeRename: () => Promise<void>): Promise<DeliveryResult> {
      const { fileName } = file;
      if (posix.basename(fileName) !== fileName) throw new Error(`not a plain file name: ${fileName}`);
      const finalPath = joinRemote(dir, fileName);
      const partPath = `${finalPath}.part`;
      const expected = file.bytes.byteLength;
      return withSession(fileName, async ({ client, step }) => {
        const already = await step("check", () => remoteSize(client, finalPath));
        if (already !== undefined) return sameOrRefuse(fileName, already, expected);

        // A .part left by an interrupted attempt is simply overwritten (the upload opens it with "w").
        await step("upload", () =>
          client.put(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength), partPath),
        );
        const uploaded = await step("verify", async () => (await client.stat(partPath)).size);
        if (uploaded !== expected) {
          throw new DeliveryError(
            `The SFTP server at ${server} holds ${uploaded} bytes of ${fileName}.part after the upload, not ${expected}: ` +
              "not renamed, nothing delivered.",
          );
        }

        // The run records that the rename is about to happen; if that fails, nothing is renamed.
        await beforeRename();

        const refused = await step("rename", async () => {
          try {
            await client.rename(partPath, finalPath);
            return undefined;
          } catch (error) {
            if (sftpStatus(error) === undefined) throw error;
            return error; // the server answered: not renamed
          }
        });
        if (refused === undefined) return { outcome: "DELIVERED" };
        // Refused: most likely because the final name now exists (OpenSSH never renames onto one).
        const found = await step("check", () => remoteSize(client, finalPath));
        if (found === undefined) throw transferFailure({ error: refused, stage: "rename", context: context(fileName) });
        const result = sameOrRefuse(fileName, found, expected);
        await client.delete(partPath, true).catch(() => {});
        return result;
      });
    },
  };
}

export interface SftpSession {
  client: SftpClient;
  /** Runs one request, turning its failure into a DeliveryError for `stage`. */
  step: <R>(stage: SftpStage, call: () => Promise<R>) => Promise<R>;
  /** What the ssh2 client last emitted (it keeps `level`, e.g. "client-timeout"). */
  rawError: () => unknown;
}

async function readPrivateKey(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new DeliveryError(
      `The SFTP private key file ${path} (PAYOUT_SFTP_PRIVATE_KEY_PATH) cannot be read (${typeof code === "string" ? code : String(error)}): ` +
        "nothing was delivered.",
      false,
      { cause: error },
    );
  }
}

/** Ends the connection without letting a dead or silent server hold the caller: after 5 s it is dropped. */
async function endQuietly(client: SftpClient): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), 5_000);
  });
  try {
    const outcome = await Promise.race([client.end().catch(() => "failed" as const), gaveUp]);
    // ssh2-sftp-client keeps the ssh2 Client as `client`; its destroy() closes the socket at once.
    if (outcome !== true) (client as unknown as { client: { destroy(): void } }).client.destroy();
  } finally {
    clearTimeout(timer);
  }
}
