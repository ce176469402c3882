// The comparison table's URL (/payment-cycles/<id>?changes=joined&changesAfter=7KQ2M9X#changes):
// which changes, and the page (keyset on the person reference). Parsing never fails: a value that
// cannot be used is dropped. Pure.
import type { ChangeKind } from "./compare-payrolls";

export const CHANGE_FILTERS = ["joined", "left", "changed"] as const;
export type ChangeFilter = (typeof CHANGE_FILTERS)[number];

/** The kinds each filter shows; no filter shows every change (joined, left, up and down). */
export const KINDS_SHOWN: Record<ChangeFilter | "all", readonly ChangeKind[]> = {
  all: ["JOINED", "LEFT", "UP", "DOWN"],
  joined: ["JOINED"],
  left: ["LEFT"],
  changed: ["UP", "DOWN"],
};

export type ComparisonParams = { changes?: ChangeFilter; after?: string; before?: string };

/** A person reference: 7 characters of the claim alphabet (checked loosely: it only bounds a keyset). */
const PERSON_REFERENCE = /^[0-9A-Z]{7}$/;

type Input = Record<string, string | string[] | undefined>;

function one(input: Input, name: string): string | undefined {
  const value = input[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}

export function parseComparisonParams(input: Input): ComparisonParams {
  const changes = one(input, "changes")?.toLowerCase();
  const reference = (name: string) => {
    const value = one(input, name)?.toUpperCase();
    return value && PERSON_REFERENCE.test(value) ? value : undefined;
  };
  const after = reference("changesAfter");
  return {
    changes: CHANGE_FILTERS.find((f) => f === changes),
    after,
    before: after ? undefined : reference("changesBefore"),
  };
}

export function comparisonHref(
  cycleId: string,
  params: { changes?: ChangeFilter },
  page: { after?: string; before?: string } = {},
): string {
  const query = new URLSearchParams();
  if (params.changes) query.set("changes", params.changes);
  if (page.after) query.set("changesAfter", page.after);
  else if (page.before) query.set("changesBefore", page.before);
  const text = query.toString();
  return `/payment-cycles/${cycleId}${text ? `?${text}` : ""}#changes`;
}
