import { createHmac } from "node:crypto";
import type { BankDetailsPlain } from "@/lib/crypto/bank-details-cipher";

/**
 * A keyed digest of bank details, so that the check can tell in SQL whether a row's details are
 * those on record or waiting (each ciphertext has its own IV, so equal details never have equal
 * ciphertexts). The digests live only in the check's temporary tables. Keyed by a key derived
 * from the bank-details key, never the key itself; equal exactly when enrolling by the form would
 * call them the same (name, sort code, account and roll number).
 */
export function bankDetailsDigester(key: Buffer): (details: BankDetailsPlain) => string {
  const digestKey = createHmac("sha256", key).update("disburse enrolment file: bank details compared").digest();
  return (details) =>
    createHmac("sha256", digestKey)
      .update(JSON.stringify([details.sortCode, details.accountNumber, details.nameOnAccount, details.rollNumber ?? null]))
      .digest("hex")
      .slice(0, 32);
}
