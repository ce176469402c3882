// The orders the claim list offers. Each is a keyset over indexed columns (see list-claims.ts), so
// the list can add one only with an index behind it.
import type { SortDir } from "@/lib/pagination/keyset";

export const CLAIM_SORTS = ["received", "eventDate", "reference", "claimant"] as const;
export type ClaimSort = (typeof CLAIM_SORTS)[number];

export type { SortDir };

/**
 * Date received oldest first: the list is a queue, and what has waited longest is at the top
 * (docs/caseworker-queue.md). Event date newest first; text A to Z.
 */
export const DEFAULT_DIR: Record<ClaimSort, SortDir> = {
  received: "asc",
  eventDate: "desc",
  reference: "asc",
  claimant: "asc",
};

export const DEFAULT_SORT: ClaimSort = "received";

export const SORT_LABELS: Record<ClaimSort, string> = {
  received: "date received",
  eventDate: "event date",
  reference: "claim reference",
  claimant: "claimant name",
};

const isDate: Record<ClaimSort, boolean> = { received: true, eventDate: true, reference: false, claimant: false };

/** "date received, newest first", "claimant name, A to Z": for the table caption. */
export function describeSort(sort: ClaimSort, dir: SortDir): string {
  const order = isDate[sort] ? (dir === "asc" ? "oldest first" : "newest first") : dir === "asc" ? "A to Z" : "Z to A";
  return `${SORT_LABELS[sort]}, ${order}`;
}
