import "server-only";
import { config } from "@/lib/config";
import { keyFromBase64 } from "./bank-details-cipher";

let key: Buffer | undefined;

/** The bank-details key from the validated configuration, decoded once. */
export function bankDetailsKey(): Buffer {
  key ??= keyFromBase64(config().bankDetailsKey);
  return key;
}
