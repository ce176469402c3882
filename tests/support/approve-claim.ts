import { decideClaim } from "@/lib/claims/decide-claim";
import { lineFieldName } from "@/lib/claims/rules/decide-lines";
import { DEFAULT_APPROVAL_LIMITS, type ApprovalLimits } from "@/lib/claims/rules/second-approval";
import { secondApproveClaim } from "@/lib/claims/second-approve-claim";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { formReader } from "./make-claim";
import { makeUser } from "./make-user";

/**
 * The limits for claims that are fixtures of other tests (runs, files): the default threshold, but
 * lines up to the intake cap, as the golden Payout file pays £1,234.50 on one line. The limits
 * themselves are tested in tests/claims/second-approval.test.ts.
 */
export const FIXTURE_APPROVAL_LIMITS: ApprovalLimits = { ...DEFAULT_APPROVAL_LIMITS, lineMaximumPence: 10_000_000 };

/**
 * Approves every expense line of a claim made by makeClaim (version 0), as a caseworker does on the
 * claim page (decideClaim), and returns the NEW payment the approval made. A claim above the
 * second-approval threshold is then approved by a second caseworker, as the rule requires.
 */
export async function approveClaim(
  db: PrismaClient,
  key: Buffer,
  claim: { reference: string; expenses: { id: string }[] },
  actor: { id: string; email: string; name: string },
  limits: ApprovalLimits = FIXTURE_APPROVAL_LIMITS,
) {
  const read = formReader(Object.fromEntries(claim.expenses.map((l) => [lineFieldName(l.id, "decision"), "APPROVE"])));
  let decided = await decideClaim({ db, key, reference: claim.reference, expectedVersion: 0, read, actor, limits });
  if (decided.outcome === "AWAITING_SECOND_APPROVAL") {
    const second = await makeUser(db, { role: "CASEWORKER", name: "Second caseworker" });
    decided = await secondApproveClaim({
      db,
      key,
      reference: claim.reference,
      expectedVersion: 1,
      actor: { id: second.id, email: second.email, name: second.name },
      limits,
    });
  }
  if (decided.outcome !== "APPROVED") throw new Error(`claim ${claim.reference} was not approved`);
  return db.payment.findUniqueOrThrow({ where: { id: decided.payment.id } });
}
