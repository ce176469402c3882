// POST /api/claims: the online service submits a claim (docs/domain.md#intake-api). Bearer API
// token; Idempotency-Key required. 201 {id, reference, claimant: {reference}} when created (with
// `claimant.reference` the claim is filed for that known person, docs/people.md); the same key and body again
// answer 200 with the same answer; the same key with another body 422; an invalid body 400
// {errors: {"<path>": [...]}}; a bad token 401. Nothing is written unless the answer is 201.
import { idempotentPost } from "@/lib/api/idempotent-post";
import { withApiToken } from "@/lib/api/with-api-token";
import { createClaim, type CreatedClaim } from "@/lib/claims/create-claim";
import { parseClaimIntake } from "@/lib/claims/intake/claim-intake-schema";
import { intakeErrors } from "@/lib/claims/intake/intake-errors";
import { intakeToday } from "@/lib/claims/intake-today";
import { bankLookupKey } from "@/lib/bank-details/lookup-key";
import { bankDetailsKey } from "@/lib/crypto/bank-details-key";
import { prisma } from "@/lib/db";

export const dynamic = "force-dynamic";

function answerFor(created: CreatedClaim) {
  return { id: created.id, reference: created.reference, claimant: { reference: created.claimant.reference } };
}

export const POST = withApiToken(async (request, { token }) => {
  const now = new Date();
  return idempotentPost({
    db: prisma,
    request,
    apiTokenId: token.id,
    route: "POST /api/claims",
    validate: (body) => {
      const parsed = parseClaimIntake(intakeToday(now), body);
      return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: intakeErrors(parsed.error) };
    },
    perform: (intake, remember) =>
      createClaim({
        db: prisma,
        key: bankDetailsKey(),
        lookupKey: bankLookupKey(),
        intake,
        source: "API",
        actor: { system: `API token "${token.name}"` },
        now,
        inSameTransaction: (tx, created) => remember(tx, answerFor(created)),
      }).then(answerFor),
  });
});
