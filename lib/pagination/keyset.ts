// Keyset (cursor) pagination, the pure part shared by every list that pages: a page starts from the
// sort key of the row at the edge of the page before (ending in the row's id, the tie-breaker) and
// reads the rows strictly beyond it with a comparison the index can seek to, so page 2,000 costs
// what page 1 costs and rows added meanwhile do not shift what "next" shows. Never OFFSET.
//
// The query itself is each list's own (SQL or Prisma); this module holds the rules around it: the
// cursor in the URL, which way to read, the "fetch one more" test for another page, and the links.

export type SortDir = "asc" | "desc";

// ---------------------------------------------------------------------------------------------
// Cursors in the URL.

/** A UTC instant as Date.prototype.toISOString() prints it (and as the database prints timestamp(3)). */
export const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The key of a list ordered by a timestamp, ties broken by id. */
export type InstantCursor = { at: Date; id: string };

/** "2026-11-22T10:00:00.000Z_<uuid>": readable, and safe in a URL once encoded. */
export function encodeInstantCursor(cursor: InstantCursor): string {
  return `${cursor.at.toISOString()}_${cursor.id}`;
}

/** The cursor, or undefined unless the text is exactly what encodeInstantCursor makes (id in any case). */
export function decodeInstantCursor(value: string | undefined): InstantCursor | undefined {
  const separator = value?.indexOf("_") ?? -1;
  if (!value || separator < 0) return undefined;
  const instant = value.slice(0, separator);
  const id = value.slice(separator + 1);
  if (!ISO_INSTANT.test(instant) || !UUID.test(id)) return undefined;
  const at = new Date(instant);
  // 2026-02-30 matches the pattern but is not a day: it must print back as it was written.
  if (Number.isNaN(at.getTime()) || at.toISOString() !== instant) return undefined;
  return { at, id: id.toLowerCase() };
}

const OPAQUE = /^[A-Za-z0-9_-]+$/;

/** Any JSON value as base64url text, for keys with several parts or parts of any text. */
export function encodeOpaqueCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

/**
 * The JSON inside an opaque cursor, or undefined when the text is too long, not base64url or not
 * JSON. The caller still checks the value's shape: a URL is anyone's to edit.
 */
export function decodeOpaqueCursor(value: string | undefined, maxLength: number): unknown {
  if (!value || value.length > maxLength || !OPAQUE.test(value)) return undefined;
  try {
    return JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Reading a page.

/**
 * Where a page starts: after the cursor to the next page or, reading backwards, before the cursor
 * to the previous page. A URL carrying both follows the next-page one.
 */
export type KeysetStart<C> = { cursor?: C; backwards: boolean };

export function keysetStart<C>(position: { next?: C; previous?: C }): KeysetStart<C> {
  return { cursor: position.next ?? position.previous, backwards: !position.next && Boolean(position.previous) };
}

/** The order to read rows in: the list's own, or reversed going backwards (nearest the cursor first). */
export function readOrder(dir: SortDir, backwards: boolean): SortDir {
  if (!backwards) return dir;
  return dir === "asc" ? "desc" : "asc";
}

/** The comparison that keeps only rows strictly beyond the cursor in the order they are read. */
export function beyondCursor(order: SortDir): "gt" | "lt" {
  return order === "asc" ? "gt" : "lt";
}

/** Rows to fetch for a page: one more than it shows, so the extra row says there is more. */
export function fetchLimit(pageSize: number): number {
  return pageSize + 1;
}

export type KeysetPage<R, C> = {
  /** The page's rows in the list's order. */
  rows: R[];
  /** The cursor to the next page; absent on the last page. */
  next?: C;
  /** The cursor to the previous page; absent on the first page. */
  previous?: C;
};

/**
 * One page from the rows fetched (at most fetchLimit(pageSize), in reading order): put back in the
 * list's order, with cursors to the pages either side. An empty page has neither.
 */
export function keysetPage<R, C>(
  fetched: R[],
  options: { pageSize: number; start: KeysetStart<unknown>; cursorOf: (row: R) => C },
): KeysetPage<R, C> {
  const { pageSize, start, cursorOf } = options;
  const more = fetched.length > pageSize;
  const rows = fetched.slice(0, pageSize);
  if (start.backwards) rows.reverse();
  if (rows.length === 0) return { rows };
  // Arriving from a cursor means the rows on the other side of it exist (we just came from them).
  const hasNext = start.backwards ? true : more;
  const hasPrevious = start.backwards ? more : Boolean(start.cursor);
  return {
    rows,
    next: hasNext ? cursorOf(rows[rows.length - 1]) : undefined,
    previous: hasPrevious ? cursorOf(rows[0]) : undefined,
  };
}

// ---------------------------------------------------------------------------------------------
// Links.

/**
 * Puts a page position in a list's query string, under the list's own parameter names. Only one
 * cursor goes in, the next-page one if both are given, as keysetStart would follow that one.
 */
export function setPagePosition(
  query: URLSearchParams,
  names: { next: string; previous: string },
  position: { next?: string; previous?: string },
): void {
  if (position.next) query.set(names.next, position.next);
  else if (position.previous) query.set(names.previous, position.previous);
}
