import type { Tx } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { lastNameKey, lastNameKeySql, postcodeKey, postcodeKeySql } from "./rules/person-match-key";

const LAST_NAME_KEY = Prisma.raw(lastNameKeySql('c."lastName"'));
const POSTCODE_KEY = Prisma.raw(postcodeKeySql("c.postcode"));

/**
 * The person a new record may duplicate (docs/people.md#possible-matches): the oldest other person,
 * not merged away nor erased, with the same date of birth, last-name key and postcode key. Only
 * flagged on the claim; a caseworker links the records or dismisses the flag.
 */
export async function findPossibleMatch(
  tx: Tx,
  person: { id: string; lastName: string; dateOfBirth: string; postcode: string },
): Promise<string | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT c.id FROM "Claimant" c
    WHERE c."dateOfBirth" = ${person.dateOfBirth}::date
      AND ${LAST_NAME_KEY} = ${lastNameKey(person.lastName)}
      AND ${POSTCODE_KEY} = ${postcodeKey(person.postcode)}
      AND c.id <> ${person.id}::uuid AND c."mergedIntoId" IS NULL AND c."erasedAt" IS NULL
    ORDER BY c."createdAt", c.id
    LIMIT 1`;
  return rows[0]?.id ?? null;
}
