"use client";

import { useActionState } from "react";
import { ActionErrorSummary, fieldError } from "@/components/action-error-summary";
import { DateInput } from "@/components/date-input";
import { Radios } from "@/components/radios";
import { Select } from "@/components/select";
import { SubmitButton } from "@/components/submit-button";
import { TextInput, type TextInputProps } from "@/components/text-input";
import { VisuallyHidden } from "@/components/visually-hidden";
import type { ActionResult } from "@/lib/actions/result";
import { BankDetailsFields } from "../_components/bank-details-fields";
import { keyInClaimAction } from "./actions";
import {
  contactPreferenceOptions,
  DATE_OF_BIRTH,
  dayFieldId,
  EVENT_DATE,
  EXPENSE_SLOTS,
  expenseFieldId,
  expenseTypeLabels,
  KEY_IN_FIELDS,
  paymentMethodOptions,
} from "./key-in-fields";

type Values = Record<string, string>;
type State = { result: ActionResult | null; values: Values; attempt: number };

const expenseTypeOptions = [
  { value: "", label: "Choose a type" },
  ...Object.entries(expenseTypeLabels).map(([value, label]) => ({ value, label })),
];

function SectionHeading({ children }: { children: string }) {
  return <h2 className="mt-10 mb-5 text-[1.5rem] font-bold">{children}</h2>;
}

/**
 * The assisted-digital key-in form. What was typed is kept and shown again after a failed
 * submit (the form is remounted with it), so a caseworker on the phone fixes one field only.
 */
export function KeyInClaimForm() {
  const [state, formAction] = useActionState(
    async (previous: State, formData: FormData): Promise<State> => {
      const values: Values = {};
      for (const [name, value] of formData.entries())
        if (typeof value === "string" && !name.startsWith("$ACTION")) values[name] = value;
      const result = await keyInClaimAction(null, formData);
      return { result: result ?? null, values, attempt: previous.attempt + 1 };
    },
    { result: null, values: {}, attempt: 0 },
  );
  const { result, values } = state;
  const error = (id: string) => fieldError(result, id);
  const input = (id: string, label: string, extra: Partial<TextInputProps> = {}) => (
    <TextInput id={id} name={id} label={label} defaultValue={values[id]} error={error(id)} autoComplete="off" {...extra} />
  );
  const date = (name: string) => ({ day: values[`${name}-day`], month: values[`${name}-month`], year: values[`${name}-year`] });

  return (
    <>
      <ActionErrorSummary result={result} fields={KEY_IN_FIELDS} />
      <form key={state.attempt} action={formAction} noValidate className="max-w-3xl">
        <SectionHeading>Claimant</SectionHeading>
        {input("firstName", "First name", { width: "20", spellCheck: false })}
        {input("lastName", "Last name", { width: "20", spellCheck: false })}
        <DateInput
          id={DATE_OF_BIRTH}
          name={DATE_OF_BIRTH}
          legend="Date of birth"
          hint="For example, 27 3 1985"
          defaultValue={date(DATE_OF_BIRTH)}
          error={error(dayFieldId(DATE_OF_BIRTH))}
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
        />
        {input("email", "Email address", { type: "email", spellCheck: false, hint: "Needed if they chose email" })}
        {input("phone", "Phone number", {
          type: "tel",
          width: "20",
          hint: "Needed if they chose text message. For example, 07700 900123",
        })}

        <SectionHeading>Claim</SectionHeading>
        <DateInput
          id={EVENT_DATE}
          name={EVENT_DATE}
          legend="Date of the event"
          hint="The day they travelled. It cannot be in the future. For example, 1 11 2026"
          defaultValue={date(EVENT_DATE)}
          error={error(dayFieldId(EVENT_DATE))}
        />
        <p className="mb-5 text-secondary" id="expenses-hint">
          Enter up to {EXPENSE_SLOTS} expenses. Leave rows you do not need blank.
        </p>
        {Array.from({ length: EXPENSE_SLOTS }, (_, i) => i + 1).map((slot) => {
          const id = (part: "type" | "description" | "amount") => expenseFieldId(slot, part);
          return (
            <fieldset
              key={slot}
              className="mb-6 border-b border-mid-grey pb-2"
              aria-describedby={slot === 1 ? "expenses-hint" : undefined}
            >
              <legend className="mb-4 text-[1.1875rem] font-bold">Expense {slot}</legend>
              <Select
                id={id("type")}
                name={id("type")}
                label={
                  <>
                    <VisuallyHidden>Expense {slot} </VisuallyHidden>Type
                  </>
                }
                options={expenseTypeOptions}
                defaultValue={values[id("type")] ?? ""}
                error={error(id("type"))}
              />
              <TextInput
                id={id("description")}
                name={id("description")}
                label={
                  <>
                    <VisuallyHidden>Expense {slot} </VisuallyHidden>Description
                  </>
                }
                hint={slot === 1 ? "For example, Leeds to Wakefield return" : undefined}
                defaultValue={values[id("description")]}
                error={error(id("description"))}
                maxLength={200}
                autoComplete="off"
              />
              <TextInput
                id={id("amount")}
                name={id("amount")}
                label={
                  <>
                    <VisuallyHidden>Expense {slot} </VisuallyHidden>Amount
                  </>
                }
                prefix="£"
                width="10"
                inputMode="decimal"
                defaultValue={values[id("amount")]}
                error={error(id("amount"))}
                autoComplete="off"
                spellCheck={false}
              />
            </fieldset>
          );
        })}

        <SectionHeading>Payment</SectionHeading>
        <Radios
          name="paymentMethod"
          legend="How does the claimant want to be paid?"
          options={paymentMethodOptions}
          defaultValue={values.paymentMethod}
          error={error("paymentMethod")}
        />
        <fieldset className="mb-6">
          <legend className="mb-4 text-[1.1875rem] font-bold">Bank details</legend>
          <p className="mb-5 text-secondary">Needed for a bank transfer.</p>
          <BankDetailsFields result={result} values={values} person="they" />
        </fieldset>

        <SubmitButton pendingLabel="Saving claim…">Save claim</SubmitButton>
      </form>
    </>
  );
}
