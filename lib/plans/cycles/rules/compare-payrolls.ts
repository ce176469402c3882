// A payroll against the previous cycle's, person by person (docs/payroll-review.md#against-the-previous-cycle).
// Pure: the rule, written once. compare-cycle.ts works out the same in SQL for any size of payroll
// (only counts, totals and a page of rows come back), and tests/plans/payroll-comparison.test.ts
// checks the two agree.
//
// What is compared is each person's period amount: their payment without the money it carries over
// from unpaid earlier payments. Carried-over money was owed by an earlier period, so a person whose
// voucher expired last month is not "up" this month; it is totalled apart instead.
import { formatPence } from "@/lib/money";

/** One person's payment in one cycle. */
export type PayrollSide = {
  status: string;
  /** Whether it was ever sent (a cancellation after sending, by the Post Office, was paid out of this payroll). */
  sent: boolean;
  /** The payment without its carried-over lines. */
  periodPence: number;
  /** The carried-over lines' sum. */
  carriedPence: number;
};

export type PersonPayments = { previous: PayrollSide | null; current: PayrollSide | null };

/**
 * JOINED / LEFT: period money in one payroll only; UP / DOWN / UNCHANGED: in both; CARRIED_ONLY:
 * in a payroll with carried-over money alone (an ended enrolment still paid what it was owed).
 */
export const CHANGE_KINDS = ["JOINED", "LEFT", "UP", "DOWN", "UNCHANGED", "CARRIED_ONLY"] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/**
 * A payment is part of its payroll unless it was cancelled before it was ever sent: a suspended
 * payment rejected, or one no longer due when the payroll was rebuilt. A payment that failed,
 * expired or was carried into a later cycle was still this payroll's to pay.
 */
export function inPayroll(side: PayrollSide | null): side is PayrollSide {
  return side !== null && !(side.status === "CANCELLED" && !side.sent);
}

export type PersonChange = { kind: ChangeKind; previousPence: number; currentPence: number; changePence: number };

/** How one person's period amount changed; null when neither payment is part of its payroll. */
export function classifyChange(person: PersonPayments): PersonChange | null {
  const previous = inPayroll(person.previous) ? person.previous : null;
  const current = inPayroll(person.current) ? person.current : null;
  if (!previous && !current) return null;
  const previousPence = previous && previous.periodPence > 0 ? previous.periodPence : 0;
  const currentPence = current && current.periodPence > 0 ? current.periodPence : 0;
  const kind: ChangeKind =
    previousPence === 0 && currentPence === 0
      ? "CARRIED_ONLY"
      : previousPence === 0
        ? "JOINED"
        : currentPence === 0
          ? "LEFT"
          : currentPence > previousPence
            ? "UP"
            : currentPence < previousPence
              ? "DOWN"
              : "UNCHANGED";
  return { kind, previousPence, currentPence, changePence: currentPence - previousPence };
}

/** The people of one kind, and their money on each side (period and carried over). */
export type ChangeGroup = {
  kind: ChangeKind;
  people: number;
  previousPence: number;
  currentPence: number;
  previousCarriedPence: number;
  currentCarriedPence: number;
};

export type PayrollComparison = {
  /** Each kind, in CHANGE_KINDS order (a kind nobody is in has zeros). */
  groups: Record<ChangeKind, ChangeGroup>;
  /** Period money of each payroll, and the difference. */
  previousPence: number;
  currentPence: number;
  netPence: number;
  /** Carried-over money in each payroll (not compared person by person). */
  previousCarriedPence: number;
  currentCarriedPence: number;
};

function emptyGroup(kind: ChangeKind): ChangeGroup {
  return { kind, people: 0, previousPence: 0, currentPence: 0, previousCarriedPence: 0, currentCarriedPence: 0 };
}

/** The comparison of two payrolls given person by person. */
export function comparePayrolls(people: Iterable<PersonPayments>): PayrollComparison {
  const groups = new Map<ChangeKind, ChangeGroup>();
  for (const person of people) {
    const change = classifyChange(person);
    if (!change) continue;
    const group = groups.get(change.kind) ?? emptyGroup(change.kind);
    group.people += 1;
    group.previousPence += change.previousPence;
    group.currentPence += change.currentPence;
    group.previousCarriedPence += inPayroll(person.previous) ? person.previous.carriedPence : 0;
    group.currentCarriedPence += inPayroll(person.current) ? person.current.carriedPence : 0;
    groups.set(change.kind, group);
  }
  return comparisonFromGroups([...groups.values()]);
}

/** The comparison from its groups, as the SQL returns them (one row per kind present). */
export function comparisonFromGroups(rows: readonly ChangeGroup[]): PayrollComparison {
  const groups = Object.fromEntries(CHANGE_KINDS.map((kind) => [kind, emptyGroup(kind)])) as Record<ChangeKind, ChangeGroup>;
  for (const row of rows) {
    const group = groups[row.kind];
    group.people += row.people;
    group.previousPence += row.previousPence;
    group.currentPence += row.currentPence;
    group.previousCarriedPence += row.previousCarriedPence;
    group.currentCarriedPence += row.currentCarriedPence;
  }
  const all = Object.values(groups);
  const sum = (pick: (g: ChangeGroup) => number) => all.reduce((n, g) => n + pick(g), 0);
  const previousPence = sum((g) => g.previousPence);
  const currentPence = sum((g) => g.currentPence);
  return {
    groups,
    previousPence,
    currentPence,
    netPence: currentPence - previousPence,
    previousCarriedPence: sum((g) => g.previousCarriedPence),
    currentCarriedPence: sum((g) => g.currentCarriedPence),
  };
}

/** What a kind's people changed the period total by: + for joined, − for left, the net for the others. */
export function changeOf(group: ChangeGroup): number {
  return group.currentPence - group.previousPence;
}

/** "+£1.00", "−£1.00" (a true minus sign) or "£0.00". */
export function signedPence(pence: number): string {
  if (pence === 0) return formatPence(0);
  return `${pence > 0 ? "+" : "\u2212"}${formatPence(Math.abs(pence))}`;
}

const count = (n: number) => n.toLocaleString("en-GB");

/**
 * "Against 1 October 2026 to 31 October 2026: 2 joined (+£100.00), 1 left (−£50.00), 3 amount
 * changed (net +£20.00)", then the unchanged and the carried-over money when there are any.
 */
export function describeComparison(comparison: PayrollComparison, previousPeriod: string): string {
  const { groups } = comparison;
  const changed = { people: groups.UP.people + groups.DOWN.people, pence: changeOf(groups.UP) + changeOf(groups.DOWN) };
  const parts = [
    `${count(groups.JOINED.people)} joined (${signedPence(changeOf(groups.JOINED))})`,
    `${count(groups.LEFT.people)} left (${signedPence(changeOf(groups.LEFT))})`,
    `${count(changed.people)} amount changed (net ${signedPence(changed.pence)})`,
  ];
  let text = `Against ${previousPeriod}: ${parts.join(", ")}`;
  if (groups.UNCHANGED.people > 0) text += `; ${count(groups.UNCHANGED.people)} unchanged`;
  text += `. This period's amounts: ${formatPence(comparison.currentPence)} (${signedPence(comparison.netPence)}).`;
  if (comparison.currentCarriedPence > 0 || comparison.previousCarriedPence > 0) {
    text += ` Carried over from unpaid earlier payments, not compared: ${formatPence(comparison.currentCarriedPence)} in this payroll, ${formatPence(comparison.previousCarriedPence)} in the previous one.`;
  }
  return text;
}
