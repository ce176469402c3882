"use client";

import { ActionForm } from "@/components/action-form";
import { fieldError } from "@/components/action-error-summary";
import { DateInput, Radios, TextInput, type TextInputProps } from "@/components/field";
import type { ActionResult } from "@/lib/actions/result";
import { dayFieldId } from "@/lib/plans/enrolments/date-fields";
import type { AttributeDeclaration } from "@/lib/plans/rules/attributes";
import { BankDetailsFields } from "../../../claims/_components/bank-details-fields";
import { AttributeInputs } from "../../_components/attribute-inputs";
import { enrolBeneficiaryAction } from "./actions";

function SectionHeading({ children }: { children: string }) {
  return <h2 className="mt-10 mb-5 text-[1.5rem] font-bold">{children}</h2>;
}

const contactOptions = [
  { value: "EMAIL", label: "Email", hint: "Enter their email address below" },
  { value: "SMS", label: "Text message", hint: "Enter their mobile number below" },
  { value: "LETTER", label: "Letter", hint: "Sent to the address above" },
];

/** Enrol an existing person (by reference) or a new one, with attribute values, method and start date. */
export function EnrolForm({
  planCode,
  declarations,
  fields,
  today,
}: {
  planCode: string;
  declarations: AttributeDeclaration[];
  /** The fields that can carry an error, in the form's order. */
  fields: string[];
  /** Today's date as the start date's boxes. */
  today: { day: string; month: string; year: string };
}) {
  return (
    <ActionForm
      action={enrolBeneficiaryAction}
      fields={fields}
      hidden={{ planCode }}
      submitLabel="Enrol"
      pendingLabel="Enrolling…"
      keepValues
      className="max-w-3xl"
    >
      {(result: ActionResult | null) => {
        const error = (id: string) => fieldError(result, id);
        const input = (id: string, label: string, extra: Partial<TextInputProps> = {}) => (
          <TextInput id={id} name={id} label={label} error={error(id)} autoComplete="off" {...extra} />
        );
        return (
          <>
            <SectionHeading>Person</SectionHeading>
            <Radios
              name="personChoice"
              legend="Who are you enrolling?"
              options={[
                {
                  value: "EXISTING",
                  label: "Someone with a person reference",
                  hint: "A claimant or a beneficiary of another plan",
                },
                { value: "NEW", label: "Someone new", hint: "Enter their details below: they are given a person reference" },
              ]}
              error={error("personChoice")}
            />
            {input("personReference", "Person reference (someone with one)", {
              width: "10",
              spellCheck: false,
              hint: "7 letters and numbers, like 7KQ2M9X",
            })}
            <fieldset className="mb-6">
              <legend className="mb-4 text-[1.1875rem] font-bold">Someone new</legend>
              {input("firstName", "First name", { width: "20", spellCheck: false })}
              {input("lastName", "Last name", { width: "20", spellCheck: false })}
              <DateInput
                id="dateOfBirth"
                name="dateOfBirth"
                legend="Date of birth"
                hint="For example, 27 3 1985"
                error={error(dayFieldId("dateOfBirth"))}
              />
              {input("addressLine1", "Address line 1")}
              {input("addressLine2", "Address line 2 (optional)")}
              {input("town", "Town or city", { width: "20" })}
              {input("county", "County (optional)", { width: "20" })}
              {input("postcode", "Postcode", { width: "10", spellCheck: false })}
              {input("country", "Country", { width: "20", hint: "For example, England" })}
              <Radios
                name="contactPreference"
                legend="How do they want us to contact them?"
                options={contactOptions}
                error={error("contactPreference")}
              />
              {input("email", "Email address", { type: "email", spellCheck: false, hint: "Needed if they chose email" })}
              {input("phone", "Phone number", { type: "tel", width: "20", hint: "Needed if they chose text message" })}
            </fieldset>

            <SectionHeading>Attributes</SectionHeading>
            <AttributeInputs declarations={declarations} result={result} />

            <SectionHeading>Payment</SectionHeading>
            <Radios
              name="paymentMethod"
              legend="How are they paid?"
              options={[
                { value: "BANK", label: "Bank transfer", hint: "Needs bank details, on record or entered below" },
                { value: "CASH", label: "Cash at a Post Office", hint: "They collect it with a payment code" },
              ]}
              error={error("paymentMethod")}
            />
            <fieldset className="mb-6">
              <legend className="mb-4 text-[1.1875rem] font-bold">Bank details</legend>
              <p className="mb-5 text-secondary">
                New bank details wait for a second plan manager to approve them; until then bank payments to this person are on
                hold. Leave blank to keep the details on record.
              </p>
              <BankDetailsFields result={result} person="they" />
            </fieldset>

            <SectionHeading>Enrolment</SectionHeading>
            <DateInput
              id="enrolledFrom"
              name="enrolledFrom"
              legend="Enrolled from"
              hint="The first day they are enrolled. Their attribute values apply from this day."
              defaultValue={today}
              error={error(dayFieldId("enrolledFrom"))}
            />
          </>
        );
      }}
    </ActionForm>
  );
}
