import { StringDecoder } from "node:string_decoder";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";

// COPY in both directions for set-based work that streams: rows out of PostgreSQL with
// `COPY (SELECT …) TO STDOUT` (text format), a few at a time, never all in memory; and rows in as
// CSV for `COPY … FROM STDIN`. One statement each way, whatever the number of rows.

/** One row of a COPY in text format: every column as text, NULL as null. */
export type CopyRow = (string | null)[];

/**
 * The rows of `sql` (a SELECT, without parameters: COPY takes none) in the order the query gives
 * them, one batch per chunk the server sends. Stopping early (break, an error in the loop) destroys
 * the COPY with the connection mid-protocol: the caller must then discard the connection
 * (`client.release(true)`). Inside a transaction that must roll back cleanly, use forEachCopyRow.
 */
export async function* copyRows(client: pg.PoolClient, sql: string): AsyncGenerator<CopyRow[]> {
  const decoder = new StringDecoder("utf8");
  let partial = "";
  for await (const chunk of client.query(copyTo(`COPY (${sql}) TO STDOUT`))) {
    const text = partial + decoder.write(chunk as Buffer);
    const lines = text.split("\n");
    partial = lines.pop() ?? "";
    if (lines.length > 0) yield lines.map(parseCopyLine);
  }
  const rest = partial + decoder.end();
  if (rest !== "") throw new Error("COPY output ended in the middle of a row");
}

/**
 * Every row of `sql` through `onRow`, in order. If `onRow` throws, the rest of the output is read
 * and dropped before the error passes on, so the connection stays usable (a ROLLBACK, say).
 */
export async function forEachCopyRow(
  client: pg.PoolClient,
  sql: string,
  onRow: (row: CopyRow) => void | Promise<void>,
): Promise<number> {
  let failure: { error: unknown } | undefined;
  let count = 0;
  for await (const rows of copyRows(client, sql)) {
    if (failure) continue;
    try {
      for (const row of rows) {
        await onRow(row);
        count += 1;
      }
    } catch (error) {
      failure = { error };
    }
  }
  if (failure) throw failure.error;
  return count;
}

const ESCAPES: Readonly<Record<string, string>> = { b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };

/** A line of COPY text format: tab-separated, \N for NULL, backslash escapes. */
export function parseCopyLine(line: string): CopyRow {
  return line.split("\t").map((field) => {
    if (field === "\\N") return null;
    if (!field.includes("\\")) return field;
    return field.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, code: string) => {
      if (code[0] === "x") return String.fromCharCode(parseInt(code.slice(1), 16));
      if (/^[0-7]/.test(code)) return String.fromCharCode(parseInt(code, 8));
      return ESCAPES[code] ?? code;
    });
  });
}

/** A row for `COPY … FROM STDIN (FORMAT csv)`: text always quoted, null as an empty unquoted field. */
export function csvRow(fields: readonly (string | number | null)[]): string {
  return (
    fields
      .map((field) => {
        if (field === null) return "";
        if (typeof field === "number") return String(field);
        return `"${field.replace(/"/g, '""')}"`;
      })
      .join(",") + "\n"
  );
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid as an SQL literal, for COPY's query, which takes no parameters; anything else throws. */
export function uuidLiteral(id: string): string {
  if (!UUID.test(id)) throw new Error(`not a uuid: ${JSON.stringify(id)}`);
  return `'${id.toLowerCase()}'::uuid`;
}
