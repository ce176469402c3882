import { decideClaim } from "@/lib/claims/decide-claim";
import { lineFieldName } from "@/lib/claims/rules/decide-lines";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { formReader } from "./make-claim";

/**
 * Approves every expense line of a claim made by makeClaim (version 0), as a caseworker does on the
 * claim page (decideClaim), and returns the NEW payment the approval made.
 */
export async function approveClaim(
  db: PrismaClient,
  key: Buffer,
  claim: { reference: string; expenses: { id: string }[] },
  actor: { id: string; email: string; name: string },
) {
  const read = formReader(Object.fromEntries(claim.expenses.map((l) => [lineFieldName(l.id, "decision"), "APPROVE"])));
  const decided = await decideClaim({ db, key, reference: claim.reference, expectedVersion: 0, read, actor });
  if (decided.outcome !== "APPROVED") throw new Error(`claim ${claim.reference} was not approved`);
  return db.payment.findUniqueOrThrow({ where: { id: decided.payment.id } });
}
