// The Payout inbox on the Post Office's SFTP server (docs/file-formats.md#incoming-folder), signed in
// to exactly as deliveries are (withSftpSession: the pinned host key, the key or password, the
// timeouts), one session a run.
import type SftpClient from "ssh2-sftp-client";

import type { AppConfig } from "@/lib/config/schema";
import { DeliveryError } from "@/lib/payout/transfer/payout-deliverer";
import {
  configuredSftpServer,
  DEFAULT_SFTP_TIMEOUT_MS,
  sftpServerName,
  withSftpSession,
  type SftpServerOptions,
} from "@/lib/payout/transfer/sftp-deliverer";
import { joinRemote, sftpStatus } from "@/lib/payout/transfer/sftp-errors";
import { candidateNames, type InboxEntry } from "./rules/select-inbox-files";
import { InboxError, type InboxFolder, type PayoutInbox, type PayoutInboxServer } from "./payout-inbox";

/** Free names looked for in processed/ or error/ before giving up (name, name.1 … name.99). */
const MOVE_TRIES = 100;

// SFTP status codes (draft-ietf-secsh-filexfer-02), as in sftp-errors.ts.
const NO_SUCH_FILE = 2;
const PERMISSION_DENIED = 3;

export interface SftpInboxOptions extends SftpServerOptions {
  /** The remote folder the return files arrive in (PAYOUT_SFTP_INBOX). */
  dir: string;
}

/** The configured inbox, or undefined when PAYOUT_SFTP_INBOX (or the server itself) is not set. */
export function configuredSftpInbox(config: AppConfig): PayoutInboxServer | undefined {
  if (config.payoutSftpInbox === undefined || config.payoutSftpHost === undefined) return undefined;
  return sftpInbox({ ...configuredSftpServer(config), dir: config.payoutSftpInbox });
}

export function sftpInbox(options: SftpInboxOptions): PayoutInboxServer {
  const server = sftpServerName(options);
  const dir = options.dir;
  const timeoutMs = options.timeoutMs ?? DEFAULT_SFTP_TIMEOUT_MS;
  const context = { server, username: options.username, dir, timeoutMs };

  return {
    target: `sftp://${server}${dir.startsWith("/") ? dir : `/~/${dir}`}`,
    async open(work) {
      try {
        return await withSftpSession(options, context, ({ client, rawError }) =>
          work(sftpSession({ client, rawError, server, dir, username: options.username })),
        );
      } catch (error) {
        // A failure to connect or sign in is worded as for deliveries (host key, login, unreachable).
        if (error instanceof DeliveryError) throw new InboxError(error.message, { cause: error });
        throw error;
      }
    },
  };
}

function sftpSession(s: {
  client: SftpClient;
  rawError: () => unknown;
  server: string;
  dir: string;
  username: string;
}): PayoutInbox {
  const { client, server, dir } = s;
  const made = new Set<InboxFolder>();

  /** Runs one request; its failure becomes an InboxError saying what was being done. */
  async function request<R>(doing: string, call: () => Promise<R>): Promise<R> {
    try {
      return await call();
    } catch (error) {
      throw failure(error, doing);
    }
  }

  function failure(error: unknown, doing: string): InboxError {
    if (error instanceof InboxError) return error;
    const status = sftpStatus(error);
    if (status === PERMISSION_DENIED) {
      return new InboxError(`The SFTP server at ${server} refused permission to ${doing} (user "${s.username}").`, {
        cause: error,
      });
    }
    if (status !== undefined) {
      const message = error instanceof Error ? error.message.replace(/^(?:[_A-Za-z]+(?:->)?: )+/, "") : String(error);
      return new InboxError(`The SFTP server at ${server} refused to ${doing}: ${message}.`, { cause: error });
    }
    const raw = s.rawError() as { level?: unknown } | undefined;
    const why = raw?.level === "client-timeout" ? "stopped answering" : "was lost";
    return new InboxError(`The connection to the SFTP server at ${server} ${why} while trying to ${doing}.`, { cause: error });
  }

  async function exists(path: string): Promise<boolean> {
    try {
      await client.stat(path);
      return true;
    } catch (error) {
      if ((error as { code?: unknown }).code === "ENOENT" || sftpStatus(error) === NO_SUCH_FILE) return false;
      throw error;
    }
  }

  async function folder(to: InboxFolder): Promise<string> {
    const path = joinRemote(dir, to);
    if (!made.has(to)) {
      await request(`make the folder ${path}`, async () => {
        if (!(await exists(path))) await client.mkdir(path);
      });
      made.add(to);
    }
    return path;
  }

  return {
    async list() {
      const listing = await request(`list the folder ${dir} (PAYOUT_SFTP_INBOX)`, () => client.list(dir));
      return listing.map((item): InboxEntry => ({
        name: item.name,
        type: item.type === "-" ? "file" : item.type === "d" ? "folder" : "other",
        size: item.size,
        modifiedAt: item.modifyTime,
      }));
    },

    async read(name, maxBytes) {
      const path = joinRemote(dir, name);
      return request(`read ${path}`, async () => {
        // `end` is inclusive: one byte more than allowed is enough to know the file is too large.
        const stream = client.createReadStream(path, { start: 0, end: maxBytes });
        const chunks: Buffer[] = [];
        let size = 0;
        try {
          for await (const chunk of stream as AsyncIterable<Buffer>) {
            size += chunk.length;
            if (size > maxBytes) return "TOO_LARGE" as const;
            chunks.push(chunk);
          }
        } finally {
          // Destroying closes the remote handle with one more request; if the connection drops before
          // it is answered, ssh2 fails it as an 'error' on a stream nobody listens to any more, which
          // would crash the process. The file is read (or refused) by then, so that error is moot.
          stream.on("error", () => {});
          stream.destroy();
        }
        return Buffer.concat(chunks, size);
      });
    },

    async move(name, to) {
      const from = joinRemote(dir, name);
      const target = await folder(to);
      return request(`move ${from} to ${to}/`, async () => {
        for (const candidate of candidateNames(name, MOVE_TRIES)) {
          const path = joinRemote(target, candidate);
          if (await exists(path)) continue;
          try {
            // SFTP's rename refuses an existing target (OpenSSH links, then unlinks): never an overwrite.
            await client.rename(from, path);
            return `${to}/${candidate}`;
          } catch (error) {
            if (sftpStatus(error) === undefined) throw error;
            if (await exists(path)) continue; // taken meanwhile: try the next name
            throw error;
          }
        }
        throw new InboxError(
          `${to}/ on the SFTP server at ${server} already holds ${name} and ${MOVE_TRIES - 1} numbered copies of it.`,
        );
      });
    },

    async writeNote(path, text) {
      try {
        // "wx" (create, exclusive): never written over. ssh2 takes it; the typings list only "w" and "a".
        const exclusive = { flags: "wx" } as unknown as { flags: "w" };
        await client.put(Buffer.from(text, "utf8"), joinRemote(dir, path), { writeStreamOptions: exclusive });
        return true;
      } catch {
        return false;
      }
    },
  };
}
