import "server-only";
import { config } from "@/lib/config";
import type { ApprovalLimits } from "./rules/second-approval";

/** The second-approval threshold and the per-line maximum as configured for this portal. */
export function approvalLimits(): ApprovalLimits {
  const { secondApprovalThresholdPence, lineMaximumPence } = config();
  return { secondApprovalThresholdPence, lineMaximumPence };
}
