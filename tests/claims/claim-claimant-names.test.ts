// The claim list sorts and searches by the claimant's names on "Claim" itself: the triggers of
// migration 20261128100000_claim_list_at_scale copy them there and keep them in step, whatever
// writes the claim or renames the claimant.
import { beforeAll, describe, expect, it } from "vitest";
import { makeClaimReference } from "@/lib/references/claim-reference";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();

type Names = { claimantFirstName: string; claimantLastName: string };

async function namesOn(claimId: string): Promise<Names> {
  const [row] = await db().$queryRaw<Names[]>`
    SELECT "claimantFirstName", "claimantLastName" FROM "Claim" WHERE id = ${claimId}::uuid`;
  return row;
}

async function claimant(firstName: string, lastName: string) {
  return db().claimant.create({
    data: {
      firstName,
      lastName,
      dateOfBirth: new Date("1980-01-01"),
      addressLine1: "1 High Street",
      town: "Leeds",
      postcode: "LS1 1AA",
      country: "England",
      contactPreference: "LETTER",
    },
  });
}

const claimData = (claimantId: string) => ({
  reference: makeClaimReference(),
  claimantId,
  eventDate: new Date("2026-01-01"),
  paymentMethod: "BANK" as const,
  source: "API" as const,
});

let ada: { id: string };
let grace: { id: string };

beforeAll(async () => {
  ada = await claimant("Ada", "Lovelace");
  grace = await claimant("Grace", "Hopper");
});

describe("the claimant's names on Claim", () => {
  it("are copied when a claim is made, one by one or many at once", async () => {
    const one = await db().claim.create({ data: claimData(ada.id) });
    expect(await namesOn(one.id)).toEqual({ claimantFirstName: "Ada", claimantLastName: "Lovelace" });
    await db().claim.createMany({ data: [claimData(grace.id), claimData(grace.id)] });
    const rows = await db().$queryRaw<Names[]>`
      SELECT "claimantFirstName", "claimantLastName" FROM "Claim" WHERE "claimantId" = ${grace.id}::uuid`;
    expect(rows).toEqual([
      { claimantFirstName: "Grace", claimantLastName: "Hopper" },
      { claimantFirstName: "Grace", claimantLastName: "Hopper" },
    ]);
  });

  it("follow the claimant's rename, and a claim moved to another claimant", async () => {
    const claim = await db().claim.create({ data: claimData(ada.id) });
    await db().claimant.update({ where: { id: ada.id }, data: { lastName: "King", firstName: "Augusta Ada" } });
    expect(await namesOn(claim.id)).toEqual({ claimantFirstName: "Augusta Ada", claimantLastName: "King" });
    await db().claim.update({ where: { id: claim.id }, data: { claimantId: grace.id } });
    expect(await namesOn(claim.id)).toEqual({ claimantFirstName: "Grace", claimantLastName: "Hopper" });
  });

  it("cannot be written to anything else", async () => {
    const claim = await db().claim.create({ data: claimData(grace.id) });
    await db()
      .$executeRaw`UPDATE "Claim" SET "claimantLastName" = 'Someone', "claimantFirstName" = 'Else' WHERE id = ${claim.id}::uuid`;
    expect(await namesOn(claim.id)).toEqual({ claimantFirstName: "Grace", claimantLastName: "Hopper" });
    const id = crypto.randomUUID();
    await db().$executeRaw`
      INSERT INTO "Claim" (id, reference, "claimantId", "eventDate", "paymentMethod", source, "updatedAt", "claimantFirstName", "claimantLastName")
      VALUES (${id}::uuid, ${makeClaimReference()}, ${grace.id}::uuid, date '2026-01-01', 'CASH', 'API', now(), 'Some', 'One')`;
    expect(await namesOn(id)).toEqual({ claimantFirstName: "Grace", claimantLastName: "Hopper" });
  });

  it("leave a claim for a missing claimant to the foreign key", async () => {
    await expect(db().claim.create({ data: claimData(crypto.randomUUID()) })).rejects.toThrow(/foreign key/i);
  });
});
