import type { BankDetailsPlain } from "@/lib/crypto/bank-details-cipher";
import { maskAccountNumber, maskSortCode } from "@/lib/crypto/bank-details-cipher";
import { normaliseAccountNumber, normaliseSortCode } from "./modulus";

// What the checker of a bank-details change must notice. Masking keeps the first two digits of the
// sort code and the last three of the account, so a diversion to an account at the same bank whose
// number ends the same way (200000/73406722 -> 200000/41676722) looks like no change at all.

export type BankField = "nameOnAccount" | "sortCode" | "accountNumber" | "rollNumber";
export const BANK_FIELDS: readonly BankField[] = ["nameOnAccount", "sortCode", "accountNumber", "rollNumber"];

export type BankDetailsComparison = {
  /** Fields whose value differs (all of them when there are no current details). */
  changed: BankField[];
  /** Set when the masked forms are identical but the numbers differ: the warning to show. */
  maskedLookSame: string | null;
};

const canonical: Record<BankField, (d: BankDetailsPlain) => string> = {
  nameOnAccount: (d) => d.nameOnAccount.trim(),
  sortCode: (d) => normaliseSortCode(d.sortCode),
  accountNumber: (d) => normaliseAccountNumber(d.accountNumber),
  rollNumber: (d) => d.rollNumber?.trim() ?? "",
};

export function compareBankDetails(current: BankDetailsPlain | null, proposed: BankDetailsPlain): BankDetailsComparison {
  if (!current) return { changed: [...BANK_FIELDS], maskedLookSame: null };
  const changed = BANK_FIELDS.filter((f) => canonical[f](current) !== canonical[f](proposed));
  const numbers = changed.filter((f) => f === "sortCode" || f === "accountNumber");
  const maskedSame =
    maskSortCode(canonical.sortCode(current)) === maskSortCode(canonical.sortCode(proposed)) &&
    maskAccountNumber(canonical.accountNumber(current)) === maskAccountNumber(canonical.accountNumber(proposed));
  if (!maskedSame || numbers.length === 0) return { changed, maskedLookSame: null };
  const what =
    numbers.length === 2
      ? "the sort code and the account number are"
      : numbers[0] === "sortCode"
        ? "the sort code is"
        : "the account number is";
  return { changed, maskedLookSame: `The masked details look the same but ${what} different` };
}
