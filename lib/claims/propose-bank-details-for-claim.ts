import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { bankDetailsSchema } from "./intake/bank-details-schema";
import { addClaimEvent } from "../timeline/claim-events";
import type { Caseworker } from "./claim-change";
import { proposeBankDetailsChange } from "../bank-details/propose-bank-details-change";
import type { SameAccountPerson } from "../bank-details/same-account";

/**
 * A caseworker keys in new bank details from a claim's page: validated (modulus too), then pending.
 * Returns the other people who already hold the account, for the maker's warning.
 */
export async function proposeBankDetailsForClaim(options: {
  db: Db;
  key: Buffer;
  lookupKey: Buffer;
  reference: string;
  fields: Record<string, unknown>;
  actor: Caseworker;
}): Promise<{ sameAccount: SameAccountPerson[] }> {
  const { db, key, reference, fields, actor } = options;
  const parsed = bankDetailsSchema.safeParse({
    nameOnAccount: fields.nameOnAccount,
    sortCode: fields.sortCode,
    accountNumber: fields.accountNumber,
    rollNumber: fields.rollNumber,
  });
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "nameOnAccount")] ??= []).push(issue.message);
    throw new AppError("VALIDATION", "Check the bank details for errors.", fieldErrors);
  }
  return db.$transaction(async (tx) => {
    const claim = await tx.claim.findUnique({ where: { reference } });
    if (!claim) throw new AppError("NOT_FOUND", `There is no claim with reference ${reference}`);
    const { sameAccount } = await proposeBankDetailsChange(tx, {
      claimantId: claim.claimantId,
      details: parsed.data,
      key,
      lookupKey: options.lookupKey,
      actor,
      proposedById: actor.id,
    });
    await addClaimEvent(tx, {
      claimId: claim.id,
      actorId: actor.id,
      kind: "bank-details.proposed",
      summary: `New bank details proposed by ${actor.name}: awaiting a second caseworker`,
    });
    return { sameAccount };
  });
}
