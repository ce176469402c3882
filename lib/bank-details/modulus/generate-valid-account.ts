// Demo seed data needs account numbers that pass the real modulus check for
// a given sort code, and must come out the same on every run, hence a seeded
// PRNG rather than Math.random.

import { checkBankAccount } from "./check";
import { mulberry32 } from "@/lib/random/mulberry32";

// Even the strictest ranges pass roughly 1 in 110 random candidates (two
// mod-11 checks, or exception 4's two-digit remainder), so this bound is only
// reached if a table row can never be satisfied.
const MAX_ATTEMPTS = 1_000_000;

export function findValidAccountNumber(sortCode: string, seed: number): string {
  if (!/^\d{6}$/.test(sortCode)) {
    throw new Error(`Sort code must be exactly 6 digits, got "${sortCode}"`);
  }
  // Mixing the sort code in keeps neighbouring branches seeded alike from
  // being handed the same account numbers.
  const random = mulberry32(seed ^ Math.imul(Number(sortCode), 0x9e3779b1));
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const candidate = String(Math.floor(random() * 100_000_000)).padStart(8, "0");
    if (checkBankAccount(sortCode, candidate).valid) return candidate;
  }
  throw new Error(`No valid account number found for sort code ${sortCode}`);
}
