// A change of name or postal address (docs/people.md#name-and-address-changes): maker-checker, the
// person's unsent payments held meanwhile, and a cash payment held for its address released by an
// approved address that now passes the Payout file's checks.
import { describe, expect, it } from "vitest";
import { decidePersonDetails } from "@/lib/people/decide-person-details";
import { proposePersonDetails } from "@/lib/people/propose-person-details";
import { useTestDatabase } from "../support/test-db";
import { approveClaim } from "../support/approve-claim";
import { makeClaim } from "../support/make-claim";
import { caseworker, claimWithPayment, holdAsRun, key } from "./people-support";

const { db } = useTestDatabase();

const NEW_DETAILS = {
  firstName: "Ada",
  lastName: "King",
  addressLine1: "2 Park Row",
  addressLine2: "",
  town: "Leeds",
  county: "West Yorkshire",
  postcode: "ls1 5ab",
  country: "England",
};

async function propose(personId: string, maker: { id: string; email: string; name: string }, fields = NEW_DETAILS) {
  return proposePersonDetails({ db: db(), personId, fields, note: "Phoned on 3 December", actor: maker, now: new Date() });
}

describe("proposePersonDetails", () => {
  it("records a pending change and holds the person's unsent payments, bank and cash, until it is decided", async () => {
    const { claimant, payment } = await claimWithPayment(db(), "BANK");
    // A second claim of the same person, paid in cash.
    const { claim: cashClaim, payment: cash } = await claimWithPayment(db(), "CASH");
    await db().claim.update({ where: { id: cashClaim.id }, data: { claimantId: claimant.id } });
    await db().payment.update({ where: { id: cash.id }, data: { personId: claimant.id } });
    const maker = await caseworker(db());
    const proposed = await propose(claimant.id, maker);
    expect(proposed).toMatchObject({ changed: ["lastName", "addressLine1", "postcode"], heldPayments: 2, replacedPending: 0 });

    const change = await db().personDetailsChange.findUniqueOrThrow({ where: { id: proposed.changeId } });
    expect(change).toMatchObject({
      status: "PENDING",
      lastName: "King",
      postcode: "LS1 5AB",
      addressLine2: null,
      note: "Phoned on 3 December",
    });
    const held = await db().payment.findMany({ where: { id: { in: [payment.id, cash.id] } } });
    expect(held.map((p) => p.holdReason)).toEqual(["PERSON_DETAILS_CHANGE_PENDING", "PERSON_DETAILS_CHANGE_PENDING"]);
    // The details themselves are unchanged until a second caseworker approves.
    expect(await db().claimant.findUniqueOrThrow({ where: { id: claimant.id } })).toMatchObject({ lastName: "Lovelace" });
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "person-details.proposed", entityId: claimant.id } });
    expect(audit.after).toEqual({
      changeId: change.id,
      changed: ["lastName", "addressLine1", "postcode"],
      replacedPending: 0,
      heldPayments: 2,
    });
    expect(JSON.stringify(audit.after)).not.toContain("King");
  });

  it("holds a payment created while the change is pending, and its decision releases it", async () => {
    const { claim, claimant } = await makeClaim(db(), key, { lines: [1240] });
    const { changeId } = await propose(claimant.id, await caseworker(db()));
    const payment = await approveClaim(db(), key, claim, await caseworker(db()));
    expect(payment.holdReason).toBe("PERSON_DETAILS_CHANGE_PENDING");
    await decidePersonDetails({ db: db(), changeId, approve: true, actor: await caseworker(db()), now: new Date() });
    expect((await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).holdReason).toBeNull();
  });

  it("refuses hidden characters and a change that changes nothing, writing nothing", async () => {
    const { claimant } = await claimWithPayment(db());
    const maker = await caseworker(db());
    await expect(propose(claimant.id, maker, { ...NEW_DETAILS, lastName: "King\u202E" })).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { lastName: ["Last name must not contain hidden or direction-changing characters"] },
    });
    await expect(
      propose(claimant.id, maker, {
        ...NEW_DETAILS,
        lastName: "Lovelace",
        addressLine1: "1 High Street",
        postcode: "LS1 1AA",
        addressLine2: "",
      }),
    ).rejects.toMatchObject({ code: "VALIDATION", message: expect.stringContaining("same as the ones on record") });
    expect(await db().personDetailsChange.count({ where: { claimantId: claimant.id } })).toBe(0);
  });
});

describe("decidePersonDetails", () => {
  it("refuses the maker, then a second caseworker approves: new details written, holds released, audited", async () => {
    const { claimant, payment, claim } = await claimWithPayment(db());
    const maker = await caseworker(db(), "Maker");
    const checker = await caseworker(db(), "Checker");
    const { changeId } = await propose(claimant.id, maker);

    await expect(decidePersonDetails({ db: db(), changeId, approve: true, actor: maker, now: new Date() })).rejects.toMatchObject(
      { code: "FORBIDDEN", message: "You proposed this change, so another caseworker must approve or reject it." },
    );
    expect((await db().personDetailsChange.findUniqueOrThrow({ where: { id: changeId } })).status).toBe("PENDING");

    const decided = await decidePersonDetails({ db: db(), changeId, approve: true, actor: checker, now: new Date() });
    expect(decided).toEqual({ approved: true, released: 1, releasedPayoutHolds: 0 });
    expect(await db().claimant.findUniqueOrThrow({ where: { id: claimant.id } })).toMatchObject({
      lastName: "King",
      addressLine1: "2 Park Row",
      postcode: "LS1 5AB",
    });
    expect((await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).holdReason).toBeNull();
    expect(await db().personDetailsChange.findUniqueOrThrow({ where: { id: changeId } })).toMatchObject({
      status: "APPROVED",
      decidedById: checker.id,
    });
    // The claim list's copy of the name follows (trigger), and the timeline says what happened.
    const [names] = await db().$queryRaw<
      { last: string }[]
    >`SELECT "claimantLastName" AS last FROM "Claim" WHERE id = ${claim.id}::uuid`;
    expect(names.last).toBe("King");
    const events = await db().claimEvent.findMany({
      where: { claimId: claim.id, kind: { startsWith: "person-details." } },
      orderBy: { at: "asc" },
    });
    expect(events.map((e) => e.summary)).toEqual([
      "Change of name or address proposed by Maker (last name, address line 1, postcode): awaiting a second caseworker",
      "Change of name or address approved by Checker",
    ]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "person-details.approved", entityId: claimant.id } });
    expect(audit.after).toEqual({
      changeId,
      status: "APPROVED",
      changed: ["lastName", "addressLine1", "postcode"],
      released: 1,
      releasedPayoutHolds: 0,
    });
    await expect(
      decidePersonDetails({ db: db(), changeId, approve: false, actor: checker, now: new Date() }),
    ).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
  });

  it("rejection releases the holds and leaves the details as they were", async () => {
    const { claimant, payment } = await claimWithPayment(db());
    const { changeId } = await propose(claimant.id, await caseworker(db()));
    const decided = await decidePersonDetails({
      db: db(),
      changeId,
      approve: false,
      note: "Could not confirm it was them",
      actor: await caseworker(db()),
      now: new Date(),
    });
    expect(decided).toEqual({ approved: false, released: 1, releasedPayoutHolds: 0 });
    expect(await db().claimant.findUniqueOrThrow({ where: { id: claimant.id } })).toMatchObject({ lastName: "Lovelace" });
    expect((await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).holdReason).toBeNull();
    expect((await db().personDetailsChange.findUniqueOrThrow({ where: { id: changeId } })).decisionNote).toBe(
      "Could not confirm it was them",
    );
  });

  it("an approved address that passes the Payout checks releases a cash payment the run held for an invalid postcode", async () => {
    const { claimant, payment } = await claimWithPayment(db(), "CASH");
    await db().claimant.update({ where: { id: claimant.id }, data: { postcode: "LS1" } });
    await holdAsRun(db(), payment.id, "INVALID_POSTCODE");
    const { changeId, heldPayments } = await propose(claimant.id, await caseworker(db()));
    // Already held by the run: the change does not take it over.
    expect(heldPayments).toBe(0);
    const decided = await decidePersonDetails({
      db: db(),
      changeId,
      approve: true,
      actor: await caseworker(db()),
      now: new Date(),
    });
    expect(decided).toEqual({ approved: true, released: 0, releasedPayoutHolds: 1 });
    const released = await db().payment.findUniqueOrThrow({ where: { id: payment.id }, include: { history: true } });
    expect(released).toMatchObject({ status: "NEW", holdReason: null });
    expect(released.history.map((h) => h.action)).toEqual(["payment.created", "payment.held", "payment.released"]);
  });

  it("leaves the run's hold when the approved address would still not go into the Payout file, and when rejected", async () => {
    const { claimant, payment } = await claimWithPayment(db(), "CASH");
    await holdAsRun(db(), payment.id, "ADDRESS_EMPTY_AFTER_CLEANING");
    const still = await propose(claimant.id, await caseworker(db()), { ...NEW_DETAILS, addressLine1: "★★★" });
    expect(
      await decidePersonDetails({
        db: db(),
        changeId: still.changeId,
        approve: true,
        actor: await caseworker(db()),
        now: new Date(),
      }),
    ).toEqual({
      approved: true,
      released: 0,
      releasedPayoutHolds: 0,
    });
    const rejected = await propose(claimant.id, await caseworker(db()), { ...NEW_DETAILS, addressLine1: "3 Park Row" });
    await decidePersonDetails({
      db: db(),
      changeId: rejected.changeId,
      approve: false,
      actor: await caseworker(db()),
      now: new Date(),
    });
    expect((await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).holdReason).toBe("ADDRESS_EMPTY_AFTER_CLEANING");
  });
});
