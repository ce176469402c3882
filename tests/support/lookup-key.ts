/** A fixed BANK_DETAILS_LOOKUP_KEY for tests that write bank details (lib/bank-details/lookup-hash.ts). */
export const TEST_LOOKUP_KEY = Buffer.alloc(32, 42);
