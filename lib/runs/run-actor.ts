import type { AuditActor } from "@/lib/audit/record-audit";
import type { RunKind } from "@/lib/generated/prisma/enums";

/** docs/runs.md#what-a-run-is names kinds in lower case: "direct-payments", "payout". */
export function runKindLabel(kind: RunKind): string {
  return kind.toLowerCase().replace(/_/g, "-");
}

/**
 * Runs act for the system, not for a user: a scheduled run has none, and "Run now" only starts
 * what the schedule would. Who or what triggered it goes into the label, so the audit log says.
 */
export function runActor(kind: RunKind, triggeredBy: string): AuditActor {
  return { system: `${runKindLabel(kind)} run (${triggeredBy})` };
}
