// What the reconciliation measurement (reconciliation.mts) and its child (reconciliation-step.mts)
// share: the bench caseworker who uploads, and the child's input.

export const CASEWORKER_ID = "00000000-0000-4000-8000-00000000c001";
export const CASEWORKER_EMAIL = "bench-caseworker@bench.disburse.test";

export interface ReconciliationStepInput {
  step: "reconciliation" | "reconciliation-limit";
  url: string;
  n: number;
  now: string;
  workDir: string;
  reportFile: string;
}
