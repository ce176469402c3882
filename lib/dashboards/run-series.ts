import type { RunKind, RunStatus } from "@/lib/generated/prisma/enums";

// Runs (docs/dashboards.md#runs): each run started in the window, oldest first, with the payments
// it sent and their total. A failed run is named so in its label ("failed"), not by colour alone.

export type RunRow = {
  id: string;
  kind: RunKind;
  status: RunStatus;
  startedAt: Date;
  paymentCount: number;
  totalPence: number;
};

export type RunPoint = RunRow & { label: string; failed: boolean };

const WHEN = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "short",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

const KIND: Record<RunKind, string> = { DIRECT_PAYMENTS: "Bank", PAYOUT: "Payout" };

/** Labels are unique: two runs started in the same minute get "(2)", "(3)". */
export function runSeries(rows: readonly RunRow[]): RunPoint[] {
  const seen = new Map<string, number>();
  return [...rows]
    .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || (a.id < b.id ? -1 : 1))
    .map((run) => {
      const failed = run.status === "FAILED";
      const base = `${KIND[run.kind]} ${WHEN.format(run.startedAt)}${failed ? " failed" : ""}`;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      return { ...run, failed, label: n === 1 ? base : `${base} (${n})` };
    });
}
