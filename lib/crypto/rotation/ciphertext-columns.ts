// Every column that holds a ciphertext of bank-details-cipher.ts (prisma/schema.prisma says which:
// "nothing else here holds them"), and the lookup hash stored beside it. A rotation visits each.
// FileLine holds a bank line's bank details and a Payout line's own text (docs/runs.md#payout-run):
// the Payout lines have no hash, so their text is re-encrypted and never parsed as bank details.

export type CiphertextColumn = {
  /** The name a summary and the progress lines use. */
  name: "bankDetails" | "bankDetailChanges" | "fileLines";
  table: string;
  ciphertextColumn: string;
  /** The keyed hash of the same account (lib/bank-details/lookup-hash.ts), null where there is none. */
  hashColumn: string;
};

export const CIPHERTEXT_COLUMNS: readonly CiphertextColumn[] = [
  { name: "bankDetails", table: "BankDetails", ciphertextColumn: "ciphertext", hashColumn: "lookupHash" },
  { name: "bankDetailChanges", table: "BankDetailChange", ciphertextColumn: "ciphertext", hashColumn: "lookupHash" },
  { name: "fileLines", table: "FileLine", ciphertextColumn: "bankDetailsCiphertext", hashColumn: "bankLookupHash" },
];

export type CiphertextColumnName = CiphertextColumn["name"];
