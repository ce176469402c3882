// A payroll's totals in words, for the cycle's timeline and the accountant's message. Pure.
import { formatPence } from "@/lib/money";

export type PayrollCounts = {
  payments: number;
  totalPence: number;
  suspended: number;
  suspendedPence: number;
  nothingDue: number;
  carriedOver: number;
  cancelled?: number;
  alreadyCancelled?: number;
};

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

export function describePayroll(t: PayrollCounts): string {
  const parts = [`${count(t.payments, "payment", "payments")} of ${formatPence(t.totalPence)} in all`];
  if (t.suspended > 0)
    parts.push(`${count(t.suspended, "suspended", "suspended")} (${formatPence(t.suspendedPence)}) above the limit`);
  if (t.nothingDue > 0) parts.push(`${count(t.nothingDue, "beneficiary", "beneficiaries")} with nothing due`);
  if (t.carriedOver > 0) parts.push(`${count(t.carriedOver, "unpaid earlier payment", "unpaid earlier payments")} carried over`);
  if (t.cancelled) parts.push(`${count(t.cancelled, "payment", "payments")} no longer due cancelled`);
  if (t.alreadyCancelled) {
    parts.push(
      `${count(t.alreadyCancelled, "beneficiary", "beneficiaries")} not paid again (payment rejected earlier in this cycle)`,
    );
  }
  return `${parts.join("; ")}.`;
}
