// Who may decide a payment cycle, and when (docs/plans.md#maker-checker): pure, so the page can
// hide what the server action would refuse, with the same words.

export type CycleStatus = "PENDING_APPROVAL" | "REJECTED" | "APPROVED" | "RECONCILED";

export type CycleForDecision = {
  status: CycleStatus;
  createdById: string;
  /** Whoever rebuilt its payroll after a rejection: makers too. */
  rebuiltByIds: readonly string[];
  /** Whoever approved a suspended payment of it (from the payments' status history). */
  suspendedApproverIds: readonly string[];
  suspendedCount: number;
};

/** Why `userId` may not approve (or reject) the cycle, or null when they may. */
export function whyCycleCannotBeDecided(
  cycle: CycleForDecision,
  userId: string,
  decision: "APPROVE" | "REJECT",
): { code: "FORBIDDEN" | "INVALID_STATE"; message: string } | null {
  if (cycle.status !== "PENDING_APPROVAL") {
    return { code: "INVALID_STATE", message: `This cycle is ${statusWords(cycle.status)}: it is not waiting for approval.` };
  }
  if (cycle.createdById === userId || cycle.rebuiltByIds.includes(userId)) {
    return {
      code: "FORBIDDEN",
      message: "You built this cycle's payroll: another accountant must approve or reject it.",
    };
  }
  if (cycle.suspendedApproverIds.includes(userId)) {
    return {
      code: "FORBIDDEN",
      message: "You approved a suspended payment in this cycle: another accountant must approve or reject it.",
    };
  }
  if (decision === "APPROVE" && cycle.suspendedCount > 0) {
    return {
      code: "INVALID_STATE",
      message: `${cycle.suspendedCount === 1 ? "1 payment is" : `${cycle.suspendedCount} payments are`} still suspended: approve or reject ${cycle.suspendedCount === 1 ? "it" : "them"} first.`,
    };
  }
  return null;
}

/** Why the cycle's suspended payments cannot be decided now, or null. */
export function whySuspendedCannotBeDecided(status: CycleStatus): string | null {
  return status === "PENDING_APPROVAL"
    ? null
    : `This cycle is ${statusWords(status)}: its suspended payments can be decided only while it waits for approval.`;
}

/** Why the payroll cannot be rebuilt now, or null. */
export function whyPayrollCannotBeRebuilt(status: CycleStatus): string | null {
  return status === "REJECTED" ? null : `This cycle is ${statusWords(status)}: only a rejected payroll is rebuilt.`;
}

export function statusWords(status: CycleStatus): string {
  return { PENDING_APPROVAL: "waiting for approval", REJECTED: "rejected", APPROVED: "approved", RECONCILED: "reconciled" }[
    status
  ];
}
