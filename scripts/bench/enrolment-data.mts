// What the enrolment-file measurement (enrolment.mts) and its child (enrolment-step.mts) share: the
// plan manager who uploads, the plan the file enrols into, and the child's input.
import type { AttributeDeclaration } from "../../lib/plans/rules/attributes.ts";

export const PLAN_MANAGER_ID = "00000000-0000-4000-8000-00000000e001";
export const PLAN_MANAGER_EMAIL = "bench-plan-manager@bench.disburse.test";
export const BENEFIT_PLAN_ID = "00000000-0000-4000-8000-00000000e002";
export const BENEFIT_PLAN_CODE = "BENCH";

/** The plan's attributes: every person in the file has a value for each. */
export const BENCH_ATTRIBUTES: AttributeDeclaration[] = [
  { name: "Household size", type: "NUMBER" },
  { name: "Tenure", type: "ONE_OF", options: ["Rent", "Own", "Other"] },
  { name: "Moved in", type: "DATE" },
  { name: "Carer", type: "YES_NO" },
];

export interface EnrolmentStepInput {
  step: "enrolment" | "enrolment-limit";
  url: string;
  n: number;
  now: string;
  workDir: string;
  file: string;
  /** The bank-details key, base64: the file's details are stored encrypted. */
  keyBase64: string;
}
