import { z } from "zod";
import { hasControlCharacters } from "@/lib/claims/intake/person-text";
import { ClaimStatus, PaymentMethod } from "@/lib/generated/prisma/enums";
import { setPagePosition } from "@/lib/pagination/keyset";
import { decodeCursor, encodeCursor, type ClaimCursor } from "./claim-list-cursor";
import { CLAIM_SORTS, DEFAULT_DIR, DEFAULT_SORT, type ClaimSort, type SortDir } from "./claim-list-sort";
import type { ClaimStatusFilter } from "./open-claims";
import { VOUCHER_STATES, type VoucherState } from "./voucher-filter";

// The /claims URL is the state of the list: filters, sort and page all live in it, so a view can be
// shared and the back button works. Parsing never fails: a value we cannot use is dropped. Dates are
// the one thing people type, so a bad date is also reported (`problems`) for the error summary.
// With no status in the URL the list is the queue: open claims, oldest first; `status=all` lifts it.

export type AssignedFilter = "me" | "unassigned";

export type ClaimListParams = {
  /** One status, every open one ("OPEN", the default view), or unset for every status (`status=all`). */
  status?: ClaimStatusFilter;
  method?: PaymentMethod;
  /** YYYY-MM-DD, inclusive. */
  eventFrom?: string;
  eventTo?: string;
  assigned?: AssignedFilter;
  /** Only claims that need attention (a payment on hold or failed). */
  attention: boolean;
  /** Only claims whose latest cash payment (their Post Office voucher) is in this state. */
  voucher?: VoucherState;
  /** Trimmed, inner spaces collapsed, at most 100 characters. */
  q?: string;
  sort: ClaimSort;
  dir: SortDir;
  /** Rows after this one in the list's order (the next page). */
  after?: ClaimCursor;
  /** Rows before this one (the previous page). Ignored when `after` is present. */
  before?: ClaimCursor;
};

export type ClaimListProblem = { field: "eventFrom" | "eventTo"; message: string };

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

export const DEFAULT_CLAIM_LIST_PARAMS: ClaimListParams = {
  status: "OPEN",
  attention: false,
  sort: DEFAULT_SORT,
  dir: DEFAULT_DIR[DEFAULT_SORT],
};

export const MAX_SEARCH_LENGTH = 100;

function raw(input: SearchParamsInput, name: string): string | undefined {
  const value = input instanceof URLSearchParams ? (input.get(name) ?? undefined) : input[name];
  const single = Array.isArray(value) ? value[0] : value;
  const trimmed = single?.trim();
  // A NUL (which PostgreSQL cannot take as text), another control character or half a character
  // is no search or filter anyone typed: the value is dropped like any other we cannot use.
  return trimmed && !hasControlCharacters(trimmed) ? trimmed : undefined;
}

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

const fields = z.object({
  status: optional(z.enum([...Object.values(ClaimStatus), "OPEN", "ALL"])),
  method: optional(z.enum(PaymentMethod)),
  assigned: optional(z.enum(["me", "unassigned"])),
  voucher: optional(z.enum(VOUCHER_STATES)),
  attention: z.literal("1").optional().catch(undefined),
  sort: optional(z.enum(CLAIM_SORTS)),
  dir: optional(z.enum(["asc", "desc"])),
});

const realDate = z.iso.date();

const dateLabels = { eventFrom: "Event date from", eventTo: "Event date to" } as const;

function cleanSearch(q: string | undefined): string | undefined {
  const collapsed = q?.replace(/\s+/g, " ").slice(0, MAX_SEARCH_LENGTH).trim();
  return collapsed || undefined;
}

export function parseClaimListParams(input: SearchParamsInput): { params: ClaimListParams; problems: ClaimListProblem[] } {
  const upper = (name: string) => raw(input, name)?.toUpperCase();
  const f = fields.parse({
    status: upper("status"),
    method: upper("method"),
    assigned: raw(input, "assigned"),
    voucher: raw(input, "voucher")?.toLowerCase(),
    attention: raw(input, "attention"),
    sort: raw(input, "sort"),
    dir: raw(input, "dir"),
  });

  const problems: ClaimListProblem[] = [];
  const date = (field: "eventFrom" | "eventTo") => {
    const value = raw(input, field);
    if (value === undefined) return undefined;
    if (realDate.safeParse(value).success) return value;
    problems.push({ field, message: `${dateLabels[field]} must be a real date` });
    return undefined;
  };
  const eventFrom = date("eventFrom");
  let eventTo = date("eventTo");
  // ISO dates compare correctly as strings.
  if (eventFrom && eventTo && eventTo < eventFrom) {
    problems.push({ field: "eventTo", message: "Event date to must be the same as or after event date from" });
    eventTo = undefined;
  }

  const sort = f.sort ?? DEFAULT_SORT;
  const after = decodeCursor(raw(input, "after"), sort);
  const params: ClaimListParams = {
    status: f.status === "ALL" ? undefined : (f.status ?? "OPEN"),
    method: f.method,
    eventFrom,
    eventTo,
    assigned: f.assigned,
    attention: f.attention === "1",
    voucher: f.voucher,
    q: cleanSearch(raw(input, "q")),
    sort,
    dir: f.dir ?? DEFAULT_DIR[sort],
    after,
    before: after ? undefined : decodeCursor(raw(input, "before"), sort),
  };
  return { params, problems };
}

/** True when any filter (not sort or page) is set, for "Clear filters". Open claims is the default, not a filter. */
export function hasFilters(params: ClaimListParams): boolean {
  const { status, method, eventFrom, eventTo, assigned, attention, voucher, q } = params;
  return Boolean(status !== "OPEN" || method || eventFrom || eventTo || assigned || attention || voucher || q);
}

/**
 * /claims with `changes` applied and everything else kept. A change to anything drops the page
 * cursors unless the change sets one: a new filter or sort starts at the first page. Defaults are
 * left out so links stay short.
 */
export function claimListHref(params: ClaimListParams, changes: Partial<ClaimListParams> = {}): string {
  const next: ClaimListParams = { ...params, after: undefined, before: undefined, ...changes };
  const out = new URLSearchParams();
  if (next.q) out.set("q", next.q);
  if (next.status === undefined) out.set("status", "all");
  else if (next.status !== "OPEN") out.set("status", next.status);
  if (next.method) out.set("method", next.method);
  if (next.eventFrom) out.set("eventFrom", next.eventFrom);
  if (next.eventTo) out.set("eventTo", next.eventTo);
  if (next.assigned) out.set("assigned", next.assigned);
  if (next.attention) out.set("attention", "1");
  if (next.voucher) out.set("voucher", next.voucher);
  if (next.sort !== DEFAULT_SORT) out.set("sort", next.sort);
  if (next.dir !== DEFAULT_DIR[next.sort]) out.set("dir", next.dir);
  setPagePosition(
    out,
    { next: "after", previous: "before" },
    { next: next.after && encodeCursor(next.after), previous: next.before && encodeCursor(next.before) },
  );
  const query = out.toString();
  return query ? `/claims?${query}` : "/claims";
}

/** A column header's link and aria-sort: the current column flips direction, another starts at its default. */
export function sortLink(
  params: ClaimListParams,
  sort: ClaimSort,
): { href: string; direction: "ascending" | "descending" | "none" } {
  const current = params.sort === sort;
  const dir: SortDir = current ? (params.dir === "asc" ? "desc" : "asc") : DEFAULT_DIR[sort];
  return {
    href: claimListHref(params, { sort, dir }),
    direction: current ? (params.dir === "asc" ? "ascending" : "descending") : "none",
  };
}
