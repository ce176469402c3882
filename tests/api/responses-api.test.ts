import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { createClaim } from "@/lib/claims/create-claim";
import { claimIntakeSchema } from "@/lib/claims/intake/claim-intake-schema";
import { MODULUS_FAILURE_MESSAGE } from "@/lib/claims/intake/bank-details-schema";
import { MODULUS_FAILING, validBody } from "@/lib/claims/intake/test-fixtures";
import { decryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import type { ClaimStatus, InformationRequestKind, PaymentStatus } from "@/lib/generated/prisma/enums";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { apiRequest, bankKey, loadApiRoutes, newIdempotencyKey, rowCounts } from "./api-test-support";
import { TEST_LOOKUP_KEY } from "../support/lookup-key";

const { db, url } = useTestDatabase();
let postResponse: Awaited<ReturnType<typeof loadApiRoutes>>["postResponse"];
let token: string;

beforeAll(async () => {
  ({ postResponse } = await loadApiRoutes(url()));
  const admin = await makeUser(db(), { role: "ADMIN" });
  ({ token } = await createApiToken({ db: db(), actor: { id: admin.id, email: admin.email }, name: "Online service" }));
});

const NEW_BANK_DETAILS = { nameOnAccount: "Ada Lovelace", sortCode: "08-99-99", accountNumber: "66374958", rollNumber: null };

/** A claim in the given state, with one bank payment in the given status when asked. */
async function claimIn(status: ClaimStatus, options: { requestKind?: InformationRequestKind; payment?: PaymentStatus } = {}) {
  const intake = claimIntakeSchema("2026-11-22").parse(validBody());
  const { id, reference } = await createClaim({
    db: db(),
    key: bankKey(),
    lookupKey: TEST_LOOKUP_KEY,
    intake,
    source: "API",
    actor: { system: "test" },
    now: new Date(),
  });
  const { claimantId } = await db().claim.update({
    where: { id },
    data: { status, informationRequestKind: status === "INFORMATION_REQUESTED" ? (options.requestKind ?? "GENERAL") : null },
  });
  if (options.payment) {
    await db().payment.create({
      data: {
        reference: `${reference}-01`,
        personId: claimantId,
        claimId: id,
        method: "BANK",
        amountPence: 1240,
        status: options.payment,
      },
    });
  }
  return { id, reference };
}

const post = (reference: string, body: unknown, options: { idempotencyKey?: string; token?: string | null } = {}) =>
  postResponse(reference, apiRequest(`/api/claims/${reference}/responses`, { token, ...options, body }));

describe("POST /api/claims/<reference>/responses", () => {
  it("records the response: 201, the claim UPDATED with its version bumped, a timeline event and an audit entry", async () => {
    const claim = await claimIn("INFORMATION_REQUESTED");
    const response = await post(claim.reference, { message: "My ticket is attached to the email I sent." });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ reference: claim.reference, status: "UPDATED" });

    const after = await db().claim.findUniqueOrThrow({
      where: { id: claim.id },
      include: { events: { orderBy: { at: "asc" } } },
    });
    expect(after).toMatchObject({ status: "UPDATED", version: 1, informationRequestKind: null });
    const event = after.events.find((e) => e.kind === "claim.response-received")!;
    expect(event).toMatchObject({ actorId: null, summary: "Claimant's response received through the online service" });
    expect(event.detail).toEqual({ message: "My ticket is attached to the email I sent." });
    const [audit] = await db().auditLog.findMany({ where: { entityId: claim.id, action: "claim.response-recorded" } });
    expect(audit).toMatchObject({ actorId: null, actorLabel: 'API token "Online service"' });
    expect(audit.after).toMatchObject({ status: "UPDATED", bankDetailsChangeId: null });
    expect(await db().bankDetailChange.count({ where: { claimant: { claims: { some: { id: claim.id } } } } })).toBe(0);
  });

  it("new bank details become a PENDING change and hold the claimant's NEW bank payments", async () => {
    const claim = await claimIn("INFORMATION_REQUESTED", { requestKind: "BANK_DETAILS", payment: "NEW" });
    const response = await post(claim.reference, { message: "New account details below.", bankDetails: NEW_BANK_DETAILS });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ reference: claim.reference, status: "UPDATED" });

    const after = await db().claim.findUniqueOrThrow({
      where: { id: claim.id },
      include: { payments: true, events: true, claimant: { include: { bankDetailChanges: true, bankDetails: true } } },
    });
    expect(after.status).toBe("UPDATED");
    expect(after.claimant.bankDetailChanges).toHaveLength(1);
    const change = after.claimant.bankDetailChanges[0];
    expect(change).toMatchObject({ status: "PENDING", proposedById: null });
    expect(change.ciphertext).not.toContain("66374958");
    expect(decryptBankDetails(change.ciphertext, bankKey())).toEqual({ ...NEW_BANK_DETAILS, sortCode: "089999" });
    // The approved details stay as they were until a second caseworker approves the change.
    expect(decryptBankDetails(after.claimant.bankDetails!.ciphertext, bankKey()).accountNumber).toBe("55779911");
    expect(after.payments[0]).toMatchObject({ status: "NEW", holdReason: "BANK_DETAILS_CHANGE_PENDING" });
    expect(after.needsAttention).toBe(true);
    expect(after.events.find((e) => e.kind === "bank-details.proposed")?.summary).toBe(
      "New bank details (account *****958) await approval by a second caseworker",
    );
    const audit = await db().auditLog.findMany({ where: { OR: [{ entityId: claim.id }, { entityId: after.claimantId }] } });
    expect(audit.map((a) => a.action).sort()).toEqual(["bank-details.proposed", "claim.created", "claim.response-recorded"]);
    expect(JSON.stringify(audit.map((a) => a.after))).not.toContain("66374958");
  });

  it("a claim asked for new bank details after its payment failed stays waiting for the caseworker to reissue", async () => {
    const claim = await claimIn("INFORMATION_REQUESTED", { requestKind: "BANK_DETAILS", payment: "FAILED" });
    const response = await post(claim.reference, { message: "Here are my new details.", bankDetails: NEW_BANK_DETAILS });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ reference: claim.reference, status: "INFORMATION_REQUESTED" });
    const after = await db().claim.findUniqueOrThrow({
      where: { id: claim.id },
      include: { claimant: { include: { bankDetailChanges: true } } },
    });
    expect(after).toMatchObject({ status: "INFORMATION_REQUESTED", informationRequestKind: "BANK_DETAILS", version: 1 });
    expect(after.claimant.bankDetailChanges.map((c) => c.status)).toEqual(["PENDING"]);
  });

  it.each(["NEW", "UPDATED", "APPROVED", "REJECTED"] as const)(
    "answers 409 for a %s claim and writes nothing",
    async (status) => {
      const claim = await claimIn(status);
      const before = await rowCounts(db());
      const response = await post(claim.reference, { message: "Hello", bankDetails: NEW_BANK_DETAILS });
      expect(response.status).toBe(409);
      expect(await response.json()).toEqual({ error: "This claim is not waiting for information from the claimant" });
      expect(await rowCounts(db())).toEqual(before);
      expect((await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).status).toBe(status);
    },
  );

  it("answers 404 for an unknown or malformed reference", async () => {
    const before = await rowCounts(db());
    const unknown = await post("ZZZZZZZ", { message: "Hello" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: "There is no claim with reference ZZZZZZZ" });
    expect((await post("not-a-ref", { message: "Hello" })).status).toBe(404);
    expect(await rowCounts(db())).toEqual(before);
  });

  it("answers 400 for an invalid body, including bank details failing the modulus check, and writes nothing", async () => {
    const claim = await claimIn("INFORMATION_REQUESTED");
    const before = await rowCounts(db());
    const empty = await post(claim.reference, { message: "  " });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toEqual({ errors: { message: ["Message is required"] } });
    const modulus = await post(claim.reference, { message: "Details", bankDetails: { ...NEW_BANK_DETAILS, ...MODULUS_FAILING } });
    expect(modulus.status).toBe(400);
    expect(await modulus.json()).toEqual({ errors: { "bankDetails.accountNumber": [MODULUS_FAILURE_MESSAGE] } });
    expect(await rowCounts(db())).toEqual(before);
    expect((await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).status).toBe("INFORMATION_REQUESTED");
  });

  it("answers 401 without a token and 400 without an Idempotency-Key", async () => {
    const claim = await claimIn("INFORMATION_REQUESTED");
    expect((await post(claim.reference, { message: "Hello" }, { token: null })).status).toBe(401);
    const noKey = await postResponse(
      claim.reference,
      apiRequest(`/api/claims/${claim.reference}/responses`, { token, idempotencyKey: null, body: { message: "Hello" } }),
    );
    expect(noKey.status).toBe(400);
    expect(Object.keys((await noKey.json()).errors)).toEqual(["Idempotency-Key"]);
    expect((await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).status).toBe("INFORMATION_REQUESTED");
  });

  it("replays the same key and body with 200, and refuses the same key with another body with 422", async () => {
    const claim = await claimIn("INFORMATION_REQUESTED");
    const key = newIdempotencyKey();
    expect((await post(claim.reference, { message: "Hello" }, { idempotencyKey: key })).status).toBe(201);
    const before = await rowCounts(db());
    const again = await post(claim.reference, { message: "Hello" }, { idempotencyKey: key });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ reference: claim.reference, status: "UPDATED" });
    expect((await post(claim.reference, { message: "Something else" }, { idempotencyKey: key })).status).toBe(422);
    expect(await rowCounts(db())).toEqual(before);
  });
});
