"use client";

import { useActionState, useEffect } from "react";
import { ActionErrorSummary, fieldError } from "@/components/action-error-summary";
import { Button, ButtonGroup } from "@/components/button";
import { DateInput } from "@/components/date-input";
import { Radios } from "@/components/radios";
import { Select } from "@/components/select";
import { TextInput } from "@/components/text-input";
import { VisuallyHidden } from "@/components/visually-hidden";
import type { ActionResult } from "@/lib/actions/result";
import {
  ADD_AMOUNT,
  AMOUNT_COUNT,
  amountField,
  AMOUNTS_HEADING,
  conditionField,
  dayField,
  INTENT,
  intentValue,
  MAX_CONDITIONAL_AMOUNTS,
  MAX_CONDITIONS,
  PERIODICITY_MAX,
  PERIODICITY_MIN,
  planFormFieldOrder,
  type PlanFormValues,
} from "@/lib/plans/payment-plans/plan-form-fields";
import type { AttributeDeclaration } from "@/lib/plans/rules/attributes";
import { changePaymentPlanAction, createPaymentPlanAction } from "../actions";
import { ConditionFields } from "./condition-fields";
import type { PlanFormState } from "./plan-form-state";
import { PreviewPanel } from "./preview-panel";

type Result = ActionResult<PlanFormState> | null;

const periodicityOptions = [
  { value: "", label: "Choose a period" },
  ...Array.from({ length: PERIODICITY_MAX - PERIODICITY_MIN + 1 }, (_, i) => {
    const months = PERIODICITY_MIN + i;
    const label = months === 1 ? "Every month" : months === 12 ? "Every 12 months (yearly)" : `Every ${months} months`;
    return { value: String(months), label };
  }),
];

const yesNo = (yes: string, no: string) => [
  { value: "yes", label: "Yes", hint: yes },
  { value: "no", label: "No", hint: no },
];

function Section({ id, children }: { id?: string; children: string }) {
  return (
    <h2 id={id} tabIndex={id ? -1 : undefined} className="mt-10 mb-5 text-[1.5rem] font-bold focus:outline-none">
      {children}
    </h2>
  );
}

/**
 * The payment plan form, new or changed. Every button posts the whole form to the plan's action,
 * which gives the form back (a row more or less, a preview, or the errors), so it all works
 * without JavaScript. Without a pressed button (Enter in a field) the form previews: the one
 * harmless choice.
 */
export function PlanForm(props: {
  mode: { kind: "create"; benefitPlanId: string } | { kind: "change"; planId: string; baseVersion: number };
  benefitPlan: { code: string; name: string; attributes: AttributeDeclaration[] };
  initialValues: PlanFormValues;
  /** A plan with cycles keeps its period and start date. */
  hasCycles?: boolean;
}) {
  const { mode, benefitPlan } = props;
  const creating = mode.kind === "create";
  const [result, formAction, pending] = useActionState<Result, FormData>(
    creating ? createPaymentPlanAction : changePaymentPlanAction,
    null,
  );
  const state = result?.data;
  const values = state?.values ?? props.initialValues;
  const error = (field: string) => fieldError(result, field);
  const focus = state?.focus;
  useEffect(() => {
    if (focus) document.getElementById(focus)?.focus();
  }, [focus, state?.formKey]);

  const money = (id: string, label: string, value: string, hint?: string) => (
    <TextInput
      id={id}
      name={id}
      label={label}
      hint={hint}
      prefix="£"
      width="10"
      inputMode="decimal"
      defaultValue={value}
      error={error(id)}
      autoComplete="off"
      spellCheck={false}
    />
  );
  const date = (name: "validFrom" | "validTo", legend: string, hint: string) => (
    <DateInput id={name} name={name} legend={legend} hint={hint} defaultValue={values[name]} error={error(dayField(name))} />
  );
  const noAttributes = benefitPlan.attributes.length === 0;

  return (
    <>
      <ActionErrorSummary result={result} fields={planFormFieldOrder(values, { creating })} />
      <form key={state?.formKey ?? "initial"} action={formAction} noValidate className="max-w-4xl">
        {mode.kind === "create" ? (
          <input type="hidden" name="benefitPlanId" value={mode.benefitPlanId} />
        ) : (
          <>
            <input type="hidden" name="planId" value={mode.planId} />
            <input type="hidden" name="baseVersion" value={mode.baseVersion} />
          </>
        )}
        <input type="hidden" name={AMOUNT_COUNT} value={values.amounts.length} />
        {/* The form's default button (Enter in a field), ahead of every row button: a preview. */}
        <button type="submit" name={INTENT} value="preview" className="sr-only" tabIndex={-1} aria-hidden="true">
          Preview
        </button>

        <Section>The plan</Section>
        <p className="mb-5">
          Benefit plan: <strong>{benefitPlan.name}</strong> ({benefitPlan.code})
        </p>
        {creating && (
          <TextInput
            id="code"
            name="code"
            label="Code"
            hint="Up to 20 letters, digits and hyphens, for example CHB-MONTHLY. It cannot change later."
            width="20"
            defaultValue={values.code}
            error={error("code")}
            autoComplete="off"
            spellCheck={false}
          />
        )}
        <TextInput id="name" name="name" label="Name" defaultValue={values.name} error={error("name")} autoComplete="off" />
        <Select
          id="periodicityMonths"
          name="periodicityMonths"
          label="How often it pays"
          hint={
            props.hasCycles
              ? "This plan has payment cycles, so its period cannot change."
              : "Each payment covers this many whole months, from the first day of a month."
          }
          options={periodicityOptions}
          defaultValue={values.periodicityMonths}
          error={error("periodicityMonths")}
        />
        {date("validFrom", "Valid from", "The first day of a month, for example 1 4 2027")}
        {date("validTo", "Valid to (optional)", "The last day of a month, for example 31 3 2028. Leave it blank for no end.")}
        <Radios
          name="carryOverUnpaid"
          legend="Carry unpaid amounts into the next cycle?"
          hint="Failed, expired and Post Office-cancelled payments of this plan, paid with the beneficiary's next payment."
          options={yesNo("Each is paid once, in the next cycle.", "They are listed for action instead.")}
          defaultValue={values.carryOverUnpaid}
          error={error("carryOverUnpaid")}
          inline
        />
        <TextInput
          id="letterTemplateCode"
          name="letterTemplateCode"
          label="Payout letter template code (optional)"
          hint="For this plan's cash payments. Leave it blank for the usual letter."
          width="20"
          defaultValue={values.letterTemplateCode}
          error={error("letterTemplateCode")}
          autoComplete="off"
          spellCheck={false}
        />

        <Section>Calculation rule</Section>
        {money("baseAmount", "Base amount", values.baseAmount, "Paid to every beneficiary each period, for example 50.00")}

        <h3 id={AMOUNTS_HEADING} tabIndex={-1} className="mb-3 text-xl font-bold focus:outline-none">
          Conditional amounts
        </h3>
        <p className="mb-5">
          {noAttributes
            ? `${benefitPlan.name} declares no attributes, so this plan pays its base amount only.`
            : "Paid on top of the base amount to beneficiaries who meet all of its conditions."}
        </p>
        {values.amounts.map((amount, i) => {
          const n = i + 1;
          return (
            <fieldset key={n} className="mb-8 border-b border-mid-grey pb-4">
              <legend className="mb-4 text-[1.1875rem] font-bold">Conditional amount {n}</legend>
              <input type="hidden" name={amountField(n, "conditionCount")} value={amount.conditions.length} />
              <TextInput
                id={amountField(n, "label")}
                name={amountField(n, "label")}
                label={
                  <>
                    <VisuallyHidden>Conditional amount {n}: </VisuallyHidden>Name
                  </>
                }
                hint={n === 1 ? "For example, Large household" : undefined}
                defaultValue={amount.label}
                error={error(amountField(n, "label"))}
                autoComplete="off"
              />
              {amount.conditions.map((condition, j) => (
                <ConditionFields
                  key={j}
                  amount={n}
                  condition={j + 1}
                  attributes={benefitPlan.attributes}
                  initial={condition}
                  errors={{
                    attribute: error(conditionField(n, j + 1, "attribute")),
                    operator: error(conditionField(n, j + 1, "operator")),
                    value: error(conditionField(n, j + 1, "value")),
                  }}
                  removable={amount.conditions.length > 1}
                  disabled={pending}
                />
              ))}
              {amount.conditions.length < MAX_CONDITIONS && (
                <div className={error(amountField(n, "addCondition")) ? "mb-5 border-l-[5px] border-error pl-[15px]" : "mb-5"}>
                  {error(amountField(n, "addCondition")) && (
                    <p className="mb-2 font-bold text-error">
                      <span className="sr-only">Error:</span> {error(amountField(n, "addCondition"))}
                    </p>
                  )}
                  <Button
                    id={amountField(n, "addCondition")}
                    variant="secondary"
                    small
                    name={INTENT}
                    value={intentValue({ kind: "add-condition", amount: n })}
                    disabled={pending}
                  >
                    Add another condition<VisuallyHidden> to conditional amount {n}</VisuallyHidden>
                  </Button>
                  <p className="mt-1 text-secondary">All conditions must be met.</p>
                </div>
              )}
              {money(amountField(n, "amount"), `Amount`, amount.amount)}
              <Radios
                name={amountField(n, "counts")}
                legend={<>Does conditional amount {n} count towards the ceiling?</>}
                options={yesNo("The ceiling caps it.", "It is always paid in full.")}
                defaultValue={amount.counts}
                error={error(amountField(n, "counts"))}
                inline
              />
              <Button
                variant="secondary"
                small
                name={INTENT}
                value={intentValue({ kind: "remove-amount", amount: n })}
                disabled={pending}
              >
                Remove conditional amount {n}
              </Button>
            </fieldset>
          );
        })}
        {!noAttributes && values.amounts.length < MAX_CONDITIONAL_AMOUNTS && (
          <div className="mb-8">
            {error(ADD_AMOUNT) && (
              <p className="mb-2 font-bold text-error">
                <span className="sr-only">Error:</span> {error(ADD_AMOUNT)}
              </p>
            )}
            <Button
              id={ADD_AMOUNT}
              variant="secondary"
              name={INTENT}
              value={intentValue({ kind: "add-amount" })}
              disabled={pending}
            >
              {values.amounts.length === 0 ? "Add a conditional amount" : "Add another conditional amount"}
            </Button>
          </div>
        )}
        {money(
          "ceiling",
          "Ceiling (optional)",
          values.ceiling,
          "The most the conditional amounts that count towards it may add together. Leave it blank for no ceiling.",
        )}
        {money(
          "limit",
          "Per-payment limit (optional)",
          values.limit,
          "A payment above this is suspended for an accountant to approve or reject. Leave it blank for no limit.",
        )}

        <Section id="preview">Preview</Section>
        <p className="mb-5">See what this rule, as it stands in the form, would pay a beneficiary today. Nothing is saved.</p>
        <TextInput
          id="previewReference"
          name="previewReference"
          label="Person reference"
          hint={`A beneficiary of ${benefitPlan.name}, for example 7KQ2M9X`}
          width="10"
          defaultValue={values.previewReference}
          error={error("previewReference")}
          autoComplete="off"
          spellCheck={false}
        />
        <ButtonGroup>
          <Button variant="secondary" name={INTENT} value={intentValue({ kind: "preview" })} disabled={pending}>
            Preview
          </Button>
        </ButtonGroup>
        {state?.preview && <PreviewPanel preview={state.preview} />}

        <ButtonGroup>
          <Button name={INTENT} value={intentValue({ kind: "save" })} disabled={pending}>
            {creating ? "Save payment plan" : "Save changes"}
          </Button>
        </ButtonGroup>
        {!creating && (
          <p className="mb-5 text-secondary">
            A changed rule is saved as a new version; earlier versions, and the cycles that used them, stay as they were.
          </p>
        )}
        <span role="status" className="sr-only">
          {pending ? "Please wait…" : ""}
        </span>
      </form>
    </>
  );
}
