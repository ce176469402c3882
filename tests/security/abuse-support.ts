// Shared by the abuse corpora: a fingerprint of every row of every table, to prove a hostile input
// changed nothing, and the tally each corpus prints at the end.
import { expect } from "vitest";
import type { PrismaClient } from "@/lib/generated/prisma/client";

/** Rows a table may gain from a refused request, by design, as SQL conditions that pick them out. */
export type Bookkeeping = Record<string, string>;

/** Every row of every table as an md5 of its text (the filtered rows of `bookkeeping` left out). */
export async function snapshot(db: PrismaClient, bookkeeping: Bookkeeping): Promise<Map<string, Set<string>>> {
  const tables = await db.$queryRaw<{ name: string }[]>`
    SELECT table_name::text AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
    ORDER BY table_name`;
  const selects = tables.map(({ name }) => {
    const skip = bookkeeping[name];
    return `SELECT '${name}' AS t, md5(x::text) AS h FROM "${name}" x${skip ? ` WHERE NOT (${skip})` : ""}`;
  });
  const rows = await db.$queryRawUnsafe<{ t: string; h: string }[]>(selects.join(" UNION ALL "));
  const byTable = new Map<string, Set<string>>(tables.map(({ name }) => [name, new Set()]));
  for (const { t, h } of rows) byTable.get(t)!.add(h);
  return byTable;
}

/** Rows added, removed or changed between two snapshots, by table (an update counts once). */
export function rowsChanged(before: Map<string, Set<string>>, after: Map<string, Set<string>>): Record<string, number> {
  const changed: Record<string, number> = {};
  for (const [table, rows] of after) {
    const old = before.get(table) ?? new Set<string>();
    const added = [...rows].filter((h) => !old.has(h)).length;
    const removed = [...old].filter((h) => !rows.has(h)).length;
    const n = Math.max(added, removed);
    if (n > 0) changed[table] = n;
  }
  return changed;
}

export interface Tally {
  routes: Set<string>;
  roles: Set<string>;
  inputs: number;
  unexpected: string[];
  rowsChanged: number;
}

export const newTally = (): Tally => ({ routes: new Set(), roles: new Set(), inputs: 0, unexpected: [], rowsChanged: 0 });

/** The one summary line, from the real counts; fails the file when anything was unexpected. */
export function reportTally(tally: Tally): void {
  console.log(
    `abuse: ${tally.routes.size} routes x ${tally.roles.size} roles checked, ${tally.inputs} hostile inputs tried, ` +
      `${tally.unexpected.length} unexpected answers, ${tally.rowsChanged} rows changed`,
  );
  expect(tally.unexpected).toEqual([]);
  expect(tally.rowsChanged).toBe(0);
}

/** A message a person can read: a non-empty string somewhere in the answer. */
export function hasMessage(answer: unknown): boolean {
  if (typeof answer === "string") return answer.trim().length > 0;
  if (Array.isArray(answer)) return answer.some(hasMessage);
  if (typeof answer === "object" && answer !== null) return Object.values(answer).some(hasMessage);
  return false;
}
