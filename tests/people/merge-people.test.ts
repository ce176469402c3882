// Linking two records of one person (docs/people.md#linking-records): everything that points at
// the merged record moves to the survivor in one transaction, audited; refusals change nothing.
import { describe, expect, it } from "vitest";
import { mergePeople } from "@/lib/people/merge-people";
import { dismissPossibleMatch, linkPossibleMatch } from "@/lib/people/possible-match";
import { makeClaim } from "../support/make-claim";
import { useTestDatabase } from "../support/test-db";
import { caseworker, claimWithPayment, key, markSent } from "./people-support";

const { db } = useTestDatabase();

async function plan(code: string, createdById: string) {
  return db().benefitPlan.create({ data: { code, name: `Plan ${code}`, createdById } });
}

async function enrol(personId: string, benefitPlanId: string, createdById: string) {
  return db().enrolment.create({
    data: { personId, benefitPlanId, paymentMethod: "BANK", enrolledFrom: new Date("2026-01-01"), createdById },
  });
}

describe("mergePeople", () => {
  it("moves every row of the merged record to the survivor in one transaction, audited with both ids and counts", async () => {
    const actor = await caseworker(db(), "Linda Linker");
    const survivor = await claimWithPayment(db());
    const merged = await claimWithPayment(db());
    await markSent(db(), merged.payment.id);
    const { claim: secondClaim } = await makeClaim(db(), key);
    await db().claim.update({ where: { id: secondClaim.id }, data: { claimantId: merged.claimant.id } });
    // Anyone's claim whose flag names the merged record.
    const { claim: flagged } = await makeClaim(db(), key);
    await db().claim.update({ where: { id: flagged.id }, data: { possibleMatchId: merged.claimant.id } });
    const oldPlan = await plan("MERGE-A", actor.id);
    await enrol(merged.claimant.id, oldPlan.id, actor.id);
    await db().notification.create({
      data: {
        claimantId: merged.claimant.id,
        channel: "EMAIL",
        template: "t",
        recipient: "ada@example.com",
        personalisation: {},
      },
    });
    await db().bankDetailChange.create({ data: { claimantId: merged.claimant.id, ciphertext: "x", status: "REJECTED" } });
    await db().personDetailsChange.create({
      data: {
        claimantId: merged.claimant.id,
        status: "APPROVED",
        firstName: "Ada",
        lastName: "Lovelace",
        addressLine1: "1 High Street",
        town: "Leeds",
        postcode: "LS1 1AA",
        country: "England",
        proposedById: actor.id,
      },
    });
    // The approval's message to the claimant is one of them.
    const notifications = await db().notification.count({ where: { claimantId: merged.claimant.id } });
    expect(notifications).toBe(2);
    const earlier = await db().claimant.create({
      data: { ...pickPerson(merged.claimant), mergedIntoId: merged.claimant.id },
    });

    const moved = await mergePeople({
      db: db(),
      survivorId: survivor.claimant.id,
      mergedId: merged.claimant.id,
      actor,
      now: new Date("2026-11-28T10:00:00Z"),
    });
    expect(moved).toEqual({
      claims: 2,
      enrolments: 1,
      payments: 1,
      notifications: 2,
      bankDetailChanges: 1,
      personDetailsChanges: 1,
      uploadRows: 0,
      earlierMerges: 1,
      possibleMatchFlagsCleared: 1,
    });

    const m = merged.claimant.id;
    const s = survivor.claimant.id;
    for (const [table, count] of Object.entries({
      claims: await db().claim.count({ where: { claimantId: m } }),
      enrolments: await db().enrolment.count({ where: { personId: m } }),
      payments: await db().payment.count({ where: { personId: m } }),
      notifications: await db().notification.count({ where: { claimantId: m } }),
      bankDetailChanges: await db().bankDetailChange.count({ where: { claimantId: m } }),
      personDetailsChanges: await db().personDetailsChange.count({ where: { claimantId: m } }),
      flags: await db().claim.count({ where: { possibleMatchId: m } }),
    })) {
      expect([table, count]).toEqual([table, 0]);
    }
    expect(await db().claim.count({ where: { claimantId: s } })).toBe(3);
    expect((await db().claimant.findUniqueOrThrow({ where: { id: m } })).mergedIntoId).toBe(s);
    expect((await db().claimant.findUniqueOrThrow({ where: { id: earlier.id } })).mergedIntoId).toBe(s);
    // Each keeps its own bank details.
    expect(await db().bankDetails.count({ where: { claimantId: { in: [s, m] } } })).toBe(2);
    const movedClaim = await db().claim.findUniqueOrThrow({ where: { id: secondClaim.id }, include: { events: true } });
    expect(movedClaim.version).toBe(1);
    expect(movedClaim.events.map((e) => e.summary)).toEqual([
      `Person records linked by Linda Linker: record ${merged.claimant.reference ?? m} merged into ${survivor.claimant.reference ?? s}, which this claim now belongs to`,
    ]);

    const [audit] = await db().auditLog.findMany({ where: { action: "person.merged", entityId: m } });
    expect(audit).toMatchObject({ actorId: actor.id, entityType: "Claimant" });
    expect(audit.after).toMatchObject({
      survivorId: s,
      mergedId: m,
      mergedIntoId: s,
      moved,
      bankDetailsKeptOnMergedRecord: true,
    });
  });

  it.each([
    ["the merged record was erased", "erased"],
    ["the survivor is already merged", "merged"],
    ["both are enrolled in one plan", "plan"],
    ["the merged record has a payment not yet sent", "unsent"],
    ["the merged record has a pending change", "pending"],
  ])("refuses when %s, changing nothing", async (_, why) => {
    const actor = await caseworker(db());
    const survivor = await claimWithPayment(db());
    const merged = await claimWithPayment(db());
    if (why !== "unsent") await markSent(db(), merged.payment.id);
    if (why === "erased") await db().claimant.update({ where: { id: merged.claimant.id }, data: { erasedAt: new Date() } });
    if (why === "merged") {
      const other = await db().claimant.create({ data: pickPerson(survivor.claimant) });
      await db().claimant.update({ where: { id: survivor.claimant.id }, data: { mergedIntoId: other.id } });
    }
    if (why === "plan") {
      const shared = await plan(`MERGE-${Math.random().toString(36).slice(2, 8)}`, actor.id);
      await enrol(survivor.claimant.id, shared.id, actor.id);
      await enrol(merged.claimant.id, shared.id, actor.id);
    }
    if (why === "pending") {
      await db().bankDetailChange.create({ data: { claimantId: merged.claimant.id, ciphertext: "x", status: "PENDING" } });
    }
    const messages: Record<string, RegExp> = {
      erased: /was erased/,
      merged: /already linked into another record/,
      plan: /Both people are enrolled in Plan MERGE-/,
      unsent: /has a payment not yet sent/,
      pending: /waiting for approval: decide it first/,
    };
    const audits = await db().auditLog.count();
    await expect(
      mergePeople({ db: db(), survivorId: survivor.claimant.id, mergedId: merged.claimant.id, actor, now: new Date() }),
    ).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringMatching(messages[why]) });
    expect(await db().claim.count({ where: { claimantId: merged.claimant.id } })).toBe(1);
    expect((await db().claimant.findUniqueOrThrow({ where: { id: merged.claimant.id } })).mergedIntoId).toBeNull();
    expect(await db().auditLog.count()).toBe(audits);
  });
});

describe("a claim's possible match", () => {
  async function flaggedClaim() {
    const older = await makeClaim(db(), key);
    const newer = await makeClaim(db(), key);
    await db().claim.update({ where: { id: newer.claim.id }, data: { possibleMatchId: older.claimant.id } });
    return { older, newer };
  }

  it("linking merges the claim's (newer) person into the match, which survives", async () => {
    const { older, newer } = await flaggedClaim();
    const actor = await caseworker(db());
    const moved = await linkPossibleMatch({
      db: db(),
      reference: newer.claim.reference,
      possibleMatchId: older.claimant.id,
      actor,
      now: new Date(),
    });
    expect(moved.claims).toBe(1);
    const claim = await db().claim.findUniqueOrThrow({ where: { id: newer.claim.id } });
    expect(claim).toMatchObject({ claimantId: older.claimant.id, possibleMatchId: null });
    expect((await db().claimant.findUniqueOrThrow({ where: { id: newer.claimant.id } })).mergedIntoId).toBe(older.claimant.id);
    // A second click finds the flag gone.
    await expect(
      linkPossibleMatch({
        db: db(),
        reference: newer.claim.reference,
        possibleMatchId: older.claimant.id,
        actor,
        now: new Date(),
      }),
    ).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringContaining("already linked or dismissed") });
  });

  it("dismissing clears the flag only, audited and on the timeline", async () => {
    const { older, newer } = await flaggedClaim();
    const actor = await caseworker(db(), "Dee Dismisser");
    await dismissPossibleMatch({
      db: db(),
      reference: newer.claim.reference,
      possibleMatchId: older.claimant.id,
      actor,
      now: new Date(),
    });
    const claim = await db().claim.findUniqueOrThrow({ where: { id: newer.claim.id }, include: { events: true } });
    expect(claim).toMatchObject({ claimantId: newer.claimant.id, possibleMatchId: null, version: 1 });
    expect(claim.events.map((e) => e.kind)).toEqual(["person.possible-match-dismissed"]);
    expect((await db().claimant.findUniqueOrThrow({ where: { id: newer.claimant.id } })).mergedIntoId).toBeNull();
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "person.possible-match-dismissed", entityId: claim.id },
    });
    expect(audit).toMatchObject({ actorId: actor.id, before: { possibleMatchId: older.claimant.id } });
  });
});

function pickPerson(c: {
  firstName: string;
  lastName: string;
  dateOfBirth: Date;
  addressLine1: string;
  town: string;
  postcode: string;
  country: string;
}) {
  const { firstName, lastName, dateOfBirth, addressLine1, town, postcode, country } = c;
  return { firstName, lastName, dateOfBirth, addressLine1, town, postcode, country, contactPreference: "LETTER" as const };
}
