import { isIsoDate } from "@/lib/dates/london-date";
import { decodeOpaqueCursor, encodeOpaqueCursor, setPagePosition } from "@/lib/pagination/keyset";
import { normalisePersonReference } from "./enrolment-form";

// The beneficiaries list's URL is its state (filters and page), so a view can be shared and the back
// button works. Parsing never fails: a value we cannot use is dropped; a bad date is also reported.

export type BeneficiaryCursor = { last: string; first: string; id: string };

export type BeneficiaryListParams = {
  /** Part of the person's name, trimmed, at most 100 characters. */
  name?: string;
  reference?: string;
  method?: "BANK" | "CASH";
  /** YYYY-MM-DD: only those enrolled on that day. */
  activeOn?: string;
  after?: BeneficiaryCursor;
  before?: BeneficiaryCursor;
};

export type ListProblem = { field: "activeOn" | "reference"; message: string };
type Input = Record<string, string | string[] | undefined>;

const MAX_NAME = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function raw(input: Input, name: string): string | undefined {
  const value = input[name];
  const single = (Array.isArray(value) ? value[0] : value)?.trim();
  return single ? single : undefined;
}

function cursor(text: string | undefined): BeneficiaryCursor | undefined {
  const value = decodeOpaqueCursor(text, 1200);
  if (!Array.isArray(value) || value.length !== 3 || !value.every((v) => typeof v === "string")) return undefined;
  const [last, first, id] = value as string[];
  return UUID.test(id) ? { last, first, id } : undefined;
}

export function parseBeneficiaryListParams(input: Input): { params: BeneficiaryListParams; problems: ListProblem[] } {
  const problems: ListProblem[] = [];
  const activeText = raw(input, "activeOn");
  const activeOn = activeText && isIsoDate(activeText) ? activeText : undefined;
  if (activeText && !activeOn) problems.push({ field: "activeOn", message: "Enrolled on must be a real date" });
  const referenceText = raw(input, "reference");
  const reference = referenceText ? (normalisePersonReference(referenceText) ?? undefined) : undefined;
  if (referenceText && !reference) {
    problems.push({ field: "reference", message: "Person reference must be 7 letters and numbers, like 7KQ2M9X" });
  }
  const method = raw(input, "method")?.toUpperCase();
  const after = cursor(raw(input, "after"));
  return {
    params: {
      name: raw(input, "name")?.replace(/\s+/g, " ").slice(0, MAX_NAME).trim() || undefined,
      reference,
      method: method === "BANK" || method === "CASH" ? method : undefined,
      activeOn,
      after,
      before: after ? undefined : cursor(raw(input, "before")),
    },
    problems,
  };
}

export function hasBeneficiaryFilters(params: BeneficiaryListParams): boolean {
  return Boolean(params.name || params.reference || params.method || params.activeOn);
}

/** The plan's page with `changes` applied; a change that sets no cursor starts at the first page. */
export function beneficiaryListHref(
  planCode: string,
  params: BeneficiaryListParams,
  changes: Partial<BeneficiaryListParams> = {},
): string {
  const next = { ...params, after: undefined, before: undefined, ...changes };
  const out = new URLSearchParams();
  if (next.name) out.set("name", next.name);
  if (next.reference) out.set("reference", next.reference);
  if (next.method) out.set("method", next.method);
  if (next.activeOn) out.set("activeOn", next.activeOn);
  const encode = (c?: BeneficiaryCursor) => c && encodeOpaqueCursor([c.last, c.first, c.id]);
  setPagePosition(out, { next: "after", previous: "before" }, { next: encode(next.after), previous: encode(next.before) });
  const query = out.toString();
  return `/benefit-plans/${encodeURIComponent(planCode)}${query ? `?${query}` : ""}#beneficiaries`;
}
