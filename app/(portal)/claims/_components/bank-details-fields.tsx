import { fieldError } from "@/components/action-error-summary";
import { TextInput, type TextInputProps } from "@/components/text-input";
import type { ActionResult } from "@/lib/actions/result";

/** The bank-details fields in the order they show (the error summary's order). */
export const BANK_DETAILS_FIELDS = ["nameOnAccount", "sortCode", "accountNumber", "rollNumber"];

const PERSON = { they: { subject: "they", possessive: "their" }, you: { subject: "you", possessive: "your" } } as const;

/**
 * Name on the account, sort code, account number and roll number (the GOV.UK bank details
 * pattern), worded for whoever holds the account: "you", or "they" when keyed in for a claimant.
 */
export function BankDetailsFields({
  result,
  values = {},
  person,
}: {
  result: ActionResult | null;
  /** What was entered before, where the form is drawn again with it. */
  values?: Record<string, string>;
  person: keyof typeof PERSON;
}) {
  const { subject, possessive } = PERSON[person];
  const input = (name: string, label: string, extra: Partial<TextInputProps> = {}) => (
    <TextInput
      id={name}
      name={name}
      label={label}
      defaultValue={values[name]}
      error={fieldError(result, name)}
      autoComplete="off"
      spellCheck={false}
      {...extra}
    />
  );
  return (
    <>
      {input("nameOnAccount", "Name on the account")}
      {input("sortCode", "Sort code", { width: "5", inputMode: "numeric", hint: "Must be 6 digits long" })}
      {input("accountNumber", "Account number", { width: "10", inputMode: "numeric", hint: "Must be 8 digits long" })}
      {input("rollNumber", `Building society roll number (if ${subject} have one)`, {
        width: "10",
        hint: `You can find it on ${possessive} card, statement or passbook`,
      })}
    </>
  );
}
