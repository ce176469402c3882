import { z } from "zod";
import { decodeOpaqueCursor, encodeOpaqueCursor, ISO_INSTANT } from "@/lib/pagination/keyset";
import { CLAIM_REFERENCE_ALPHABET } from "@/lib/references/claim-reference";
import type { ClaimSort } from "./claim-list-sort";

// A keyset cursor: the sort key of a row (ending in the claim id, the tie-breaker) as the database
// printed it, so it goes back in without any time-zone or case conversion in JavaScript. Carried in
// the URL as base64url JSON; the sort is inside so a cursor from another order is never misread.

export type ClaimCursor = { sort: ClaimSort; key: string[] };

const uuid = z.uuid();
const timestamp = z.string().regex(ISO_INSTANT);
const nameKey = z.string().max(200);

const keySchemas: Record<ClaimSort, z.ZodType<string[]>> = {
  received: z.tuple([timestamp, uuid]),
  eventDate: z.tuple([z.iso.date(), uuid]),
  // References are unique, so the reference alone is the key.
  reference: z.tuple([z.string().regex(new RegExp(`^[${CLAIM_REFERENCE_ALPHABET}]{7}$`))]),
  claimant: z.tuple([nameKey, nameKey, uuid]),
};

const MAX_CURSOR_LENGTH = 1200;

export function encodeCursor(cursor: ClaimCursor): string {
  return encodeOpaqueCursor({ s: cursor.sort, k: cursor.key });
}

/** The cursor, or undefined when it is malformed, tampered with, or made for another sort. */
export function decodeCursor(value: string | undefined, sort: ClaimSort): ClaimCursor | undefined {
  const json = decodeOpaqueCursor(value, MAX_CURSOR_LENGTH);
  if (json === undefined) return undefined;
  const shape = z.object({ s: z.literal(sort), k: keySchemas[sort] }).safeParse(json);
  return shape.success ? { sort, key: shape.data.k } : undefined;
}
