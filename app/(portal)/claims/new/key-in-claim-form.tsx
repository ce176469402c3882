"use client";

import { useActionState, useEffect } from "react";
import { ActionErrorSummary, fieldError } from "@/components/action-error-summary";
import { buttonClass } from "@/components/button-styles";
import { DateInput, type DateParts } from "@/components/date-input";
import { PageHeading } from "@/components/page-heading";
import { Radios } from "@/components/radios";
import { Select } from "@/components/select";
import { SubmitButton } from "@/components/submit-button";
import { TextInput, type TextInputProps } from "@/components/text-input";
import { VisuallyHidden } from "@/components/visually-hidden";
import { BankDetailsFields } from "../_components/bank-details-fields";
import { keyInClaimAction } from "./actions";
import { CheckAnswers, HiddenValues } from "./check-answers";
import {
  contactPreferenceOptions,
  DATE_OF_BIRTH,
  DATE_PARTS,
  dayFieldId,
  EVENT_DATE,
  EXPENSE_COUNT,
  expenseFieldId,
  expenseTypeLabels,
  INTENT,
  keyInFieldIds,
  MAX_EXPENSES,
  paymentMethodOptions,
  type ExpensePart,
} from "./key-in-fields";
import type { KeyInState } from "./key-in-steps";

const START: KeyInState = { stage: "form", values: {}, lines: 1, attempt: 0 };

const expenseTypeOptions = [
  { value: "", label: "Choose a type" },
  ...Object.entries(expenseTypeLabels).map(([value, label]) => ({ value, label })),
];

function SectionHeading({ id, children }: { id?: string; children: string }) {
  return (
    <h2 id={id} tabIndex={id ? -1 : undefined} className="mt-10 mb-5 text-[1.5rem] font-bold">
      {children}
    </h2>
  );
}

/**
 * The assisted-digital key-in form, GOV.UK's way: one expense line to start with "Add another
 * expense", email, phone and bank details revealed under the choice that needs them, and a
 * check-your-answers step before anything is saved. Every button sends the whole form to the one
 * action (key-in-steps.ts), so it all works without JavaScript; what was typed comes back in the
 * answer and the form is drawn afresh with it.
 */
export function KeyInClaimForm() {
  const [result, formAction] = useActionState(keyInClaimAction, null);
  const state = (result?.data as KeyInState | undefined) ?? START;

  useEffect(() => {
    const base = document.title.replace(/^(Error: )?(Check the claim: )?/, "$1");
    document.title = state.stage === "check" ? `Check the claim: ${base}` : base;
    if (!state.focus) return;
    const target = document.getElementById(state.focus);
    const label = target?.closest("fieldset")?.querySelector("legend") ?? document.querySelector(`label[for="${state.focus}"]`);
    (label ?? target)?.scrollIntoView();
    target?.focus({ preventScroll: true });
  }, [state]);

  if (state.stage === "check" && state.answers) {
    return (
      <form key={state.attempt} action={formAction} noValidate>
        <ActionErrorSummary result={result} fields={[]} />
        <HiddenValues values={state.values} attempt={state.attempt} />
        <CheckAnswers answers={state.answers} />
      </form>
    );
  }
  return <EntryForm key={state.attempt} state={state} result={result} formAction={formAction} />;
}

function EntryForm({
  state,
  result,
  formAction,
}: {
  state: KeyInState;
  result: Parameters<typeof fieldError>[0];
  formAction: (formData: FormData) => void;
}) {
  const { values, lines } = state;
  const error = (id: string) => fieldError(result, id);
  const input = (id: string, label: string, extra: Partial<TextInputProps> = {}) => (
    <TextInput id={id} name={id} label={label} defaultValue={values[id]} error={error(id)} autoComplete="off" {...extra} />
  );
  const date = (name: string) => {
    const parts: DateParts = { day: values[`${name}-day`], month: values[`${name}-month`], year: values[`${name}-year`] };
    // A date left partly empty marks only the empty boxes, as GOV.UK does.
    const blank = DATE_PARTS.filter((part) => !parts[part]?.trim());
    return { defaultValue: parts, errorParts: blank.length > 0 && blank.length < 3 ? blank : undefined };
  };

  return (
    <>
      <PageHeading caption="Assisted digital">Key in a claim</PageHeading>
      <p className="mb-4 max-w-3xl">
        For a claimant who cannot use the online service. The same checks apply as online; the claim is recorded as keyed in by
        you. You can check everything before it is saved.
      </p>
      <ActionErrorSummary result={result} fields={keyInFieldIds(lines)} />
      <form action={formAction} noValidate className="max-w-3xl">
        {/* Enter in a text box presses the form's first button: make that "Continue", not "Remove". */}
        <button type="submit" name={INTENT} value="check" tabIndex={-1} aria-hidden="true" className="absolute -left-[9999px]">
          Continue
        </button>
        <input type="hidden" name={EXPENSE_COUNT} value={lines} />
        <input type="hidden" name="attempt" value={state.attempt} />

        <SectionHeading>Claimant</SectionHeading>
        {input("firstName", "First name", { width: "20", spellCheck: false })}
        {input("lastName", "Last name", { width: "20", spellCheck: false })}
        <DateInput
          id={DATE_OF_BIRTH}
          name={DATE_OF_BIRTH}
          legend="Date of birth"
          hint="For example, 27 3 1985"
          error={error(dayFieldId(DATE_OF_BIRTH))}
          {...date(DATE_OF_BIRTH)}
        />

        <SectionHeading>Address</SectionHeading>
        {input("addressLine1", "Address line 1")}
        {input("addressLine2", "Address line 2 (optional)")}
        {input("town", "Town or city", { width: "20" })}
        {input("county", "County (optional)", { width: "20" })}
        {input("postcode", "Postcode", { width: "10", spellCheck: false })}
        {input("country", "Country", { width: "20", hint: "For example, England" })}

        <SectionHeading>Contact</SectionHeading>
        <Radios
          name="contactPreference"
          legend="How does the claimant want us to contact them?"
          options={contactPreferenceOptions}
          defaultValue={values.contactPreference}
          error={error("contactPreference")}
          conditional={{
            EMAIL: input("email", "Email address", { type: "email", spellCheck: false }),
            SMS: input("phone", "Mobile phone number", { type: "tel", width: "20", hint: "For example, 07700 900123" }),
          }}
        />

        <SectionHeading>Claim</SectionHeading>
        <DateInput
          id={EVENT_DATE}
          name={EVENT_DATE}
          legend="Date of the event"
          hint="The day they travelled. It cannot be in the future. For example, 1 11 2026"
          error={error(dayFieldId(EVENT_DATE))}
          {...date(EVENT_DATE)}
        />
        <SectionHeading id="expenses-heading">Expenses</SectionHeading>
        <p className="mb-5 text-secondary" id="expenses-hint">
          Up to {MAX_EXPENSES} expenses, one for each ticket, journey or receipt.
        </p>
        {Array.from({ length: lines }, (_, i) => i + 1).map((line) => (
          <ExpenseLine key={line} line={line} lines={lines} values={values} error={error} />
        ))}
        {lines < MAX_EXPENSES ? (
          <button type="submit" name={INTENT} value="add-expense" className={buttonClass("secondary", { className: "mb-8" })}>
            Add another expense
          </button>
        ) : (
          <p className="mb-8">You have entered {MAX_EXPENSES} expenses, the most a claim can have.</p>
        )}

        <SectionHeading>Payment</SectionHeading>
        <Radios
          name="paymentMethod"
          legend="How does the claimant want to be paid?"
          options={paymentMethodOptions}
          defaultValue={values.paymentMethod}
          error={error("paymentMethod")}
          conditional={{ BANK: <BankDetailsFields result={result} values={values} person="they" /> }}
        />

        <SubmitButton name={INTENT} value="check" pendingLabel="Checking…">
          Continue
        </SubmitButton>
      </form>
    </>
  );
}

function ExpenseLine({
  line,
  lines,
  values,
  error,
}: {
  line: number;
  lines: number;
  values: Record<string, string>;
  error: (id: string) => string | undefined;
}) {
  const id = (part: ExpensePart) => expenseFieldId(line, part);
  const label = (text: string) => (
    <>
      <VisuallyHidden>Expense {line} </VisuallyHidden>
      {text}
    </>
  );
  return (
    <fieldset className="mb-6 border-b border-mid-grey pb-2" aria-describedby={line === 1 ? "expenses-hint" : undefined}>
      <legend className="mb-4 text-[1.1875rem] font-bold">Expense {line}</legend>
      <Select
        id={id("type")}
        name={id("type")}
        label={label("Type")}
        options={expenseTypeOptions}
        defaultValue={values[id("type")] ?? ""}
        error={error(id("type"))}
      />
      <TextInput
        id={id("description")}
        name={id("description")}
        label={label("Description")}
        hint={line === 1 ? "For example, Leeds to Wakefield return" : undefined}
        defaultValue={values[id("description")]}
        error={error(id("description"))}
        maxLength={200}
        autoComplete="off"
      />
      <TextInput
        id={id("amount")}
        name={id("amount")}
        label={label("Amount")}
        hint={line === 1 ? "In pounds and pence, for example 12.40" : undefined}
        prefix="£"
        width="10"
        inputMode="decimal"
        defaultValue={values[id("amount")]}
        error={error(id("amount"))}
        autoComplete="off"
        spellCheck={false}
      />
      {lines > 1 && (
        <button
          type="submit"
          name={INTENT}
          value={`remove-expense:${line}`}
          className={buttonClass("secondary", { className: "mb-5" })}
        >
          Remove<VisuallyHidden> expense {line}</VisuallyHidden>
        </button>
      )}
    </fieldset>
  );
}
