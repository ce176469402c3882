"use client";

import { fieldError } from "@/components/action-error-summary";
import { ActionForm } from "@/components/action-form";
import { Select } from "@/components/select";
import { createCycleAction } from "../actions";

export type PeriodChoice = { value: string; label: string };

/** Choose a plan's next period; the payroll is built when the cycle is created. */
export function CreateCycleForm({ choices }: { choices: PeriodChoice[] }) {
  return (
    <ActionForm
      action={createCycleAction}
      fields={["period"]}
      submitLabel="Create cycle and build its payroll"
      pendingLabel="Building the payroll…"
      className="mb-10"
    >
      {(result) => (
        <Select
          id="period"
          name="period"
          label="Payment plan and period"
          hint="The next periods of each plan that have no cycle yet. Every beneficiary enrolled for any part of the period is worked out with the plan's latest rule."
          options={[{ value: "", label: "Choose a plan and period" }, ...choices]}
          error={fieldError(result, "period")}
        />
      )}
    </ActionForm>
  );
}
