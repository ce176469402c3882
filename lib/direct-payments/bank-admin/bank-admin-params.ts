import { isBefore, isIsoDate } from "@/lib/dates/london-date";
import { decodeInstantCursor, encodeInstantCursor, setPagePosition } from "@/lib/pagination/keyset";

/**
 * The Bank Admin page's URL: a date filter (London dates, inclusive) and a keyset position in the
 * run history, newest first. Pure, so bad URLs are answered with messages, never a crash.
 */

export interface BankAdminParams {
  from?: string;
  to?: string;
  /** Show runs older than this run (next page) ... */
  before?: RunPosition;
  /** ... or newer than it (previous page). */
  after?: RunPosition;
}

export interface RunPosition {
  startedAt: Date;
  id: string;
}

export interface BankAdminProblem {
  field: "from" | "to";
  message: string;
}

export function encodePosition(p: RunPosition): string {
  return encodeInstantCursor({ at: p.startedAt, id: p.id });
}

function decodePosition(value: string | undefined): RunPosition | undefined {
  const cursor = decodeInstantCursor(value);
  return cursor && { startedAt: cursor.at, id: cursor.id };
}

type Raw = Record<string, string | string[] | undefined>;
const one = (raw: Raw, name: string) => {
  const v = raw[name];
  return (Array.isArray(v) ? v[0] : v)?.trim() || undefined;
};

export function parseBankAdminParams(raw: Raw): { params: BankAdminParams; problems: BankAdminProblem[] } {
  const problems: BankAdminProblem[] = [];
  const date = (field: "from" | "to", label: string) => {
    const v = one(raw, field);
    if (v === undefined) return undefined;
    if (isIsoDate(v)) return v;
    problems.push({ field, message: `${label} must be a real date, for example 2026-11-23` });
    return undefined;
  };
  const from = date("from", "Runs from");
  const to = date("to", "Runs to");
  if (from && to && isBefore(to, from)) problems.push({ field: "to", message: "Runs to must be the same as or after runs from" });
  const bad = problems.length > 0;
  return {
    params: {
      from: bad ? undefined : from,
      to: bad ? undefined : to,
      before: decodePosition(one(raw, "before")),
      after: one(raw, "before") ? undefined : decodePosition(one(raw, "after")),
    },
    problems,
  };
}

export function bankAdminHref(
  params: BankAdminParams,
  change: Partial<Record<"before" | "after", RunPosition | undefined>> = {},
): string {
  const q = new URLSearchParams();
  if (params.from) q.set("from", params.from);
  if (params.to) q.set("to", params.to);
  // Newest first, so the next page is the older runs: "before" leads on, "after" goes back.
  setPagePosition(
    q,
    { next: "before", previous: "after" },
    { next: change.before && encodePosition(change.before), previous: change.after && encodePosition(change.after) },
  );
  const s = q.toString();
  return s ? `/bank-admin?${s}` : "/bank-admin";
}
