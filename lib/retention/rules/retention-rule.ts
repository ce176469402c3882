import { addCalendarDays, londonDate, londonDayStart } from "@/lib/dates/london-date";
import type { ClaimStatus, PaymentStatus } from "@/lib/generated/prisma/enums";

// The retention policy's rule (docs/security.md#personal-data-over-time), pure: what counts as a
// person's activity, and when a person is due to have their personal details erased. The shell
// (lib/retention/erase-due-people.ts) asks the same question of the database in SQL, with the
// constants below as its parameters; tests/retention checks that both answer alike.

/** A claim still waiting for someone (a decision, the claimant, a second caseworker): the person is active. */
export const OPEN_CLAIM_STATUSES = [
  "NEW",
  "INFORMATION_REQUESTED",
  "UPDATED",
  "AWAITING_SECOND_APPROVAL",
] as const satisfies readonly ClaimStatus[];

/** A payment that may still move (be sent, held, paid or fail): the person is active. */
export const UNSETTLED_PAYMENT_STATUSES = ["NEW", "SENT", "DRAFT", "SUSPENDED"] as const satisfies readonly PaymentStatus[];

/** What the erasure writes in place of the date of birth, which the schema requires. */
export const ERASED_DATE_OF_BIRTH = "1900-01-01";
/** What the erasure writes in place of each name. */
export const ERASED_NAME = "Erased";

export type PersonActivity = {
  /** The record's own creation: a person is never due sooner than the policy's years after it. */
  createdAt: Date;
  erasedAt: Date | null;
  claims: { status: ClaimStatus; createdAt: Date; updatedAt: Date }[];
  /** `enrolledTo` as a London date (YYYY-MM-DD); null while the enrolment is open. */
  enrolments: { enrolledTo: string | null; createdAt: Date; updatedAt: Date }[];
  /** `history`: the instants of the payment's status history rows. */
  payments: { status: PaymentStatus; createdAt: Date; updatedAt: Date; history: Date[] }[];
  /** Proposed changes of bank details or of name and address, decided or not. */
  detailChanges: { proposedAt: Date; decidedAt: Date | null }[];
};

/** "open": something is still going on (an open claim or enrolment, a payment that may move). */
export type LastActivity = Date | "open";

const latest = (dates: readonly (Date | null)[]): Date =>
  new Date(Math.max(...dates.filter((d): d is Date => d !== null).map((d) => d.getTime())));

/**
 * The person's latest activity at `today` (a London date): the latest claim created or changed,
 * enrolment made, changed or ended, payment created, changed or moved, or change of details
 * proposed or decided; never earlier than the record's creation.
 */
export function lastActivity(person: PersonActivity, today: string): LastActivity {
  const openClaim = person.claims.some((c) => (OPEN_CLAIM_STATUSES as readonly string[]).includes(c.status));
  const openEnrolment = person.enrolments.some((e) => e.enrolledTo === null || e.enrolledTo >= today);
  const movingPayment = person.payments.some((p) => (UNSETTLED_PAYMENT_STATUSES as readonly string[]).includes(p.status));
  if (openClaim || openEnrolment || movingPayment) return "open";
  return latest([
    person.createdAt,
    ...person.claims.flatMap((c) => [c.createdAt, c.updatedAt]),
    ...person.enrolments.flatMap((e) => [e.createdAt, e.updatedAt, e.enrolledTo ? londonDayStart(e.enrolledTo) : null]),
    ...person.payments.flatMap((p) => [p.createdAt, p.updatedAt, ...p.history]),
    ...person.detailChanges.flatMap((c) => [c.proposedAt, c.decidedAt]),
  ]);
}

/**
 * The first instant that still counts as recent: the start (London time) of the same calendar
 * day `years` years before `now`. 29 February falls back to 28 February in a year without one.
 */
export function retentionCutoff(now: Date, years: number): Date {
  if (!Number.isInteger(years) || years < 1) throw new RangeError(`retention years must be a whole number from 1, got ${years}`);
  return londonDayStart(retentionCutoffDate(now, years));
}

/** retentionCutoff as a London date (YYYY-MM-DD): enrolments end on dates, not instants. */
export function retentionCutoffDate(now: Date, years: number): string {
  const [y, m, d] = londonDate(now).split("-").map(Number);
  const year = String(y - years).padStart(4, "0");
  const first = `${year}-${String(m).padStart(2, "0")}-01`;
  // Day d of that month, or its last day when it has fewer (29 February in a common year).
  const lastDay = Number(addCalendarDays(addCalendarDays(first, 31).slice(0, 8) + "01", -1).slice(8));
  return `${first.slice(0, 8)}${String(Math.min(d, lastDay)).padStart(2, "0")}`;
}

/** Due: not yet erased, nothing open, and no activity since the cutoff. An erased person never is. */
export function isDueForErasure(person: PersonActivity, options: { now: Date; years: number }): boolean {
  if (person.erasedAt !== null) return false;
  const last = lastActivity(person, londonDate(options.now));
  return last !== "open" && last.getTime() < retentionCutoff(options.now, options.years).getTime();
}
