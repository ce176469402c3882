/**
 * Which entries of the Payout inbox folder a run takes (docs/file-formats.md#incoming-folder):
 * plain files only (not the processed/ and error/ folders, nor links), never one still arriving
 * (`name.part`, the convention our own deliveries follow) nor a hidden one (an editor's or a
 * transfer tool's temporary file), oldest first, at most `limit`; the rest wait for the next run.
 */

export interface InboxEntry {
  name: string;
  type: "file" | "folder" | "other";
  size: number;
  /** Last modified, in milliseconds since the epoch, as the server reports it. */
  modifiedAt: number;
}

/** Files a run takes at most: a run stays short, and a backlog drains over a few runs. */
export const INBOX_FILES_PER_RUN = 20;

export function isInboxFile(entry: InboxEntry): boolean {
  return entry.type === "file" && !entry.name.endsWith(".part") && !entry.name.startsWith(".");
}

export function selectInboxFiles(
  entries: readonly InboxEntry[],
  limit: number = INBOX_FILES_PER_RUN,
): { take: InboxEntry[]; waiting: number } {
  const files = entries
    .filter(isInboxFile)
    .sort((a, b) => a.modifiedAt - b.modifiedAt || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { take: files.slice(0, limit), waiting: Math.max(0, files.length - limit) };
}

/** The names tried, in order, for a file moved into a folder that may already hold its name: never overwritten. */
export function candidateNames(name: string, tries: number): string[] {
  return Array.from({ length: tries }, (_, i) => (i === 0 ? name : `${name}.${i}`));
}
