import "server-only";
import { config } from "@/lib/config";
import { keyFromBase64 } from "@/lib/crypto/bank-details-cipher";

let key: Buffer | undefined;

/**
 * BANK_DETAILS_LOOKUP_KEY from the validated configuration, decoded once. Production refuses to
 * start without it; demo mode leaves it optional because `npm start` generates it, so only a demo
 * run some other way (`next dev` without the setting) can reach the error.
 */
export function bankLookupKey(): Buffer {
  if (key) return key;
  const base64 = config().bankDetailsLookupKey;
  if (!base64) {
    throw new Error("BANK_DETAILS_LOOKUP_KEY is not set: npm start generates it in demo mode; production requires it");
  }
  key = keyFromBase64(base64);
  return key;
}
