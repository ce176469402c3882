import "server-only";
import { config } from "@/lib/config";
import { keyFromBase64 } from "@/lib/crypto/bank-details-cipher";
import { keyring, type Keyring } from "@/lib/crypto/keyring";

let key: Keyring | undefined;

/**
 * BANK_DETAILS_LOOKUP_KEY from the validated configuration, decoded once, carrying
 * BANK_DETAILS_PREVIOUS_LOOKUP_KEY while a rotation rebuilds the hashes (bankLookupHashes gives
 * both; docs/key-rotation.md). Production refuses to start without it; demo mode leaves it optional
 * because `npm start` generates it, so only a demo run some other way (`next dev` without the
 * setting) can reach the error.
 */
export function bankLookupKey(): Keyring {
  if (key) return key;
  const settings = config();
  const base64 = settings.bankDetailsLookupKey;
  if (!base64) {
    throw new Error("BANK_DETAILS_LOOKUP_KEY is not set: npm start generates it in demo mode; production requires it");
  }
  const previous = settings.bankDetailsPreviousLookupKey;
  key = keyring(keyFromBase64(base64), previous ? [keyFromBase64(previous)] : []);
  return key;
}
