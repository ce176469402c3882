import { describe, expect, it } from "vitest";
import { keyInClaimFromForm, type KeyInFormFields } from "@/app/(portal)/claims/new/key-in-claim-schema";
import { keyInFieldIds, MAX_EXPENSES } from "@/app/(portal)/claims/new/key-in-fields";
import {
  addExpenseLine,
  checkAnswers,
  compactExpenseLines,
  readIntent,
  removeExpenseLine,
} from "@/app/(portal)/claims/new/key-in-steps";
import { MODULUS_FAILURE_MESSAGE } from "@/lib/claims/intake/bank-details-schema";
import { MAX_EXPENSE_LINES } from "@/lib/claims/intake/claim-intake-schema";
import { MODULUS_FAILING } from "@/lib/claims/intake/test-fixtures";

const TODAY = "2026-11-22";

function validForm(): KeyInFormFields {
  return {
    firstName: " Ada ",
    lastName: "Lovelace",
    "dateOfBirth-day": "10",
    "dateOfBirth-month": "12",
    "dateOfBirth-year": "1985",
    addressLine1: "1 High Street",
    addressLine2: "",
    town: "Leeds",
    county: "West Yorkshire",
    postcode: "ls11aa",
    country: "England",
    contactPreference: "EMAIL",
    email: "ada@example.com",
    phone: "",
    "eventDate-day": "1",
    "eventDate-month": "11",
    "eventDate-year": "2026",
    expenseCount: "4",
    "expense-1-type": "",
    "expense-1-description": "",
    "expense-1-amount": "",
    "expense-2-type": "TRAIN",
    "expense-2-description": "Leeds to Wakefield return",
    "expense-2-amount": "12.40",
    "expense-3-type": "",
    "expense-3-description": "",
    "expense-3-amount": "",
    "expense-4-type": "TAXI",
    "expense-4-description": "Station to hospital",
    "expense-4-amount": "£1,008",
    paymentMethod: "BANK",
    nameOnAccount: "A Lovelace",
    sortCode: "20-00-00",
    accountNumber: "55779911",
    rollNumber: "",
  };
}

function oneLineForm(): KeyInFormFields {
  const form = validForm();
  Object.assign(form, { expenseCount: "1", "expense-1-type": "BUS", "expense-1-description": "Bus", "expense-1-amount": "2" });
  return form;
}

function errorsFor(change: (f: KeyInFormFields) => void, base = validForm): Record<string, string[]> {
  const form = base();
  change(form);
  const result = keyInClaimFromForm(form, TODAY);
  if (result.ok) throw new Error("expected the form to be invalid");
  return result.fieldErrors;
}

describe("key-in form -> claim intake", () => {
  it("builds the same intake the API takes: pounds to pence, day/month/year to a date, blank expense lines skipped", () => {
    const result = keyInClaimFromForm(validForm(), TODAY);
    expect(result).toEqual({
      ok: true,
      intake: {
        claimant: {
          firstName: "Ada",
          lastName: "Lovelace",
          dateOfBirth: "1985-12-10",
          email: "ada@example.com",
          phone: null,
          address: {
            line1: "1 High Street",
            line2: null,
            town: "Leeds",
            county: "West Yorkshire",
            postcode: "LS1 1AA",
            country: "England",
          },
          contactPreference: "EMAIL",
        },
        eventDate: "2026-11-01",
        paymentMethod: "BANK",
        bankDetails: { nameOnAccount: "A Lovelace", sortCode: "200000", accountNumber: "55779911", rollNumber: null },
        expenses: [
          { type: "TRAIN", description: "Leeds to Wakefield return", amountPence: 1240 },
          { type: "TAXI", description: "Station to hospital", amountPence: 100800 },
        ],
      },
    });
  });

  it("reads only the lines the form shows: a line past the count is not sent", () => {
    const form = oneLineForm();
    form["expense-2-type"] = "TAXI"; // left behind by a removed line, say
    const result = keyInClaimFromForm(form, TODAY);
    expect(result.ok && result.intake.expenses).toEqual([{ type: "BUS", description: "Bus", amountPence: 200 }]);
  });

  it("sends only what the chosen option reveals: bank details for a bank transfer, the email for email, the phone for text", () => {
    const cash = validForm();
    Object.assign(cash, { paymentMethod: "CASH", sortCode: "not a sort code" });
    const cashResult = keyInClaimFromForm(cash, TODAY);
    expect(cashResult.ok && cashResult.intake.bankDetails).toBeNull();

    const letter = validForm();
    Object.assign(letter, { contactPreference: "LETTER", email: "not an email", phone: "call me" });
    const letterResult = keyInClaimFromForm(letter, TODAY);
    expect(letterResult.ok && [letterResult.intake.claimant.email, letterResult.intake.claimant.phone]).toEqual([null, null]);

    const sms = validForm();
    Object.assign(sms, { contactPreference: "SMS", phone: "07700 900123", email: "not an email" });
    const smsResult = keyInClaimFromForm(sms, TODAY);
    expect(smsResult.ok && [smsResult.intake.claimant.email, smsResult.intake.claimant.phone]).toEqual([null, "07700 900123"]);
  });

  it("an empty form says what to enter for every required field, in GOV.UK's words, each on its own field", () => {
    const result = keyInClaimFromForm({}, TODAY);
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        firstName: ["Enter the claimant's first name"],
        lastName: ["Enter the claimant's last name"],
        "dateOfBirth-day": ["Enter a date of birth"],
        addressLine1: ["Enter the first line of the address"],
        town: ["Enter the town or city"],
        postcode: ["Enter a postcode"],
        country: ["Enter the country"],
        contactPreference: ["Select how the claimant wants us to contact them"],
        "eventDate-day": ["Enter the date of the event"],
        "expense-1-type": ["Enter at least one expense"],
        paymentMethod: ["Select how the claimant wants to be paid"],
      },
    });
    // Every key links to a field the form has.
    for (const key of Object.keys(result.ok ? {} : result.fieldErrors)) expect(keyInFieldIds(1)).toContain(key);
  });

  it("asks for the email or mobile number the chosen contact needs, even while the rest of the claimant is missing", () => {
    const blank = Object.fromEntries(Object.keys(validForm()).map((name) => [name, ""]));
    for (const [contactPreference, field, message] of [
      ["SMS", "phone", "Enter a mobile phone number for text messages"],
      ["EMAIL", "email", "Enter an email address"],
    ]) {
      const result = keyInClaimFromForm({ ...blank, contactPreference, expenseCount: "1" }, TODAY);
      expect(result.ok ? {} : result.fieldErrors).toMatchObject({
        firstName: ["Enter the claimant's first name"],
        [field]: [message],
      });
    }
  });

  it("expense lines: one line is 'the expense', several are named by number, amounts in pounds", () => {
    expect(errorsFor((f) => (f["expense-1-amount"] = "12.345"), oneLineForm)).toEqual({
      "expense-1-amount": ["Enter an amount in pounds and pence, like 12.40"],
    });
    expect(errorsFor((f) => Object.assign(f, { "expense-1-type": "", "expense-1-description": "" }), oneLineForm)).toEqual({
      "expense-1-type": ["Select the type of the expense"],
      "expense-1-description": ["Enter a description of the expense"],
    });
    expect(
      errorsFor((f) => {
        f["expense-2-amount"] = "12.345";
        f["expense-4-description"] = "";
      }),
    ).toEqual({
      "expense-2-amount": ["Enter the amount of expense 2 in pounds and pence, like 12.40"],
      "expense-4-description": ["Enter a description of expense 4"],
    });
    expect(errorsFor((f) => (f["expense-3-amount"] = "3"))).toEqual({
      "expense-3-type": ["Select the type of expense 3"],
      "expense-3-description": ["Enter a description of expense 3"],
    });
    expect(errorsFor((f) => (f["expense-2-amount"] = "0"))).toEqual({
      "expense-2-amount": ["The amount of expense 2 must be more than £0"],
    });
    expect(errorsFor((f) => (f["expense-2-amount"] = ""))).toEqual({ "expense-2-amount": ["Enter the amount of expense 2"] });
    expect(errorsFor((f) => (f["expense-2-amount"] = "100000.01"))).toEqual({
      "expense-2-amount": ["The amount of expense 2 must be £100,000.00 or less"],
    });
  });

  it("dates: not a real date, partly empty, in the future", () => {
    expect(errorsFor((f) => Object.assign(f, { "dateOfBirth-day": "31", "dateOfBirth-month": "2" }))).toEqual({
      "dateOfBirth-day": ["Date of birth must be a real date"],
    });
    expect(errorsFor((f) => (f["dateOfBirth-year"] = "85"))).toEqual({
      "dateOfBirth-day": ["Date of birth must be a real date"],
    });
    expect(errorsFor((f) => Object.assign(f, { "dateOfBirth-month": "", "dateOfBirth-year": "" }))).toEqual({
      "dateOfBirth-day": ["Date of birth must include a month and year"],
    });
    expect(errorsFor((f) => (f["eventDate-day"] = ""))).toEqual({
      "eventDate-day": ["Date of the event must include a day"],
    });
    expect(errorsFor((f) => (f["eventDate-day"] = "23"))).toEqual({
      "eventDate-day": ["Date of the event must be today or in the past"],
    });
  });

  it("contact and bank details", () => {
    expect(errorsFor((f) => (f.email = ""))).toEqual({ email: ["Enter an email address"] });
    expect(errorsFor((f) => (f.email = "ada"))).toEqual({
      email: ["Enter an email address in the correct format, like name@example.com"],
    });
    expect(errorsFor((f) => Object.assign(f, { contactPreference: "SMS", phone: "" }))).toEqual({
      phone: ["Enter a mobile phone number for text messages"],
    });
    expect(errorsFor((f) => Object.assign(f, { nameOnAccount: "", sortCode: "", accountNumber: "" }))).toEqual({
      nameOnAccount: ["Enter the name on the account"],
      sortCode: ["Enter a sort code"],
      accountNumber: ["Enter an account number"],
    });
    expect(errorsFor((f) => Object.assign(f, { sortCode: "12", accountNumber: "1" }))).toEqual({
      sortCode: ["Enter a valid sort code, like 20-00-00"],
      accountNumber: ["Enter a valid account number, like 55779911"],
    });
    expect(errorsFor((f) => Object.assign(f, MODULUS_FAILING))).toEqual({ accountNumber: [MODULUS_FAILURE_MESSAGE] });
    expect(errorsFor((f) => (f.postcode = "nope"))).toEqual({ postcode: ["Enter a real UK postcode, like LS1 1AA"] });
  });
});

describe("key-in steps", () => {
  it("allows as many expense lines as the intake does", () => {
    expect(MAX_EXPENSES).toBe(MAX_EXPENSE_LINES);
  });

  it("reads the pressed button; anything else, or none, is 'continue'", () => {
    expect(readIntent({ intent: "remove-expense:3" })).toEqual({ intent: "remove-expense", argument: "3" });
    expect(readIntent({ intent: "change:dateOfBirth-day" })).toEqual({ intent: "change", argument: "dateOfBirth-day" });
    expect(readIntent({ intent: "drop-tables" })).toEqual({ intent: "check", argument: "" });
    expect(readIntent({})).toEqual({ intent: "check", argument: "" });
  });

  it("'Add another expense' adds one line, up to 20, and keeps what was typed", () => {
    const added = addExpenseLine({ ...oneLineForm(), intent: "add-expense", attempt: "3" });
    expect(added.lines).toBe(2);
    expect(added.focus).toBe("expense-2-type");
    expect(added.values).toMatchObject({ expenseCount: "2", firstName: " Ada ", "expense-1-description": "Bus" });
    expect(added.values).not.toHaveProperty("intent");
    expect(added.values).not.toHaveProperty("attempt");
    expect(addExpenseLine({ expenseCount: "20" }).lines).toBe(20);
  });

  it("'Remove' takes out that line and moves the later ones up with what was typed on them", () => {
    const removed = removeExpenseLine(validForm(), 2);
    expect(removed.lines).toBe(3);
    expect(removed.values).toMatchObject({
      expenseCount: "3",
      "expense-1-type": "",
      "expense-2-type": "",
      "expense-3-type": "TAXI",
      "expense-3-description": "Station to hospital",
      "expense-3-amount": "£1,008",
    });
    expect(removed.values).not.toHaveProperty("expense-4-type");
    // The last line cannot go, nor one that is not there.
    expect(removeExpenseLine(oneLineForm(), 1).lines).toBe(1);
    expect(removeExpenseLine(validForm(), 9).lines).toBe(4);
  });

  it("before checking, blank lines go and the rest are numbered from 1", () => {
    const compact = compactExpenseLines(validForm());
    expect(compact).toMatchObject({
      expenseCount: "2",
      "expense-1-type": "TRAIN",
      "expense-2-type": "TAXI",
      "expense-2-amount": "£1,008",
    });
    expect(compact).not.toHaveProperty("expense-3-type");
    expect(compactExpenseLines({})).toMatchObject({ expenseCount: "1", "expense-1-type": "" });
  });

  it("check your answers: the claim as it will be saved, each answer with the field its Change goes back to", () => {
    const result = keyInClaimFromForm(compactExpenseLines(validForm()), TODAY);
    if (!result.ok) throw new Error("expected a valid form");
    expect(checkAnswers(result.intake)).toEqual([
      {
        title: "Claimant",
        rows: [
          { key: "Name", value: ["Ada Lovelace"], change: "firstName" },
          { key: "Date of birth", value: ["10 December 1985"], change: "dateOfBirth-day" },
          {
            key: "Address",
            value: ["1 High Street", "Leeds", "West Yorkshire", "LS1 1AA", "England"],
            change: "addressLine1",
          },
          { key: "How to contact them", value: ["Email"], change: "contactPreference" },
          { key: "Email address", value: ["ada@example.com"], change: "email" },
        ],
      },
      {
        title: "Claim",
        rows: [
          { key: "Date of the event", value: ["1 November 2026"], change: "eventDate-day" },
          { key: "Expense 1", value: ["Train: Leeds to Wakefield return", "£12.40"], change: "expense-1-type" },
          { key: "Expense 2", value: ["Taxi: Station to hospital", "£1,008.00"], change: "expense-2-type" },
          { key: "Total claimed", value: ["£1,020.40"], change: "" },
        ],
      },
      {
        title: "Payment",
        rows: [
          { key: "How they want to be paid", value: ["Bank transfer"], change: "paymentMethod" },
          { key: "Name on the account", value: ["A Lovelace"], change: "nameOnAccount" },
          { key: "Sort code", value: ["20-00-00"], change: "sortCode" },
          { key: "Account number", value: ["55779911"], change: "accountNumber" },
          { key: "Building society roll number", value: ["None"], change: "rollNumber" },
        ],
      },
    ]);
  });
});
