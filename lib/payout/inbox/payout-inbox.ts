import type { InboxEntry } from "./rules/select-inbox-files";

/**
 * The folder the Post Office's return files arrive in (PAYOUT_SFTP_INBOX on the Payout SFTP server;
 * docs/file-formats.md#incoming-folder). The fetch talks to this interface only; one session a run.
 */
export interface PayoutInboxServer {
  /** Named in the cron's answer and the audit, e.g. "sftp://payout.example:22/returns". */
  readonly target: string;
  /** Opens one session, runs `work`, and always closes it. Throws InboxError when the server cannot be used. */
  open<T>(work: (inbox: PayoutInbox) => Promise<T>): Promise<T>;
}

export type InboxFolder = "processed" | "error";

export interface PayoutInbox {
  /** Every entry of the folder (files, folders, links), unfiltered. */
  list(): Promise<InboxEntry[]>;
  /** The file's bytes, or TOO_LARGE as soon as more than `maxBytes` have come (never read further). */
  read(name: string, maxBytes: number): Promise<Buffer | "TOO_LARGE">;
  /**
   * Renames the file into processed/ or error/ (made when missing), never overwriting: under its own
   * name, else the first free of name.1, name.2, … Returns where it went, e.g. "processed/x.csv.1".
   */
  move(name: string, to: InboxFolder): Promise<string>;
  /** Writes a new text file at `path` (relative to the inbox); false when the server refuses it or it exists. */
  writeNote(path: string, text: string): Promise<boolean>;
}

/** Why the inbox could not be read or a file not moved, in words for the cron's answer and the log. */
export class InboxError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InboxError";
  }
}
