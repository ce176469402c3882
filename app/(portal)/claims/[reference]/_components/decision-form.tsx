"use client";

import { fieldError } from "@/components/action-error-summary";
import { Radios } from "@/components/radios";
import { Select } from "@/components/select";
import { TextInput } from "@/components/text-input";
import { Textarea } from "@/components/textarea";
import { expenseTypeLabels } from "@/lib/claims/expense-types";
import type { ExpenseType } from "@/lib/generated/prisma/enums";
import { formatPence } from "@/lib/money";
import { lineFieldName, REJECTION_REASON_FIELD } from "@/lib/claims/rules/decide-lines";
import { REJECTION_REASONS } from "@/lib/claims/rules/rejection-reasons";
import { decideClaimAction } from "../actions";
import { ClaimForm } from "./claim-form";

type Line = { id: string; lineNo: number; type: ExpenseType; description: string; claimedPence: number };

export function DecisionForm({
  reference,
  version,
  lines,
  showForm,
}: {
  reference: string;
  version: number;
  lines: Line[];
  showForm: boolean;
}) {
  const fields = [
    ...lines.flatMap((l) => [lineFieldName(l.id, "decision"), lineFieldName(l.id, "amount"), lineFieldName(l.id, "note")]),
    REJECTION_REASON_FIELD,
    "form",
  ];
  return (
    <ClaimForm
      action={decideClaimAction}
      showForm={showForm}
      hidden={{ reference, version }}
      fields={fields}
      submitLabel="Submit decision"
      pendingLabel="Submitting decision…"
    >
      {(result) => (
        <>
          {lines.map((line) => (
            <div key={line.id} className="mb-6 border-l-4 border-mid-grey pl-4">
              <Radios
                name={lineFieldName(line.id, "decision")}
                legend={`Line ${line.lineNo}: ${expenseTypeLabels[line.type]}, ${line.description} (claimed ${formatPence(line.claimedPence)})`}
                error={fieldError(result, lineFieldName(line.id, "decision"))}
                options={[
                  { value: "APPROVE", label: `Approve ${formatPence(line.claimedPence)}` },
                  { value: "APPROVE_DIFFERENT", label: "Approve a different amount" },
                  { value: "REJECT", label: "Reject" },
                ]}
              />
              <TextInput
                id={lineFieldName(line.id, "amount")}
                name={lineFieldName(line.id, "amount")}
                label={`Different amount for line ${line.lineNo}`}
                hint="Only if you approve a different amount. More than £0 and no more than claimed."
                prefix="£"
                width="10"
                inputMode="decimal"
                error={fieldError(result, lineFieldName(line.id, "amount"))}
              />
              <Textarea
                id={lineFieldName(line.id, "note")}
                name={lineFieldName(line.id, "note")}
                label={`Note for line ${line.lineNo}`}
                hint="Required when you approve a different amount. Up to 2,000 characters."
                rows={2}
                maxLength={2000}
                error={fieldError(result, lineFieldName(line.id, "note"))}
              />
            </div>
          ))}
          <Select
            id={REJECTION_REASON_FIELD}
            name={REJECTION_REASON_FIELD}
            label="Reason, if you reject every line"
            options={[
              { value: "", label: "Choose a reason" },
              ...REJECTION_REASONS.map((r) => ({ value: r.code, label: r.label })),
            ]}
            error={fieldError(result, REJECTION_REASON_FIELD)}
          />
        </>
      )}
    </ClaimForm>
  );
}
