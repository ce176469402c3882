// The payroll table's URL (/payment-cycles/<id>?q=…&status=…&method=…&point=…&after=…): search,
// filters and the page, so a view can be shared. Parsing never fails: a value that cannot be used is dropped. Pure.

export const PAYROLL_STATUSES = [
  "DRAFT",
  "SUSPENDED",
  "NEW",
  "SENT",
  "PAID",
  "FAILED",
  "CANCELLED",
  "CASHED",
  "EXPIRED",
  "CARRIED_OVER",
] as const;
export type PayrollStatus = (typeof PAYROLL_STATUSES)[number];
export const PAYROLL_METHODS = ["BANK", "CASH"] as const;
export type PayrollMethod = (typeof PAYROLL_METHODS)[number];

export const MAX_PAYROLL_SEARCH = 100;

export type PayrollParams = {
  /** A person reference, a payment reference, or the start of a last name or of "first last". */
  q?: string;
  status?: PayrollStatus;
  method?: PayrollMethod;
  /** A payment point's id (lower case), or NO_POINT for the payments of no point. */
  point?: string;
  /** The payment reference the page follows (next page), or precedes (previous page). */
  after?: string;
  before?: string;
};

/** The `point` filter's value for payments that matched no payment point. */
export const NO_POINT = "none";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A payment reference as the portal makes them: letters, digits and hyphens, at most 18. */
const REFERENCE = /^[0-9A-Z-]{1,18}$/;

type Input = Record<string, string | string[] | undefined>;

function one(input: Input, name: string): string | undefined {
  const value = input[name];
  const single = (Array.isArray(value) ? value[0] : value)?.trim();
  return single ? single : undefined;
}

export function parsePayrollParams(input: Input): PayrollParams {
  const status = one(input, "status")?.toUpperCase();
  const method = one(input, "method")?.toUpperCase();
  const after = one(input, "after")?.toUpperCase();
  const before = one(input, "before")?.toUpperCase();
  const point = one(input, "point")?.toLowerCase();
  const q = one(input, "q")?.replace(/\s+/g, " ").slice(0, MAX_PAYROLL_SEARCH).trim();
  return {
    q: q || undefined,
    status: PAYROLL_STATUSES.find((s) => s === status),
    method: PAYROLL_METHODS.find((m) => m === method),
    point: point && (point === NO_POINT || UUID.test(point)) ? point : undefined,
    after: after && REFERENCE.test(after) ? after : undefined,
    before: !after && before && REFERENCE.test(before) ? before : undefined,
  };
}

/** The payroll's URL with these params (and a page position, replacing any). */
export function payrollHref(cycleId: string, params: PayrollParams, page: { after?: string; before?: string } = {}): string {
  const query = new URLSearchParams();
  if (params.q) query.set("q", params.q);
  if (params.status) query.set("status", params.status);
  if (params.method) query.set("method", params.method);
  if (params.point) query.set("point", params.point);
  if (page.after) query.set("after", page.after);
  else if (page.before) query.set("before", page.before);
  const text = query.toString();
  return `/payment-cycles/${cycleId}${text ? `?${text}` : ""}#payroll`;
}
