// POST /api/claims/<reference>/responses: the online service sends the claimant's answer to a
// request for information, {message, bankDetails?}. Bearer API token; Idempotency-Key required.
// 201 {reference, status} with the claim UPDATED (new bank details become a pending change for
// a second caseworker); 404 unknown reference; 409 when the claim is not waiting for
// information; 400 invalid body; 401 bad token; replay and 422 as for POST /api/claims.
import { idempotentPost } from "@/lib/api/idempotent-post";
import { apiError } from "@/lib/api/json-response";
import { withApiToken } from "@/lib/api/with-api-token";
import { isClaimReference } from "@/lib/references/claim-reference";
import { claimResponseSchema } from "@/lib/claims/intake/claim-response-schema";
import { intakeErrors } from "@/lib/claims/intake/intake-errors";
import { recordResponse } from "@/lib/claims/record-response";
import { bankLookupKey } from "@/lib/bank-details/lookup-key";
import { bankDetailsKey } from "@/lib/crypto/bank-details-key";
import { prisma } from "@/lib/db";

export const dynamic = "force-dynamic";

export const POST = withApiToken<{ reference: string }>(async (request, { token, params }) => {
  const reference = params.reference.toUpperCase();
  if (!isClaimReference(reference)) return apiError(`There is no claim with reference ${params.reference}`, 404);
  return idempotentPost({
    db: prisma,
    request,
    apiTokenId: token.id,
    route: `POST /api/claims/${reference}/responses`,
    validate: (body) => {
      const parsed = claimResponseSchema.safeParse(body);
      return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: intakeErrors(parsed.error) };
    },
    perform: (response, remember) =>
      recordResponse({
        db: prisma,
        key: bankDetailsKey(),
        lookupKey: bankLookupKey(),
        reference,
        message: response.message,
        bankDetails: response.bankDetails,
        actor: { system: `API token "${token.name}"` },
        actorId: null,
        inSameTransaction: (tx, recorded) => remember(tx, { reference: recorded.reference, status: recorded.status }),
      }).then((recorded) => ({ reference: recorded.reference, status: recorded.status })),
  });
});
