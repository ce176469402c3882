"use client";

import { useEffect } from "react";
import { fieldError } from "@/components/action-error-summary";
import { Radios } from "@/components/radios";
import { Select } from "@/components/select";
import { TextInput } from "@/components/text-input";
import { Textarea } from "@/components/textarea";
import type { ActionResult } from "@/lib/actions/result";
import type { DecisionStep } from "@/lib/claims/check-decision";
import { expenseTypeLabels } from "@/lib/claims/expense-types";
import { FORM_ERROR_FIELD, lineFieldName, OTHER_REASON_MAX_LENGTH, type LineFieldPart } from "@/lib/claims/rules/decide-lines";
import { REJECTION_REASONS } from "@/lib/claims/rules/rejection-reasons";
import type { ExpenseType } from "@/lib/generated/prisma/enums";
import { formatPence } from "@/lib/money";
import { decideClaimAction } from "../actions";
import { ClaimForm } from "./claim-form";
import { DecisionCheckAnswers } from "./decision-check-answers";
import { DecisionRunningTotal } from "./decision-running-total";

type Line = { id: string; lineNo: number; type: ExpenseType; description: string; claimedPence: number };

const PARTS: LineFieldPart[] = ["decision", "amount", "note", "reason", "otherReason"];

function stepOf(result: ActionResult | null): DecisionStep | null {
  return (result?.data as DecisionStep | undefined) ?? null;
}

/**
 * The line-by-line decision in two steps: the fields (each line's amount and note revealed only for
 * "different amount", its reason only for "reject"; by CSS, so without JavaScript too), then a
 * check-your-answers summary to confirm. The fields stay in the form, hidden, while the summary
 * shows, so "Confirm decision" sends exactly what was checked and "Change" finds them as they were.
 */
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
  const fields = [...lines.flatMap((l) => PARTS.map((part) => lineFieldName(l.id, part))), FORM_ERROR_FIELD];
  return (
    <ClaimForm
      action={decideClaimAction}
      showForm={showForm}
      hidden={{ reference, version }}
      fields={fields}
      submitLabel={(result) => (result?.ok && stepOf(result)?.step === "check" ? "Confirm decision" : "Continue")}
      pendingLabel="Please wait…"
    >
      {(result) => {
        const step = stepOf(result);
        const summary = result?.ok && step?.step === "check" ? step.summary : null;
        const values = step?.values ?? {};
        return (
          <>
            <input type="hidden" name="step" value={summary ? "confirm" : "check"} />
            {summary && <DecisionCheckAnswers summary={summary} />}
            {step?.step === "change" && (
              <FocusLine result={result} lineId={lines.find((l) => String(l.lineNo) === step.line)?.id} />
            )}
            <div hidden={!!summary}>
              {lines.map((line) => (
                <LineFields key={line.id} line={line} result={result} values={values} />
              ))}
              <DecisionRunningTotal lines={lines} />
            </div>
          </>
        );
      }}
    </ClaimForm>
  );
}

/** After "Change line 2", the caseworker lands on line 2's choice. */
function FocusLine({ result, lineId }: { result: ActionResult | null; lineId: string | undefined }) {
  useEffect(() => {
    if (lineId) document.getElementById(lineFieldName(lineId, "decision"))?.focus();
  }, [result, lineId]);
  return null;
}

function LineFields({ line, result, values }: { line: Line; result: ActionResult | null; values: Record<string, string> }) {
  const name = (part: LineFieldPart) => lineFieldName(line.id, part);
  const n = line.lineNo;
  return (
    <div className="mb-6 border-l-4 border-mid-grey pl-4">
      <Radios
        name={name("decision")}
        legend={`Line ${n}: ${expenseTypeLabels[line.type]}, ${line.description} (claimed ${formatPence(line.claimedPence)})`}
        error={fieldError(result, name("decision"))}
        defaultValue={values[name("decision")]}
        options={[
          { value: "APPROVE", label: `Approve ${formatPence(line.claimedPence)}` },
          { value: "APPROVE_DIFFERENT", label: "Approve a different amount" },
          { value: "REJECT", label: "Reject" },
        ]}
        conditional={{
          APPROVE_DIFFERENT: (
            <>
              <TextInput
                id={name("amount")}
                name={name("amount")}
                label={`Different amount for line ${n}`}
                hint={`More than £0 and no more than the ${formatPence(line.claimedPence)} claimed.`}
                prefix="£"
                width="10"
                inputMode="decimal"
                defaultValue={values[name("amount")]}
                error={fieldError(result, name("amount"))}
              />
              <Textarea
                id={name("note")}
                name={name("note")}
                label={`Note for line ${n}`}
                hint="Why the amount is different. The claimant is sent this. Up to 2,000 characters."
                rows={2}
                maxLength={2000}
                defaultValue={values[name("note")]}
                error={fieldError(result, name("note"))}
              />
            </>
          ),
          REJECT: (
            // The typed reason shows only while "Other" is the reason chosen.
            <div className="group/reason">
              <Select
                id={name("reason")}
                name={name("reason")}
                label={`Reason for rejecting line ${n}`}
                hint="The claimant is sent this."
                options={[
                  { value: "", label: "Choose a reason" },
                  ...REJECTION_REASONS.map((r) => ({ value: r.code, label: r.label })),
                ]}
                defaultValue={values[name("reason")] ?? ""}
                error={fieldError(result, name("reason"))}
              />
              <div className="hidden group-has-[option[value=OTHER]:checked]/reason:block">
                <TextInput
                  id={name("otherReason")}
                  name={name("otherReason")}
                  label={`Other reason for line ${n}`}
                  hint={`In words the claimant will understand. Up to ${OTHER_REASON_MAX_LENGTH} characters.`}
                  maxLength={OTHER_REASON_MAX_LENGTH}
                  defaultValue={values[name("otherReason")]}
                  error={fieldError(result, name("otherReason"))}
                />
              </div>
            </div>
          ),
        }}
      />
    </div>
  );
}
