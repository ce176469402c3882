import { beforeAll, describe, expect, it } from "vitest";
import { idempotentPost } from "@/lib/api/idempotent-post";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { requestFingerprint } from "@/lib/api/request-fingerprint";
import { MODULUS_FAILURE_MESSAGE } from "@/lib/claims/intake/bank-details-schema";
import { MODULUS_FAILING, validBody, type AnyBody } from "@/lib/claims/intake/test-fixtures";
import { intakeToday } from "@/lib/claims/intake-today";
import { decryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { apiRequest, bankKey, loadApiRoutes, newIdempotencyKey, rowCounts } from "./api-test-support";

const { db, url } = useTestDatabase();
let postClaim: Awaited<ReturnType<typeof loadApiRoutes>>["postClaim"];
let token: string;
let tokenId: string;

beforeAll(async () => {
  ({ postClaim } = await loadApiRoutes(url()));
  const admin = await makeUser(db(), { role: "ADMIN" });
  ({ token, id: tokenId } = await createApiToken({
    db: db(),
    actor: { id: admin.id, email: admin.email },
    name: "Online service",
  }));
});

const post = (options: Parameters<typeof apiRequest>[1]) => postClaim(apiRequest("/api/claims", { token, ...options }));

function withBody(change: (b: AnyBody) => void): AnyBody {
  const body = validBody();
  change(body);
  return body;
}

function tomorrow(): string {
  const d = new Date(`${intakeToday(new Date())}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

describe("POST /api/claims: a valid claim", () => {
  it("answers 201 {id, reference, claimant: {reference}} and writes the claim, claimant, lines, encrypted bank details, event and audit", async () => {
    const before = await rowCounts(db());
    const body = withBody((b) => {
      b.expenses.push({ type: "TAXI", description: "Station to hospital", amountPence: 850 });
    });
    const response = await post({ body });
    expect(response.status).toBe(201);
    const answer = await response.json();
    expect(Object.keys(answer).sort()).toEqual(["claimant", "id", "reference"]);
    expect(answer.reference).toMatch(/^[0-9A-HJKMNP-TV-Z]{7}$/);

    const claim = await db().claim.findUniqueOrThrow({
      where: { reference: answer.reference },
      include: { claimant: { include: { bankDetails: true } }, expenses: { orderBy: { lineNo: "asc" } }, events: true },
    });
    expect(claim).toMatchObject({
      id: answer.id,
      status: "NEW",
      source: "API",
      paymentMethod: "BANK",
      keyedInById: null,
      version: 0,
    });
    expect(claim.eventDate.toISOString().slice(0, 10)).toBe("2026-11-01");
    expect(claim.claimant).toMatchObject({
      firstName: "Ada",
      lastName: "Lovelace",
      email: "ada@example.com",
      phone: "07700900123",
      addressLine1: "1 High Street",
      addressLine2: null,
      town: "Leeds",
      county: "West Yorkshire",
      postcode: "LS1 1AA",
      country: "England",
      contactPreference: "EMAIL",
    });
    expect(claim.claimant.dateOfBirth.toISOString().slice(0, 10)).toBe("1985-12-10");
    expect(claim.expenses.map((l) => [l.lineNo, l.type, l.description, l.claimedPence])).toEqual([
      [1, "TRAIN", "Leeds to Wakefield return", 1240],
      [2, "TAXI", "Station to hospital", 850],
    ]);

    const ciphertext = claim.claimant.bankDetails!.ciphertext;
    expect(ciphertext).not.toContain("55779911");
    expect(ciphertext).not.toContain("200000");
    expect(decryptBankDetails(ciphertext, bankKey())).toEqual({
      nameOnAccount: "A Lovelace",
      sortCode: "200000",
      accountNumber: "55779911",
      rollNumber: null,
    });

    expect(claim.events).toHaveLength(1);
    expect(claim.events[0]).toMatchObject({
      kind: "claim.received",
      summary: "Claim received through the online service",
      actorId: null,
    });

    const audit = await db().auditLog.findMany({ where: { entityType: "Claim", entityId: claim.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "claim.created", actorId: null, actorLabel: 'API token "Online service"' });
    expect(audit[0].after).toMatchObject({
      reference: answer.reference,
      source: "API",
      bankAccount: "*****911",
      claimedPence: 2090,
    });
    expect(JSON.stringify(audit[0].after)).not.toContain("55779911");

    const after = await rowCounts(db());
    expect(after).toEqual({
      ...before,
      claimants: before.claimants + 1,
      bankDetails: before.bankDetails + 1,
      claims: before.claims + 1,
      expenseLines: before.expenseLines + 2,
      claimEvents: before.claimEvents + 1,
      auditLogs: before.auditLogs + 1,
      idempotencyKeys: before.idempotencyKeys + 1,
    });
    expect((await db().apiToken.findUniqueOrThrow({ where: { id: tokenId } })).lastUsedAt).not.toBeNull();
  });

  it("accepts CASH without bank details and stores none", async () => {
    const response = await post({
      body: withBody((b) => {
        b.paymentMethod = "CASH";
        delete b.bankDetails;
      }),
    });
    expect(response.status).toBe(201);
    const { reference } = await response.json();
    const claim = await db().claim.findUniqueOrThrow({
      where: { reference },
      include: { claimant: { include: { bankDetails: true } } },
    });
    expect(claim.paymentMethod).toBe("CASH");
    expect(claim.claimant.bankDetails).toBeNull();
  });
});

describe("POST /api/claims: invalid bodies answer 400 on the field and write nothing", () => {
  const cases: [string, (b: AnyBody) => void, string][] = [
    ["missing first name", (b) => delete b.claimant.firstName, "claimant.firstName"],
    ["a number for a name", (b) => (b.claimant.lastName = 42), "claimant.lastName"],
    ["an impossible date of birth", (b) => (b.claimant.dateOfBirth = "1985-02-30"), "claimant.dateOfBirth"],
    ["a future event date", (b) => (b.eventDate = tomorrow()), "eventDate"],
    ["an invalid postcode", (b) => (b.claimant.address.postcode = "NOT A POSTCODE"), "claimant.address.postcode"],
    ["an invalid email address", (b) => (b.claimant.email = "ada-at-example"), "claimant.email"],
    ["EMAIL preference without an email", (b) => (b.claimant.email = null), "claimant.email"],
    ["an unknown contact preference", (b) => (b.claimant.contactPreference = "FAX"), "claimant.contactPreference"],
    ["an unknown payment method", (b) => (b.paymentMethod = "CHEQUE"), "paymentMethod"],
    ["BANK without bank details", (b) => delete b.bankDetails, "bankDetails"],
    ["a 5-digit sort code", (b) => (b.bankDetails.sortCode = "20000"), "bankDetails.sortCode"],
    ["a 7-digit account number", (b) => (b.bankDetails.accountNumber = "5577991"), "bankDetails.accountNumber"],
    ["an unknown expense type", (b) => (b.expenses[0].type = "PLANE"), "expenses.0.type"],
    ["an amount of 0", (b) => (b.expenses[0].amountPence = 0), "expenses.0.amountPence"],
    ["an amount in pounds", (b) => (b.expenses[0].amountPence = 12.4), "expenses.0.amountPence"],
    ["no expenses", (b) => (b.expenses = []), "expenses"],
    [
      "21 expenses",
      (b) => (b.expenses = Array.from({ length: 21 }, () => ({ type: "BUS", description: "Bus", amountPence: 100 }))),
      "expenses",
    ],
    ["an unknown top-level field", (b) => (b.notes = "hello"), "body"],
  ];

  it.each(cases)("%s", async (_name, change, path) => {
    const before = await rowCounts(db());
    const response = await post({ body: withBody(change) });
    expect(response.status).toBe(400);
    const answer = await response.json();
    expect(Object.keys(answer)).toEqual(["errors"]);
    expect(Object.keys(answer.errors)).toEqual([path]);
    expect(answer.errors[path][0]).toEqual(expect.any(String));
    expect(await rowCounts(db())).toEqual(before);
  });

  it("bank details failing the modulus check are a 400 on bankDetails.accountNumber", async () => {
    const before = await rowCounts(db());
    const response = await post({ body: withBody((b) => Object.assign(b.bankDetails, MODULUS_FAILING)) });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: { "bankDetails.accountNumber": [MODULUS_FAILURE_MESSAGE] } });
    expect(await rowCounts(db())).toEqual(before);
  });

  it("a body that is not JSON, or not an object", async () => {
    const before = await rowCounts(db());
    const notJson = await post({ rawBody: "{ not json" });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ errors: { body: ["Request body must be valid JSON"] } });
    const list = await post({ body: [] });
    expect(list.status).toBe(400);
    expect(Object.keys((await list.json()).errors)).toEqual(["body"]);
    expect(await rowCounts(db())).toEqual(before);
  });
});

describe("POST /api/claims: authentication", () => {
  async function expect401(request: Request) {
    const before = await rowCounts(db());
    const response = await postClaim(request);
    expect(response.status).toBe(401);
    expect(response.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    const answer = await response.json();
    expect(Object.keys(answer)).toEqual(["error"]);
    expect(await rowCounts(db())).toEqual(before);
  }

  it("refuses a request without a token", async () => {
    await expect401(apiRequest("/api/claims", { token: null, body: validBody() }));
  });

  it("refuses a malformed Authorization header", async () => {
    await expect401(apiRequest("/api/claims", { authorization: "Basic dXNlcjpwYXNz", body: validBody() }));
    await expect401(apiRequest("/api/claims", { authorization: `Bearer ${token}x`, body: validBody() }));
  });

  it("refuses an unknown token", async () => {
    const other = `dsb_${"A".repeat(43)}`;
    await expect401(apiRequest("/api/claims", { token: other, body: validBody() }));
  });

  it("refuses a revoked token", async () => {
    const admin = await makeUser(db(), { role: "ADMIN" });
    const actor = { id: admin.id, email: admin.email };
    const revoked = await createApiToken({ db: db(), actor, name: "Old integration" });
    expect((await postClaim(apiRequest("/api/claims", { token: revoked.token, body: validBody() }))).status).toBe(201);
    await revokeApiToken({ db: db(), actor, tokenId: revoked.id, now: new Date() });
    await expect401(apiRequest("/api/claims", { token: revoked.token, body: validBody() }));
  });
});

describe("POST /api/claims: Idempotency-Key", () => {
  it("is required", async () => {
    const before = await rowCounts(db());
    const response = await post({ idempotencyKey: null, body: validBody() });
    expect(response.status).toBe(400);
    const answer = await response.json();
    expect(Object.keys(answer.errors)).toEqual(["Idempotency-Key"]);
    expect(answer.errors["Idempotency-Key"][0]).toMatch(/required/);
    expect(await rowCounts(db())).toEqual(before);
  });

  it("must be 100 characters or fewer", async () => {
    expect((await post({ idempotencyKey: "k".repeat(101), body: validBody() })).status).toBe(400);
    expect((await post({ idempotencyKey: "k".repeat(100), body: validBody() })).status).toBe(201);
  });

  it("the same key and body again answers 200 with the same answer and makes no second claim", async () => {
    const key = newIdempotencyKey();
    const first = await post({ idempotencyKey: key, body: validBody() });
    expect(first.status).toBe(201);
    const answer = await first.json();
    const before = await rowCounts(db());

    // Key order does not change the body's meaning, so it replays too.
    const { expenses, paymentMethod, bankDetails, eventDate, claimant } = validBody();
    const again = await post({ idempotencyKey: key, body: { expenses, paymentMethod, bankDetails, eventDate, claimant } });
    expect(again.status).toBe(200);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await again.json()).toEqual(answer);
    expect(await rowCounts(db())).toEqual(before);
    expect(await db().claim.count({ where: { reference: answer.reference } })).toBe(1);
  });

  it("the same key with a different body answers 422 and writes nothing", async () => {
    const key = newIdempotencyKey();
    expect((await post({ idempotencyKey: key, body: validBody() })).status).toBe(201);
    const before = await rowCounts(db());
    const response = await post({ idempotencyKey: key, body: withBody((b) => (b.expenses[0].amountPence = 9999)) });
    expect(response.status).toBe(422);
    expect(Object.keys(await response.json())).toEqual(["error"]);
    expect(await rowCounts(db())).toEqual(before);
  });

  it("a key that was answered 400 can be used again once the body is fixed", async () => {
    const key = newIdempotencyKey();
    expect((await post({ idempotencyKey: key, body: withBody((b) => delete b.claimant.firstName) })).status).toBe(400);
    expect((await post({ idempotencyKey: key, body: validBody() })).status).toBe(201);
  });

  it("keys belong to one token: another token may use the same key", async () => {
    const admin = await makeUser(db(), { role: "ADMIN" });
    const other = await createApiToken({ db: db(), actor: { id: admin.id, email: admin.email }, name: "Second service" });
    const key = newIdempotencyKey();
    expect((await post({ idempotencyKey: key, body: validBody() })).status).toBe(201);
    expect(
      (await postClaim(apiRequest("/api/claims", { token: other.token, idempotencyKey: key, body: validBody() }))).status,
    ).toBe(201);
  });

  it("two identical requests at once make one claim: one 201, one replay", async () => {
    const key = newIdempotencyKey();
    const before = await rowCounts(db());
    const responses = await Promise.all([
      post({ idempotencyKey: key, body: validBody() }),
      post({ idempotencyKey: key, body: validBody() }),
    ]);
    expect(responses.map((r) => r.status).sort()).toEqual([200, 201]);
    const [a, b] = await Promise.all(responses.map((r) => r.json()));
    expect(a).toEqual(b);
    const after = await rowCounts(db());
    expect(after.claims).toBe(before.claims + 1);
    expect(after.claimants).toBe(before.claimants + 1);
    expect(after.idempotencyKeys).toBe(before.idempotencyKeys + 1);
  });

  it("a request that loses the race to store its key rolls back and answers as a replay", async () => {
    const key = newIdempotencyKey();
    const route = "POST /api/test-race";
    const body = { hello: "world" };
    const before = await rowCounts(db());
    const response = await idempotentPost({
      db: db(),
      request: apiRequest("/api/test-race", { token, idempotencyKey: key, body }),
      apiTokenId: tokenId,
      route,
      validate: (value) => ({ ok: true, value }),
      perform: (_value, remember) =>
        db().$transaction(async (tx) => {
          await tx.claimEvent.count();
          // Another request with the same key and body commits first.
          await db().idempotencyKey.create({
            data: {
              apiTokenId: tokenId,
              route,
              key,
              requestSha256: requestFingerprint(body),
              responseStatus: 201,
              responseBody: { winner: true },
            },
          });
          await remember(tx, { winner: false });
          return { winner: false };
        }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ winner: true });
    expect((await rowCounts(db())).idempotencyKeys).toBe(before.idempotencyKeys + 1);
  });
});
