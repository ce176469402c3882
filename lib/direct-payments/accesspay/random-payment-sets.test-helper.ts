// Random AccessPay inputs for property tests: deterministic (a failure reproduces from its seed),
// mixing valid and invalid bank details, awkward names and roll numbers, and very large amounts.
import { mulberry32 } from "@/lib/random/mulberry32";
import type { AccessPayInput } from "./format-accesspay";

export { mulberry32 as prng };

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)];

// Valid and invalid pairs from Pay.UK's published cases, plus format failures.
const ACCOUNTS: ReadonlyArray<[string, string]> = [
  ["089999", "66374958"],
  ["107999", "88837491"],
  ["202959", "63748472"],
  ["871427", "46238510"],
  ["820000", "73688637"],
  ["938611", "07806039"],
  ["089999", "66374959"],
  ["107999", "88837493"],
  ["12345", "66374958"],
  ["089999", "6637495"],
];
const NAMES = [
  "Tom Swann",
  "Zoë Brontë-Smith",
  "O'Brien",
  "!!!",
  "😀",
  "Bartholomew Jones Worthington",
  "  =SUM(A1)",
  "Łukasz",
  "Иван",
];
const ROLLS = [null, null, null, "ROLL 1/2", "--", "BAD'ROLL", "  12.34-A  "];

/** Set number `set` of up to `maxSize` payments. */
export function randomPaymentSet(random: () => number, set: number, maxSize = 40): AccessPayInput[] {
  return Array.from({ length: Math.floor(random() * maxSize) }, (_, i) => {
    const [sortCode, accountNumber] = pick(random, ACCOUNTS);
    // Mostly ordinary amounts, sometimes very large ones, to catch float drift.
    const amountPence = 1 + Math.floor(random() * (random() < 0.1 ? 9_000_000_000 : 500_000));
    return {
      paymentId: `set${set}-pay${i}`,
      paymentReference: `REF${set}X${i}-01`,
      amountPence,
      bank: { sortCode, accountNumber, nameOnAccount: pick(random, NAMES), rollNumber: pick(random, ROLLS) },
    };
  });
}

/** Parses "123.99" back to pence with integer arithmetic only. */
export function parsePence(amount: string): number {
  const match = /^(\d+)\.(\d{2})$/.exec(amount);
  if (!match) throw new Error(`bad amount ${amount}`);
  return Number(match[1]) * 100 + Number(match[2]);
}
