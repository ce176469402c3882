import { z } from "zod";
import { PaymentMethod, PaymentStatus } from "@/lib/generated/prisma/enums";
import { decodeInstantCursor, encodeInstantCursor, setPagePosition, type InstantCursor } from "@/lib/pagination/keyset";
import { normalisePaymentSearch } from "./parse-payment-search";

// The /payments URL is the state of the list (docs/payment-search.md#the-payments-list): the search,
// the filters and the page all live in it, and the CSV export takes the same parameters, so what a
// page shows is what the file holds. Parsing never fails: a value we cannot use is dropped, and one
// people type (dates, the batch or file, the run) is also reported for the error summary.

export type PaymentListParams = {
  /** The search box's text, spaces normalised. */
  q?: string;
  status?: PaymentStatus;
  method?: PaymentMethod;
  /** YYYY-MM-DD, UK days, inclusive: when the payment was created. */
  createdFrom?: string;
  createdTo?: string;
  /** A batch's UUID (lower case) or a file's name. */
  batch?: string;
  /** A run's UUID (lower case). */
  run?: string;
  /** Rows after this one in the list's order, newest first (the next page). */
  after?: InstantCursor;
  /** Rows before this one (the previous page). Ignored when `after` is present. */
  before?: InstantCursor;
};

export type PaymentListField = "createdFrom" | "createdTo" | "batch" | "run";
export type PaymentListProblem = { field: PaymentListField; message: string };

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/** Control characters other than tab, LF and CR, and half a character (as lib/claims/intake/person-text.ts). */
const CONTROL = /[^\P{Cc}\t\n\r]|\p{Cs}/u;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

function raw(input: SearchParamsInput, name: string): string | undefined {
  const value = input instanceof URLSearchParams ? (input.get(name) ?? undefined) : input[name];
  const single = Array.isArray(value) ? value[0] : value;
  const trimmed = single?.trim();
  // A NUL (which PostgreSQL cannot take as text) or another control character is nothing anyone typed.
  return trimmed && !CONTROL.test(trimmed) ? trimmed : undefined;
}

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const enums = z.object({ status: optional(z.enum(PaymentStatus)), method: optional(z.enum(PaymentMethod)) });
const realDate = z.iso.date();

export function parsePaymentListParams(input: SearchParamsInput): {
  params: PaymentListParams;
  problems: PaymentListProblem[];
} {
  const f = enums.parse({ status: raw(input, "status")?.toUpperCase(), method: raw(input, "method")?.toUpperCase() });
  const problems: PaymentListProblem[] = [];

  const date = (field: "createdFrom" | "createdTo", label: string) => {
    const value = raw(input, field);
    if (value === undefined) return undefined;
    if (realDate.safeParse(value).success) return value;
    problems.push({ field, message: `${label} must be a real date` });
    return undefined;
  };
  const createdFrom = date("createdFrom", "Created from");
  let createdTo = date("createdTo", "Created to");
  if (createdFrom && createdTo && createdTo < createdFrom) {
    problems.push({ field: "createdTo", message: "Created to must be the same as or after created from" });
    createdTo = undefined;
  }

  let batch = raw(input, "batch");
  if (batch !== undefined) {
    if (UUID.test(batch)) batch = batch.toLowerCase();
    else if (!FILE_NAME.test(batch)) {
      problems.push({ field: "batch", message: "Enter a batch ID or a file name, such as accesspay_20261120_080000.csv" });
      batch = undefined;
    }
  }
  let run = raw(input, "run");
  if (run !== undefined) {
    if (UUID.test(run)) run = run.toLowerCase();
    else {
      problems.push({ field: "run", message: "Enter a run ID, as /runs shows it" });
      run = undefined;
    }
  }

  const q = normalisePaymentSearch(raw(input, "q") ?? "") || undefined;
  const after = decodeInstantCursor(raw(input, "after"));
  const params: PaymentListParams = {
    q,
    status: f.status,
    method: f.method,
    createdFrom,
    createdTo,
    batch,
    run,
    after,
    before: after ? undefined : decodeInstantCursor(raw(input, "before")),
  };
  return { params, problems };
}

/** True when any filter or search (not the page) is set. */
export function hasPaymentFilters(params: PaymentListParams): boolean {
  const { q, status, method, createdFrom, createdTo, batch, run } = params;
  return Boolean(q || status || method || createdFrom || createdTo || batch || run);
}

/** The search and filters as query parameters, in a fixed order: the list's links and the export's URL. */
export function paymentFilterQuery(params: PaymentListParams): URLSearchParams {
  const out = new URLSearchParams();
  if (params.q) out.set("q", params.q);
  if (params.status) out.set("status", params.status);
  if (params.method) out.set("method", params.method);
  if (params.createdFrom) out.set("createdFrom", params.createdFrom);
  if (params.createdTo) out.set("createdTo", params.createdTo);
  if (params.batch) out.set("batch", params.batch);
  if (params.run) out.set("run", params.run);
  return out;
}

/** /payments with `changes` applied; a change drops the page cursors unless it sets one. */
export function paymentListHref(params: PaymentListParams, changes: Partial<PaymentListParams> = {}): string {
  const next: PaymentListParams = { ...params, after: undefined, before: undefined, ...changes };
  const out = paymentFilterQuery(next);
  setPagePosition(
    out,
    { next: "after", previous: "before" },
    { next: next.after && encodeInstantCursor(next.after), previous: next.before && encodeInstantCursor(next.before) },
  );
  const query = out.toString();
  return query ? `/payments?${query}` : "/payments";
}

/** The CSV export of what the list shows (every page of it). */
export function paymentExportHref(params: PaymentListParams): string {
  const query = paymentFilterQuery(params).toString();
  return query ? `/api/payments/export.csv?${query}` : "/api/payments/export.csv";
}

/** The filters as the audit records them: only those set. */
export function filtersForAudit(params: PaymentListParams): Record<string, string> {
  return Object.fromEntries(paymentFilterQuery(params));
}
