import "server-only";
import { config } from "@/lib/config";
import { keyFromBase64 } from "./bank-details-cipher";
import { keyring, type Keyring } from "./keyring";

let key: Keyring | undefined;

/**
 * The bank-details key from the validated configuration, decoded once: BANK_DETAILS_KEY, carrying
 * BANK_DETAILS_PREVIOUS_KEYS so values not yet re-encrypted by a rotation still decrypt
 * (docs/key-rotation.md). It is a Buffer: everything that takes `key: Buffer` takes it.
 */
export function bankDetailsKey(): Keyring {
  const settings = config();
  key ??= keyring(keyFromBase64(settings.bankDetailsKey), settings.bankDetailsPreviousKeys.map(keyFromBase64));
  return key;
}
