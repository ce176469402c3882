import { z } from "zod";
import { checkBankAccount, isBacsRollNumber, normaliseAccountNumber, normaliseSortCode } from "@/lib/bank-details/modulus";
import { blankAsNull, isRecord, requiredPersonText, strictObject } from "./fields";

export const MODULUS_FAILURE_MESSAGE = "Sort code and account number do not match (failed the bank's modulus check)";

const sortCode = z
  .string({ error: (i) => (i.input == null ? "Sort code is required" : "Sort code must be text, like 20-00-00") })
  .transform((v) => normaliseSortCode(v.trim()))
  .refine((v) => /^\d{6}$/.test(v), "Sort code must be 6 digits, like 20-00-00");

const accountNumber = z
  .string({ error: (i) => (i.input == null ? "Account number is required" : "Account number must be text, like 55779911") })
  .transform((v) => normaliseAccountNumber(v.trim()))
  .refine((v) => /^\d{8}$/.test(v), "Account number must be 8 digits");

const rollNumber = blankAsNull(
  z
    .string({ error: "Roll number must be text" })
    .trim()
    .max(18, { message: "Roll number must be 18 characters or fewer", abort: true })
    .refine(isBacsRollNumber, "Roll number may only contain letters, numbers, spaces and . & / -"),
);

// The modulus check needs both numbers well formed; it runs even when other
// bank fields (e.g. the name) are wrong so every problem is reported at once.
function formatsParsed(payload: z.core.ParsePayload): boolean {
  return isRecord(payload.value) && !payload.issues.some((i) => i.path?.[0] === "sortCode" || i.path?.[0] === "accountNumber");
}

export const bankDetailsSchema = strictObject("Bank details", {
  // Bacs allows 18 characters, but cleaning and truncating the name is the
  // payment file's job; here we keep what the claimant typed.
  nameOnAccount: requiredPersonText("Name on the account", 70),
  sortCode,
  accountNumber,
  rollNumber,
}).superRefine(
  (v: { sortCode?: unknown; accountNumber?: unknown }, ctx) => {
    if (typeof v.sortCode !== "string" || typeof v.accountNumber !== "string") return;
    if (checkBankAccount(v.sortCode, v.accountNumber).reason === "MODULUS") {
      ctx.addIssue({ code: "custom", path: ["accountNumber"], message: MODULUS_FAILURE_MESSAGE });
    }
  },
  { when: formatsParsed },
);

export type BankDetailsInput = z.output<typeof bankDetailsSchema>;
