// A small set of valid UK bank details, each encrypted once with the bench's key: every claimant
// reuses one of these ciphertexts, so a million claimants cost a dozen encryptions, and the
// upload file can be written back from a line's ciphertext without decrypting anything.
import { findValidAccountNumber } from "../../lib/bank-details/modulus/generate-valid-account.ts";
import { encryptBankDetails, type BankDetailsPlain } from "../../lib/crypto/bank-details-cipher.ts";
import { DEMO_SORT_CODES } from "../../lib/demo/uk-places.ts";
import { cleanBacsText } from "../../lib/direct-payments/bacs/clean-bacs-text.ts";

const NAMES = ["A Lovelace", "C Babbage", "G Hopper", "A Turing", "K Johnson", "D Hodgkin", "R Franklin", "T Berners-Lee"];

export interface BenchBankDetails {
  plain: BankDetailsPlain;
  ciphertext: string;
  /** Column 3 of an AccessPay line: the name as Bacs cleaning leaves it. */
  payeeName: string;
}

export function benchBankSet(key: Buffer): BenchBankDetails[] {
  return DEMO_SORT_CODES.map(({ sortCode }, i) => {
    const plain: BankDetailsPlain = {
      sortCode,
      accountNumber: findValidAccountNumber(sortCode, 1000 + i),
      nameOnAccount: NAMES[i % NAMES.length],
      rollNumber: null,
    };
    return {
      plain,
      ciphertext: encryptBankDetails(plain, key),
      payeeName: cleanBacsText(plain.nameOnAccount, { maxLength: 18 }).value,
    };
  });
}
