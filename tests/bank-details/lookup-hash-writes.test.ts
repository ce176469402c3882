// Every write of a bank-details ciphertext keeps its lookup hash beside it
// (docs/security.md#a-checker-who-can-check): the intake API, a caseworker's key-in, each way a change is
// proposed (claim page, the claimant's response by API or by phone, a plan manager, an enrolment), the
// approval that makes a change the person's details, and the bank run's file lines.
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { decideBankDetailsChange } from "@/lib/bank-details/decide-bank-details-change";
import { bankLookupHash } from "@/lib/bank-details/lookup-hash";
import { createClaim } from "@/lib/claims/create-claim";
import { claimIntakeSchema } from "@/lib/claims/intake/claim-intake-schema";
import { validBody } from "@/lib/claims/intake/test-fixtures";
import { proposeBankDetailsForClaim } from "@/lib/claims/propose-bank-details-for-claim";
import { recordResponse } from "@/lib/claims/record-response";
import { proposeBeneficiaryBankDetails } from "@/lib/plans/enrolments/beneficiary-bank-details";
import { apiRequest, bankKey, loadApiRoutes } from "../api/api-test-support";
import { BANK_FIELDS, dateFields, enrol, NEW_PERSON, planManager, reader } from "../plans/enrolments-support";
import { approvedBankPayment, run, useTempStore } from "../runs/run-test-support";
import { TEST_LOOKUP_KEY } from "../support/lookup-key";
import { makeCycle } from "../support/make-cycle-payment";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const { db, url } = useTestDatabase();
const store = useTempStore();
const key = bankKey();
const hashOf = (details: { sortCode: string; accountNumber: string }) => bankLookupHash(details, TEST_LOOKUP_KEY);
const NEW_DETAILS = { nameOnAccount: "Ada Lovelace", sortCode: "089999", accountNumber: "66374958", rollNumber: "" };

let routes: Awaited<ReturnType<typeof loadApiRoutes>>;
let token: string;
let caseworker: { id: string; email: string; name: string };
let checker: { id: string; email: string; name: string };

beforeAll(async () => {
  routes = await loadApiRoutes(url());
  const admin = await makeUser(db(), { role: "ADMIN" });
  ({ token } = await createApiToken({ db: db(), actor: { id: admin.id, email: admin.email }, name: "Online service" }));
  const maker = await makeUser(db(), { role: "CASEWORKER", name: "Maker" });
  const second = await makeUser(db(), { role: "CASEWORKER", name: "Checker" });
  caseworker = { id: maker.id, email: maker.email, name: maker.name };
  checker = { id: second.id, email: second.email, name: second.name };
});

async function keyedInClaim() {
  return createClaim({
    db: db(),
    key,
    lookupKey: TEST_LOOKUP_KEY,
    intake: claimIntakeSchema("2026-11-22").parse(validBody()),
    source: "ASSISTED_DIGITAL",
    actor: caseworker,
    keyedInById: caseworker.id,
    now: new Date(),
  });
}

async function pendingChangeOf(claimId: string) {
  const { claimantId } = await db().claim.findUniqueOrThrow({ where: { id: claimId } });
  return db().bankDetailChange.findFirstOrThrow({ where: { claimantId, status: "PENDING" } });
}

describe("the lookup hash is written beside every ciphertext", () => {
  it("by the intake API (its key from BANK_DETAILS_LOOKUP_KEY) and by a caseworker's key-in", async () => {
    const response = await routes.postClaim(apiRequest("/api/claims", { token, body: validBody() }));
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const intake = await db().claim.findUniqueOrThrow({
      where: { id },
      include: { claimant: { include: { bankDetails: true } } },
    });
    expect(intake.claimant.bankDetails?.lookupHash).toBe(hashOf(validBody().bankDetails));

    const keyed = await keyedInClaim();
    const keyedIn = await db().claim.findUniqueOrThrow({
      where: { id: keyed.id },
      include: { claimant: { include: { bankDetails: true } } },
    });
    expect(keyedIn.claimant.bankDetails?.lookupHash).toBe(hashOf({ sortCode: "200000", accountNumber: "55779911" }));
  });

  it("on a change proposed from the claim page, and on the details its approval makes the claimant's", async () => {
    const claim = await keyedInClaim();
    const { sameAccount } = await proposeBankDetailsForClaim({
      db: db(),
      key,
      lookupKey: TEST_LOOKUP_KEY,
      reference: claim.reference,
      fields: NEW_DETAILS,
      actor: caseworker,
    });
    expect(sameAccount).toEqual([]);
    const change = await pendingChangeOf(claim.id);
    expect(change.lookupHash).toBe(hashOf(NEW_DETAILS));

    await decideBankDetailsChange({ db: db(), key, changeId: change.id, approve: true, actor: checker, now: new Date() });
    const details = await db().bankDetails.findUniqueOrThrow({ where: { claimantId: change.claimantId } });
    expect(details.lookupHash).toBe(hashOf(NEW_DETAILS));
  });

  it("on new details sent with the claimant's response, through the API or recorded by a caseworker", async () => {
    for (const through of ["API", "PHONE"] as const) {
      const claim = await keyedInClaim();
      await db().claim.update({
        where: { id: claim.id },
        data: { status: "INFORMATION_REQUESTED", informationRequestKind: "BANK_DETAILS" },
      });
      if (through === "API") {
        const response = await routes.postResponse(
          claim.reference,
          apiRequest(`/api/claims/${claim.reference}/responses`, {
            token,
            body: { message: "New account", bankDetails: NEW_DETAILS },
          }),
        );
        expect(response.status).toBe(201);
      } else {
        await recordResponse({
          db: db(),
          key,
          lookupKey: TEST_LOOKUP_KEY,
          reference: claim.reference,
          message: "Rang with a new account",
          bankDetails: { ...NEW_DETAILS, rollNumber: null },
          actor: caseworker,
          actorId: caseworker.id,
        });
      }
      expect((await pendingChangeOf(claim.id)).lookupHash).toBe(hashOf(NEW_DETAILS));
    }
  });

  it("on a beneficiary's details entered at enrolment or proposed later by a plan manager", async () => {
    const maker = await planManager(db());
    const cycle = await makeCycle(db(), { status: "APPROVED", createdById: maker.id });
    const planCode = cycle.benefitPlan.code;
    const { reference } = await enrol(db(), key, {
      planCode,
      actor: maker,
      fields: { ...NEW_PERSON, paymentMethod: "BANK", ...BANK_FIELDS, ...dateFields("enrolledFrom", "2026-01-01") },
    });
    const person = await db().claimant.findUniqueOrThrow({ where: { reference } });
    const atEnrolment = await db().bankDetailChange.findFirstOrThrow({ where: { claimantId: person.id, status: "PENDING" } });
    expect(atEnrolment.lookupHash).toBe(hashOf(BANK_FIELDS));

    await proposeBeneficiaryBankDetails({
      db: db(),
      key,
      lookupKey: TEST_LOOKUP_KEY,
      planCode,
      personReference: reference,
      read: reader({ nameOnAccount: "A Lovelace", sortCode: "08-99-99", accountNumber: "66374958" }),
      actor: maker,
      now: new Date(),
    });
    const later = await db().bankDetailChange.findFirstOrThrow({ where: { claimantId: person.id, status: "PENDING" } });
    expect(later.lookupHash).toBe(hashOf(NEW_DETAILS));
  });

  it("on the bank run's file lines, copied from the details each line pays to", async () => {
    const hashed = await approvedBankPayment(db());
    const hash = bankLookupHash({ sortCode: "200000", accountNumber: "55779911" }, TEST_LOOKUP_KEY);
    await db().bankDetails.update({ where: { claimantId: hashed.claimant.id }, data: { lookupHash: hash } });
    // A row from before the hash existed: its line has none either, until the backfill.
    const unhashed = await approvedBankPayment(db());

    const result = await run(db(), store());
    expect(result.status).toBe("SUCCEEDED");
    const lines = await db().fileLine.findMany({ where: { paymentId: { in: [hashed.payment.id, unhashed.payment.id] } } });
    const byPayment = new Map(lines.map((l) => [l.paymentId, l.bankLookupHash]));
    expect(byPayment.get(hashed.payment.id)).toBe(hash);
    expect(byPayment.get(unhashed.payment.id)).toBeNull();
  });
});
