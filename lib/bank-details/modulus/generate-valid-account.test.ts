import { describe, expect, it } from "vitest";

import { checkBankAccount } from "./check";
import { findValidAccountNumber } from "./generate-valid-account";

// One sort code per kind of rule: plain mod 10, mod 11 + double alternate,
// exceptions 1, 2/9, 4, 5, 6, 10/11, 12/13, 14, and one absent from the table.
const SORT_CODES = ["089999", "202959", "118765", "309070", "134020", "938600", "200915", "871427", "074456", "180002", "000000"];

describe("findValidAccountNumber", () => {
  it.each(SORT_CODES)("returns an 8-digit account that passes for %s", (sortCode) => {
    for (const seed of [0, 1, 42, 2 ** 31, -7]) {
      const account = findValidAccountNumber(sortCode, seed);
      expect(account).toMatch(/^\d{8}$/);
      expect(checkBankAccount(sortCode, account)).toEqual({ valid: true });
    }
  });

  it("is deterministic for the same sort code and seed", () => {
    for (const sortCode of SORT_CODES) {
      expect(findValidAccountNumber(sortCode, 1234)).toBe(findValidAccountNumber(sortCode, 1234));
    }
  });

  it("varies with the seed", () => {
    const accounts = new Set(Array.from({ length: 20 }, (_, seed) => findValidAccountNumber("089999", seed)));
    expect(accounts.size).toBeGreaterThan(15);
  });

  it("rejects a malformed sort code", () => {
    expect(() => findValidAccountNumber("12-34-56", 1)).toThrow(/6 digits/);
  });
});
