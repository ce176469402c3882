import { describe, expect, it } from "vitest";

import { checkBankAccount } from "./check";
import { findWeightRows } from "./tables";

// The published test cases, numbered and worded as in chapter 3 of Pay.UK's
// "Validating account numbers - UK modulus checking" (identical list in v8.50
// and v9.00; transcribed from cs278/bank-modulus tests/Spec/VocaLinkV900.fixtures.txt
// and cross-checked against oli5679/uk-modulus-check tests/index.test.ts).
const PUBLISHED_CASES: ReadonlyArray<[number, string, string, string, boolean]> = [
  [1, "Pass modulus 10 check", "089999", "66374958", true],
  [2, "Pass modulus 11 check", "107999", "88837491", true],
  [3, "Pass modulus 11 and double alternate checks", "202959", "63748472", true],
  [4, "Exception 10 & 11 where first check passes and second check fails", "871427", "46238510", true],
  [5, "Exception 10 & 11 where first check fails and second check passes", "872427", "46238510", true],
  [6, "Exception 10 where ab=09 and g=9; first check passes, second fails", "871427", "09123496", true],
  [7, "Exception 10 where ab=99 and g=9; first check passes, second fails", "871427", "99123496", true],
  [8, "Exception 3, start of a range; c=6 so the second check is ignored", "820000", "73688637", true],
  [9, "Exception 3, end of a range; c=9 so the second check is ignored", "827999", "73988638", true],
  [10, "Exception 3; c is not 6 or 9, both checks pass", "827101", "28748352", true],
  [11, "Exception 4 where the remainder is equal to the check digit", "134020", "63849203", true],
  [12, "Exception 1 adds 27 to the total and passes double alternate", "118765", "64371389", true],
  [13, "Exception 6: fails the standard check but is a foreign currency account", "200915", "41011166", true],
  [14, "Exception 5 where the check passes", "938611", "07806039", true],
  [15, "Exception 5 where the check passes with substitution", "938600", "42368003", true],
  [16, "Exception 5 where both checks produce a remainder of 0 and pass", "938063", "55065200", true],
  [17, "Exception 7 where passes but would fail the standard check", "772798", "99345694", true],
  [18, "Exception 8 where the check passes", "086090", "06774744", true],
  [19, "Exception 2 & 9 where the first check passes", "309070", "02355688", true],
  [20, "Exception 2 & 9: first check fails, second passes with substitution", "309070", "12345668", true],
  [21, "Exception 2 & 9 where a≠0 and g≠9 and passes", "309070", "12345677", true],
  [22, "Exception 2 & 9 where a≠0 and g=9 and passes", "309070", "99345694", true],
  [23, "Exception 5: first check digit correct, second incorrect", "938063", "15764273", false],
  [24, "Exception 5: first check digit incorrect, second correct", "938063", "15764264", false],
  [25, "Exception 5: first check digit incorrect with a remainder of 1", "938063", "15763217", false],
  [26, "Exception 1 where it fails double alternate check", "118765", "64371388", false],
  [27, "Pass modulus 11 check and fail double alternate check", "203099", "66831036", false],
  [28, "Fail modulus 11 check and pass double alternate check", "203099", "58716970", false],
  [29, "Fail modulus 10 check", "089999", "66374959", false],
  [30, "Fail modulus 11 check", "107999", "88837493", false],
  [31, "Exception 12/13: passes modulus 11 (modulus 10 would fail)", "074456", "12345112", true],
  [32, "Exception 12/13: passes modulus 11 (modulus 10 passes too)", "070116", "34012583", true],
  [33, "Exception 12/13: fails modulus 11 but passes modulus 10", "074456", "11104102", true],
  [34, "Exception 14 where the first check fails and the second check passes", "180002", "00000190", true],
];

describe("checkBankAccount: published Pay.UK test cases", () => {
  it("covers all 34 published cases", () => {
    expect(PUBLISHED_CASES).toHaveLength(34);
    expect(PUBLISHED_CASES.map(([n]) => n)).toEqual(Array.from({ length: 34 }, (_, i) => i + 1));
  });

  it.each(PUBLISHED_CASES)("#%i %s (%s %s)", (_n, _what, sortCode, account, expected) => {
    const result = checkBankAccount(sortCode, account);
    expect(result.valid).toBe(expected);
    if (!expected) expect(result.reason).toBe("MODULUS");
  });
});

describe("checkBankAccount: input format", () => {
  it.each(["12345", "1234567", "12-34-56", "12 345", "12a456", "", "１２３４５６"])("rejects sort code %j", (sortCode) => {
    expect(checkBankAccount(sortCode, "66374958")).toEqual({
      valid: false,
      reason: "SORT_CODE_FORMAT",
    });
  });

  it.each(["6637495", "663749580", "6637495x", "6637 4958", "", "66-374958"])("rejects account number %j", (account) => {
    expect(checkBankAccount("089999", account)).toEqual({
      valid: false,
      reason: "ACCOUNT_NUMBER_FORMAT",
    });
  });

  it("reports the sort code first when both are malformed", () => {
    expect(checkBankAccount("1", "2").reason).toBe("SORT_CODE_FORMAT");
  });

  it("returns no reason for a valid pair", () => {
    expect(checkBankAccount("089999", "66374958")).toEqual({ valid: true });
  });
});

describe("checkBankAccount: sort codes absent from the table", () => {
  it.each(["000000", "999999", "010003", "016716"])("treats %s as uncheckable and valid", (sortCode) => {
    expect(findWeightRows(sortCode)).toHaveLength(0);
    expect(checkBankAccount(sortCode, "12345678")).toEqual({ valid: true });
  });

  it("still checks the first and last sort codes of a range", () => {
    expect(findWeightRows("010004")).toHaveLength(1);
    expect(findWeightRows("016715")).toHaveLength(1);
  });
});

describe("checkBankAccount: exception details beyond the published cases", () => {
  it("exception 14 only retries when the last digit is 0, 1 or 9", () => {
    // 00000190 passes only after the shift; the same digits ending in 2
    // must not get the retry.
    expect(checkBankAccount("180002", "00000192").valid).toBe(false);
  });

  it("exception 6 still checks sterling accounts in the same range", () => {
    // a=4 but g≠h, so this is not a foreign currency account.
    expect(checkBankAccount("200915", "41011165").valid).toBe(false);
  });

  it("exception 3 still needs the first check to pass when c is 6 or 9", () => {
    expect(checkBankAccount("820000", "73688638").valid).toBe(false);
  });
});
