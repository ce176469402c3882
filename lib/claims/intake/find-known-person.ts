import type { Tx } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** A merge flattens its pointers (lib/people/merge-people.ts), so one step is the rule; a few allow for old data. */
const MAX_MERGE_HOPS = 5;

export type KnownPerson = { id: string; reference: string };

function refuse(message: string): never {
  throw new AppError("VALIDATION", "Check the claimant reference", { "claimant.reference": [message] });
}

/**
 * The person a claim with `claimant.reference` is filed for, locked for the transaction: a record
 * merged into another stands for the surviving one; an unknown or erased reference is a 400 on
 * `claimant.reference`, and nothing is written.
 */
export async function findKnownPerson(tx: Tx, reference: string): Promise<KnownPerson> {
  let where = { reference } as { reference: string } | { id: string };
  for (let hop = 0; hop <= MAX_MERGE_HOPS; hop++) {
    const person = await tx.claimant.findUnique({
      where,
      select: { id: true, reference: true, mergedIntoId: true, erasedAt: true },
    });
    if (!person) refuse(`There is no person with reference ${reference}`);
    if (person.mergedIntoId) {
      where = { id: person.mergedIntoId };
      continue;
    }
    if (person.erasedAt) {
      refuse(`The person with reference ${reference} is no longer held (their details were erased): send their details instead`);
    }
    await tx.$queryRaw`SELECT id FROM "Claimant" WHERE id = ${person.id}::uuid FOR UPDATE`;
    // A survivor from before people had references has none; the one the client sent still finds them.
    return { id: person.id, reference: person.reference ?? reference };
  }
  throw new Error(`Claimant ${reference}: more than ${MAX_MERGE_HOPS} merges in a row`);
}
