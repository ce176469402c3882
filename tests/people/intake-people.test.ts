// The intake API and people (docs/people.md): a claim for a known person by reference, an unknown
// reference refused, visit details stored, and a possible match flagged but never linked.
import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { validBody, type AnyBody } from "@/lib/claims/intake/test-fixtures";
import { mergePeople } from "@/lib/people/merge-people";
import { apiRequest, loadApiRoutes, newIdempotencyKey, rowCounts } from "../api/api-test-support";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const { db, url } = useTestDatabase();
let postClaim: Awaited<ReturnType<typeof loadApiRoutes>>["postClaim"];
let token: string;

beforeAll(async () => {
  ({ postClaim } = await loadApiRoutes(url()));
  const admin = await makeUser(db(), { role: "ADMIN" });
  ({ token } = await createApiToken({ db: db(), actor: { id: admin.id, email: admin.email }, name: "Online service" }));
});

const post = (body: unknown, idempotencyKey?: string) => postClaim(apiRequest("/api/claims", { token, body, idempotencyKey }));

let personCounter = 0;
/** A claimant no other test in this file shares (a fresh date of birth), so matches are only the ones a test makes. */
function newPerson(change: (b: AnyBody) => void = () => {}): AnyBody {
  const body = validBody();
  personCounter += 1;
  body.claimant.dateOfBirth = `1970-01-${String(personCounter).padStart(2, "0")}`;
  change(body);
  return body;
}

async function created(response: Response) {
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; reference: string; claimant: { reference: string } };
}

describe("POST /api/claims: people", () => {
  it("answers the person's reference with every new claim", async () => {
    const answer = await created(await post(newPerson()));
    expect(Object.keys(answer).sort()).toEqual(["claimant", "id", "reference"]);
    const claim = await db().claim.findUniqueOrThrow({ where: { id: answer.id }, include: { claimant: true } });
    expect(answer.claimant).toEqual({ reference: claim.claimant.reference });
    expect(answer.claimant.reference).toMatch(/^[0-9A-HJKMNP-TV-Z]{7}$/);
  });

  it("files a claim for a known person by reference, without touching their stored details", async () => {
    const first = await created(await post(newPerson()));
    const before = await rowCounts(db());
    const second = await created(
      await post({
        claimant: { reference: first.claimant.reference.toLowerCase(), firstName: "Augusta", lastName: "King" },
        eventDate: "2026-11-02",
        paymentMethod: "BANK",
        expenses: [{ type: "BUS", description: "Bus", amountPence: 300 }],
      }),
    );
    expect(second.claimant).toEqual(first.claimant);
    const [a, b] = await Promise.all(
      [first.id, second.id].map((id) => db().claim.findUniqueOrThrow({ where: { id }, include: { claimant: true } })),
    );
    expect(b.claimantId).toBe(a.claimantId);
    expect(b.possibleMatchId).toBeNull();
    expect(b.claimant).toMatchObject({ firstName: "Ada", lastName: "Lovelace" });
    const after = await rowCounts(db());
    expect(after.claimants).toBe(before.claimants);
    expect(after.bankDetailChanges).toBe(before.bankDetailChanges);
    const audit = await db().auditLog.findFirstOrThrow({ where: { entityId: second.id, action: "claim.created" } });
    expect(audit.after).toMatchObject({ claimantId: a.claimantId, knownPerson: true, possibleMatchId: null });
  });

  it("turns different bank details sent for a known person into a pending change, not new details", async () => {
    const first = await created(await post(newPerson()));
    const other = { nameOnAccount: "A King", sortCode: "089999", accountNumber: "66374958", rollNumber: null };
    const second = await created(
      await post({ ...newPerson(), claimant: { reference: first.claimant.reference }, bankDetails: other }),
    );
    const claim = await db().claim.findUniqueOrThrow({ where: { id: second.id } });
    const changes = await db().bankDetailChange.findMany({ where: { claimantId: claim.claimantId } });
    expect(changes).toEqual([expect.objectContaining({ status: "PENDING", proposedById: null })]);
    // The same details again are no change.
    await created(await post({ ...newPerson(), claimant: { reference: first.claimant.reference } }));
    expect(await db().bankDetailChange.count({ where: { claimantId: claim.claimantId } })).toBe(1);
  });

  it("refuses an unknown reference with a 400 on claimant.reference, writing nothing", async () => {
    const before = await rowCounts(db());
    const response = await post({ ...newPerson(), claimant: { reference: "ZZZZZZZ" } });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ errors: { "claimant.reference": ["There is no person with reference ZZZZZZZ"] } });
    expect(await rowCounts(db())).toEqual(before);
  });

  it("refuses a BANK claim for a known person with no bank details on record and none sent", async () => {
    const first = await created(await post(newPerson((b) => ((b.paymentMethod = "CASH"), delete b.bankDetails))));
    const response = await post({ ...newPerson(), claimant: { reference: first.claimant.reference }, bankDetails: null });
    expect(response.status).toBe(400);
    expect((await response.json()).errors).toEqual({
      bankDetails: ["Bank details are required when the payment method is BANK and the person has none on record"],
    });
  });

  it("stores the visit details, the prisoner number upper-cased without spaces", async () => {
    const event = {
      prison: "HMP Leeds",
      prisonerNumber: "a1234 bc",
      relationship: "Partner",
      visitAt: "2026-11-01T14:30:00+01:00",
    };
    const answer = await created(await post(newPerson((b) => (b.event = event))));
    expect(await db().claimVisit.findUniqueOrThrow({ where: { claimId: answer.id } })).toEqual({
      claimId: answer.id,
      prison: "HMP Leeds",
      prisonerNumber: "A1234BC",
      relationship: "Partner",
      visitAt: new Date("2026-11-01T13:30:00Z"),
    });
    const none = await created(await post(newPerson()));
    expect(await db().claimVisit.count({ where: { claimId: none.id } })).toBe(0);
  });

  it("flags the oldest matching person as a possible match, and never links them", async () => {
    const dob = "1966-06-06";
    const oldest = await created(
      await post(newPerson((b) => ((b.claimant.dateOfBirth = dob), (b.claimant.lastName = "D'Souza")))),
    );
    await created(await post(newPerson((b) => ((b.claimant.dateOfBirth = dob), (b.claimant.lastName = "D’SOUZA")))));
    const before = await rowCounts(db());
    const newest = await created(
      await post(
        newPerson((b) => {
          b.claimant.dateOfBirth = dob;
          b.claimant.lastName = "d souza";
          b.claimant.firstName = "Anne-Marie";
          b.claimant.address.postcode = "ls11aa";
        }),
      ),
    );
    const [first, claim] = await Promise.all(
      [oldest.id, newest.id].map((id) => db().claim.findUniqueOrThrow({ where: { id }, include: { events: true } })),
    );
    expect(claim.possibleMatchId).toBe(first.claimantId);
    expect(claim.claimantId).not.toBe(first.claimantId);
    expect((await rowCounts(db())).claimants).toBe(before.claimants + 1);
    expect(newest.claimant.reference).not.toBe(oldest.claimant.reference);
    expect(claim.events.map((e) => e.kind).sort()).toEqual(["claim.received", "person.possible-match"]);
    expect(claim.events.find((e) => e.kind === "person.possible-match")?.summary).toBe(
      `Possible match with person ${oldest.claimant.reference}: same date of birth, last name and postcode. Not linked: a caseworker decides.`,
    );
  });

  it("flags nothing when the date of birth, last name or postcode differs", async () => {
    const dob = "1967-07-07";
    await created(await post(newPerson((b) => (b.claimant.dateOfBirth = dob))));
    for (const change of [
      (b: AnyBody) => (b.claimant.dateOfBirth = "1967-07-08"),
      (b: AnyBody) => ((b.claimant.dateOfBirth = dob), (b.claimant.lastName = "Lovelock")),
      (b: AnyBody) => ((b.claimant.dateOfBirth = dob), (b.claimant.address.postcode = "LS1 1AB")),
    ]) {
      const answer = await created(await post(newPerson(change)));
      expect((await db().claim.findUniqueOrThrow({ where: { id: answer.id } })).possibleMatchId).toBeNull();
    }
  });

  it("files for the surviving person when the reference sent is of a record merged into it", async () => {
    const survivor = await created(await post(newPerson()));
    const merged = await created(await post(newPerson()));
    const [s, m] = await Promise.all([survivor.id, merged.id].map((id) => db().claim.findUniqueOrThrow({ where: { id } })));
    const caseworker = await makeUser(db(), { role: "CASEWORKER" });
    await mergePeople({ db: db(), survivorId: s.claimantId, mergedId: m.claimantId, actor: caseworker, now: new Date() });
    const answer = await created(await post({ ...newPerson(), claimant: { reference: merged.claimant.reference } }));
    expect(answer.claimant).toEqual(survivor.claimant);
    expect((await db().claim.findUniqueOrThrow({ where: { id: answer.id } })).claimantId).toBe(s.claimantId);
  });

  it("replays the same answer, claimant reference included, for the same key and body", async () => {
    const key = newIdempotencyKey();
    const body = newPerson();
    const first = await created(await post(body, key));
    const again = await post(body, key);
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(first);
  });
});
