import { describe, expect, it } from "vitest";
import type { BankDetailsPlain } from "@/lib/crypto/bank-details-cipher";
import { compareBankDetails } from "./compare-bank-details";

const current: BankDetailsPlain = {
  sortCode: "200000",
  accountNumber: "73406722",
  nameOnAccount: "A Lovelace",
  rollNumber: null,
};

describe("compareBankDetails", () => {
  it("catches the diversion of the security issue: 200000/73406722 -> 200000/41676722", () => {
    expect(compareBankDetails(current, { ...current, accountNumber: "41676722" })).toEqual({
      changed: ["accountNumber"],
      maskedLookSame: "The masked details look the same but the account number is different",
    });
  });

  it("names the sort code when only its hidden digits changed, and both when both did", () => {
    expect(compareBankDetails(current, { ...current, sortCode: "209999" }).maskedLookSame).toBe(
      "The masked details look the same but the sort code is different",
    );
    expect(compareBankDetails(current, { ...current, sortCode: "201111", accountNumber: "99999722" })).toEqual({
      changed: ["sortCode", "accountNumber"],
      maskedLookSame: "The masked details look the same but the sort code and the account number are different",
    });
  });

  it("still warns when the name changed too: the numbers are what the mask hides", () => {
    const result = compareBankDetails(current, { ...current, nameOnAccount: "A King", accountNumber: "41676722" });
    expect(result.changed).toEqual(["nameOnAccount", "accountNumber"]);
    expect(result.maskedLookSame).not.toBeNull();
  });

  it("does not warn when the masked forms differ, or when the numbers are the same", () => {
    expect(compareBankDetails(current, { ...current, accountNumber: "55779911" })).toEqual({
      changed: ["accountNumber"],
      maskedLookSame: null,
    });
    expect(compareBankDetails(current, { ...current, nameOnAccount: "Ada Lovelace", rollNumber: "ROLL 1" })).toEqual({
      changed: ["nameOnAccount", "rollNumber"],
      maskedLookSame: null,
    });
  });

  it("sees no change in separators or surrounding spaces", () => {
    const typed = { sortCode: "20-00-00", accountNumber: "7340 6722", nameOnAccount: " A Lovelace ", rollNumber: " " };
    expect(compareBankDetails(current, typed)).toEqual({ changed: [], maskedLookSame: null });
  });

  it("marks every field changed when there are no current details", () => {
    expect(compareBankDetails(null, current)).toEqual({
      changed: ["nameOnAccount", "sortCode", "accountNumber", "rollNumber"],
      maskedLookSame: null,
    });
  });
});
