import { createHmac } from "node:crypto";
import { keysOf } from "@/lib/crypto/keyring";
import { normaliseAccountNumber, normaliseSortCode } from "./modulus";

// Bank details are stored encrypted with a fresh IV each time, so two people's equal details never
// look equal in the database. This keyed hash of the account alone (sort code and account number,
// not the name or roll number) does, so "the same account is used by another person" is one indexed
// SQL lookup. It is keyed (BANK_DETAILS_LOOKUP_KEY, separate from the encryption key) because there
// are only about 10^14 accounts: a plain hash could be reversed by trying them all.

/** The text that is hashed: "sortcode|account", separators (spaces, hyphens) removed. */
export function canonicalAccount(details: { sortCode: string; accountNumber: string }): string {
  return `${normaliseSortCode(details.sortCode)}|${normaliseAccountNumber(details.accountNumber)}`;
}

/** HMAC-SHA256 of the canonical account under the lookup key, as 64 lowercase hex characters. */
export function bankLookupHash(details: { sortCode: string; accountNumber: string }, lookupKey: Buffer): string {
  if (lookupKey.length !== 32) throw new Error("the bank-details lookup key must be 32 bytes");
  return createHmac("sha256", lookupKey).update(canonicalAccount(details), "utf8").digest("hex");
}

/**
 * The account's hash under the lookup key and, while a rotation rebuilds the stored hashes, under
 * the key it replaces (BANK_DETAILS_PREVIOUS_LOOKUP_KEY, carried by bankLookupKey()'s ring): a
 * lookup by all of them finds the account whichever key its row was hashed under so far.
 */
export function bankLookupHashes(details: { sortCode: string; accountNumber: string }, lookupKey: Buffer): string[] {
  return keysOf(lookupKey).map((k) => bankLookupHash(details, k));
}
