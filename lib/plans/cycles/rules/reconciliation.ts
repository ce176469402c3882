// Reconciling a payment cycle (docs/cycle-reconciliation.md): what its payments came to, whether it
// can be marked reconciled and why not, and what happens to the ones left unpaid. Pure: the page
// shows, and the service refuses, with the same words.
import { longDate } from "@/lib/dates/london-date";
import type { PaymentStatus } from "@/lib/generated/prisma/enums";
import { formatPence } from "@/lib/money";
import { POST_OFFICE_CANCEL_REASON } from "@/lib/payments/rules/payment-transitions";
import { statusWords, type CycleStatus } from "./cycle-decisions";

/** A cycle payment's place in the reconciliation: its status, with cancellations split by source. */
export const RECONCILIATION_CATEGORIES = [
  "PAID",
  "CASHED",
  "FAILED",
  "EXPIRED",
  "POST_OFFICE_CANCELLED",
  "CARRIED_OVER",
  "CANCELLED",
  "NEW",
  "SENT",
  "NOT_APPROVED",
] as const;
export type ReconciliationCategory = (typeof RECONCILIATION_CATEGORIES)[number];

/** Unpaid money that a later cycle may carry (docs/plans.md#building-the-payroll). */
export const UNPAID_CATEGORIES = ["FAILED", "EXPIRED", "POST_OFFICE_CANCELLED"] as const;
export type UnpaidCategory = (typeof UNPAID_CATEGORIES)[number];

export type ReconciliationGroup = "settled" | "unpaid" | "carried" | "cancelled" | "outstanding";

const CATEGORY_INFO: Record<ReconciliationCategory, { label: string; group: ReconciliationGroup }> = {
  PAID: { label: "Paid by bank (no failure reported)", group: "settled" },
  CASHED: { label: "Cashed at the Post Office", group: "settled" },
  FAILED: { label: "Failed", group: "unpaid" },
  EXPIRED: { label: "Expired uncashed", group: "unpaid" },
  POST_OFFICE_CANCELLED: { label: "Cancelled by the Post Office", group: "unpaid" },
  CARRIED_OVER: { label: "Carried over into a later cycle", group: "carried" },
  CANCELLED: { label: "Cancelled (rejected or rebuilt, never sent)", group: "cancelled" },
  NEW: { label: "Waiting for a run (new)", group: "outstanding" },
  SENT: { label: "Sent, not settled yet", group: "outstanding" },
  NOT_APPROVED: { label: "Not approved yet (draft or suspended)", group: "outstanding" },
};

const GROUP_LABELS: Record<ReconciliationGroup, string> = {
  settled: "Settled: paid or cashed",
  unpaid: "Unpaid, not carried yet",
  carried: "Carried over",
  cancelled: "Cancelled",
  outstanding: "Outstanding: not settled yet",
};

/** The category of a payment; the SQL in load-cycle-reconciliation.ts mirrors it. */
export function categoryOf(status: PaymentStatus, cancelReason: string | null): ReconciliationCategory {
  if (status === "CANCELLED") return cancelReason === POST_OFFICE_CANCEL_REASON ? "POST_OFFICE_CANCELLED" : "CANCELLED";
  if (status === "DRAFT" || status === "SUSPENDED") return "NOT_APPROVED";
  return status;
}

export type Figure = { payments: number; totalPence: number };
export type CategoryFigures = Partial<Record<ReconciliationCategory, Figure>>;

export type ReconciliationView = {
  rows: ({ category: ReconciliationCategory; label: string; group: ReconciliationGroup } & Figure)[];
  groups: ({ group: ReconciliationGroup; label: string } & Figure)[];
  all: Figure;
  /** Null when the cycle can be marked reconciled now. */
  refusal: { code: "INVALID_STATE"; message: string } | null;
  /** What happens to the unpaid payments, in one sentence; null when there are none. */
  unpaidWords: string | null;
};

const ZERO: Figure = { payments: 0, totalPence: 0 };
const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
const add = (a: Figure, b: Figure): Figure => ({ payments: a.payments + b.payments, totalPence: a.totalPence + b.totalPence });

export function reconciliationView(input: {
  status: CycleStatus;
  figures: CategoryFigures;
  carryOverUnpaid: boolean;
}): ReconciliationView {
  const figure = (c: ReconciliationCategory) => input.figures[c] ?? ZERO;
  const rows = RECONCILIATION_CATEGORIES.filter((c) => c !== "NOT_APPROVED" || figure(c).payments > 0).map((category) => ({
    category,
    ...CATEGORY_INFO[category],
    ...figure(category),
  }));
  const groups = (Object.keys(GROUP_LABELS) as ReconciliationGroup[]).map((group) => ({
    group,
    label: GROUP_LABELS[group],
    ...RECONCILIATION_CATEGORIES.filter((c) => CATEGORY_INFO[c].group === group)
      .map(figure)
      .reduce(add, ZERO),
  }));
  const unpaid = groups.find((g) => g.group === "unpaid")!;
  return {
    rows,
    groups,
    all: RECONCILIATION_CATEGORIES.map(figure).reduce(add, ZERO),
    refusal: whyCycleCannotBeReconciled(input.status, {
      new: figure("NEW").payments,
      sent: figure("SENT").payments,
      notApproved: figure("NOT_APPROVED").payments,
    }),
    unpaidWords: unpaid.payments === 0 ? null : unpaidWords(unpaid, input.carryOverUnpaid),
  };
}

/** Why the cycle cannot be marked reconciled now, or null. `PAID` counts as settled. */
export function whyCycleCannotBeReconciled(
  status: CycleStatus,
  outstanding: { new: number; sent: number; notApproved: number },
): { code: "INVALID_STATE"; message: string } | null {
  if (status === "RECONCILED") return { code: "INVALID_STATE", message: "This cycle is reconciled already." };
  if (status !== "APPROVED") {
    return {
      code: "INVALID_STATE",
      message: `This cycle is ${statusWords(status)}: only an approved cycle is reconciled, once its payments are settled.`,
    };
  }
  const parts = [
    outstanding.sent > 0 && `${count(outstanding.sent, "payment is", "payments are")} still sent and not yet settled`,
    outstanding.new > 0 && `${count(outstanding.new, "payment is", "payments are")} still waiting for a run`,
    outstanding.notApproved > 0 && `${count(outstanding.notApproved, "payment is", "payments are")} not approved`,
  ].filter((p): p is string => Boolean(p));
  if (parts.length === 0) return null;
  const sentence = parts.join(", and ");
  return {
    code: "INVALID_STATE",
    message: `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}: a cycle is reconciled once no payment is new or sent.`,
  };
}

function unpaidWords(unpaid: Figure, carryOverUnpaid: boolean): string {
  const what = `${count(unpaid.payments, "unpaid payment", "unpaid payments")} (${formatPence(unpaid.totalPence)})`;
  return carryOverUnpaid
    ? `The plan carries unpaid amounts over: the ${what} will be carried into the next cycle created, for people still enrolled; any other is listed for action.`
    : `The plan does not carry unpaid amounts over: the ${what} ${unpaid.payments === 1 ? "is" : "are"} listed for action.`;
}

const ACTIONS: Record<UnpaidCategory, string> = {
  FAILED: "contact the person: their bank rejected the payment (they have been asked for new bank details)",
  EXPIRED: "contact the person: their voucher expired uncashed",
  POST_OFFICE_CANCELLED: "contact the person: the Post Office cancelled their voucher",
};

export type UnpaidOutcome = { carried: boolean; words: string };

/**
 * What happens to one unpaid payment: carried into the next cycle created when the plan carries
 * over, the person is enrolled after this period and the plan has a later period; otherwise listed
 * for action, saying why it is not carried and what to do.
 */
export function unpaidOutcome(input: {
  category: UnpaidCategory;
  carryOverUnpaid: boolean;
  /** The enrolment's last day (YYYY-MM-DD), when it ends on or before the cycle's last day. */
  enrolmentEndedOn: string | null;
  /** False when the plan ends with this cycle's period. */
  planHasLaterPeriod: boolean;
}): UnpaidOutcome {
  if (input.carryOverUnpaid && input.enrolmentEndedOn === null && input.planHasLaterPeriod) {
    return { carried: true, words: "Will be carried into the next cycle" };
  }
  const why = !input.carryOverUnpaid
    ? ""
    : input.enrolmentEndedOn !== null
      ? ` (not carried: the enrolment ended on ${longDate(input.enrolmentEndedOn)})`
      : " (not carried: the plan has no later period)";
  return { carried: false, words: `For action${why}: ${ACTIONS[input.category]}` };
}

/** "45 payments settled (£2,250.00); 4 payments unpaid (£205.00); 3 payments carried over (£150.00)." */
export function describeReconciled(groups: Record<ReconciliationGroup, Figure>): string {
  const words: [ReconciliationGroup, string][] = [
    ["settled", "settled"],
    ["unpaid", "unpaid"],
    ["carried", "carried over"],
    ["cancelled", "cancelled"],
  ];
  const parts = words
    .filter(([group]) => group === "settled" || groups[group].payments > 0)
    .map(
      ([group, word]) =>
        `${count(groups[group].payments, "payment", "payments")} ${word} (${formatPence(groups[group].totalPence)})`,
    );
  return `${parts.join("; ")}.`;
}
