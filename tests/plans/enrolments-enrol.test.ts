// Enrolling people in a benefit plan, their attribute history and the end of an enrolment: a new
// person is given a fresh reference (a clash is retried), an existing one is found by reference and
// enrolled once only; the first attribute set starts on the enrolment date and later sets start from
// their own dates; an enrolment ends on a date with a reason, once. Each step is audited.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { AppError } from "@/lib/errors";
import { createBenefitPlan } from "@/lib/plans/benefit-plans/create-benefit-plan";
import { changeAttributes } from "@/lib/plans/enrolments/change-attributes";
import { endEnrolment } from "@/lib/plans/enrolments/end-enrolment";
import { createClaim } from "@/lib/claims/create-claim";
import { claimIntakeSchema } from "@/lib/claims/intake/claim-intake-schema";
import { validBody } from "@/lib/claims/intake/test-fixtures";
import { makeClaim } from "../support/make-claim";
import { useTestDatabase } from "../support/test-db";
import { ATTRIBUTES, BANK_FIELDS, dateFields, enrol, NEW_PERSON, planManager, reader } from "./enrolments-support";
import { TEST_LOOKUP_KEY } from "../support/lookup-key";

const { db } = useTestDatabase();
const key = randomBytes(32);
const NOW = new Date("2026-11-28T10:00:00.000Z");

async function plan(code: string) {
  const actor = await planManager(db());
  await createBenefitPlan({ db: db(), plan: { code, name: code, description: null, attributes: ATTRIBUTES }, actor, now: NOW });
  return actor;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("enrolling a new person", () => {
  it("creates the person with a reference, the enrolment, its first attributes and pending bank details, audited", async () => {
    const actor = await plan("NEWP");
    const { reference, bankDetailsPending } = await enrol(db(), key, {
      planCode: "newp",
      actor,
      fields: {
        ...NEW_PERSON,
        "attr-1": "4",
        "attr-2": "Rent",
        paymentMethod: "BANK",
        ...BANK_FIELDS,
        ...dateFields("enrolledFrom", "2026-12-01"),
      },
    });
    expect(reference).toMatch(/^[0-9A-HJKMNP-TV-Z]{7}$/);
    expect(bankDetailsPending).toBe(true);
    const person = await db().claimant.findUniqueOrThrow({
      where: { reference },
      include: { enrolments: { include: { attributes: true } }, bankDetails: true, bankDetailChanges: true },
    });
    expect(person).toMatchObject({ firstName: "Ada", lastName: "Lovelace", bankDetails: null });
    const [enrolment] = person.enrolments;
    expect(enrolment).toMatchObject({
      paymentMethod: "BANK",
      enrolledFrom: new Date("2026-12-01"),
      enrolledTo: null,
      createdById: actor.id,
    });
    expect(enrolment.attributes.map((a) => [a.effectiveFrom.toISOString().slice(0, 10), a.values])).toEqual([
      ["2026-12-01", { "Household size": 4, Tenure: "Rent" }],
    ]);
    // The bank details wait for a second plan manager: proposed by the maker, never yet the person's.
    const [change] = person.bankDetailChanges;
    expect(change).toMatchObject({ status: "PENDING", proposedById: actor.id });
    expect(decryptBankDetails(change.ciphertext, key)).toMatchObject({ sortCode: "200000", accountNumber: "55779911" });
    const actions = (await db().auditLog.findMany({ where: { actorId: actor.id }, orderBy: { id: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["benefit-plan.created", "person.created", "bank-details.proposed", "enrolment.created"]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "enrolment.created", entityId: enrolment.id } });
    // Never the account itself in the audit log.
    expect(audit.after).toMatchObject({ person: reference, bankAccount: "*****911", bankDetailsPending: true });
  });

  it("tries another reference when the first is taken", async () => {
    const actor = await plan("CLASH");
    const first = await enrol(db(), key, {
      planCode: "CLASH",
      actor,
      fields: { ...NEW_PERSON, paymentMethod: "CASH", ...dateFields("enrolledFrom", "2026-12-01") },
      makeReference: () => "AAAAAAA",
    });
    const tries = ["AAAAAAA", "BBBBBBB"];
    const second = await enrol(db(), key, {
      planCode: "CLASH",
      actor,
      fields: { ...NEW_PERSON, paymentMethod: "CASH", ...dateFields("enrolledFrom", "2026-12-01") },
      makeReference: () => tries.shift()!,
    });
    expect([first.reference, second.reference]).toEqual(["AAAAAAA", "BBBBBBB"]);
  });

  it("reports form problems on their fields and writes nothing", async () => {
    const actor = await plan("BADF");
    const people = await db().claimant.count();
    const error = await refusal(
      enrol(db(), key, { planCode: "BADF", actor, fields: { ...NEW_PERSON, "attr-2": "Lease", paymentMethod: "BANK" } }),
    );
    expect(error.fieldErrors).toEqual({
      "attr-2": ["Choose one of the options for Tenure"],
      nameOnAccount: ["Enter the bank details: they are needed for a bank transfer"],
      "enrolledFrom-day": ["Enter the date the enrolment starts"],
    });
    expect(await db().claimant.count()).toBe(people);
  });
});

describe("enrolling an existing person", () => {
  it("finds a claimant by reference, keeps their approved bank details, and enrols them once only", async () => {
    const actor = await plan("EXIST");
    const { claimant } = await makeClaim(db(), key);
    await db().claimant.update({ where: { id: claimant.id }, data: { reference: "7KQ2M9X" } });
    const fields = {
      personChoice: "EXISTING",
      personReference: "7kq2m9x",
      paymentMethod: "BANK",
      ...dateFields("enrolledFrom", "2026-12-01"),
    };
    const enrolled = await enrol(db(), key, { planCode: "EXIST", actor, fields });
    expect(enrolled).toEqual({ reference: "7KQ2M9X", bankDetailsPending: false });
    const again = await refusal(enrol(db(), key, { planCode: "EXIST", actor, fields }));
    expect(again.fieldErrors).toEqual({ personReference: ["7KQ2M9X is already enrolled in EXIST"] });
    // In another plan, the same details as on record (typed with dashes) are not a change.
    await plan("EXIST2");
    const sameDetails = { ...fields, nameOnAccount: "A Lovelace", sortCode: "20-00-00", accountNumber: "55779911" };
    expect(await enrol(db(), key, { planCode: "EXIST2", actor, fields: sameDetails })).toEqual({
      reference: "7KQ2M9X",
      bankDetailsPending: false,
    });
    expect(await db().bankDetailChange.count({ where: { claimantId: claimant.id } })).toBe(0);
    expect(await db().enrolment.count({ where: { personId: claimant.id } })).toBe(2);
  });

  it("enrols a claimant by the person reference every new claimant is given", async () => {
    const actor = await plan("CLAIMANT");
    const { id } = await createClaim({
      db: db(),
      key,
      lookupKey: TEST_LOOKUP_KEY,
      intake: claimIntakeSchema("2026-11-28").parse({ ...validBody(), paymentMethod: "CASH", bankDetails: null }),
      source: "API",
      actor: { system: "test" },
      now: NOW,
    });
    const { claimant } = await db().claim.findUniqueOrThrow({ where: { id }, include: { claimant: true } });
    expect(claimant.reference).toMatch(/^[0-9A-HJKMNP-TV-Z]{7}$/);
    const fields = {
      personChoice: "EXISTING",
      personReference: claimant.reference!,
      paymentMethod: "CASH",
      ...dateFields("enrolledFrom", "2026-12-01"),
    };
    expect(await enrol(db(), key, { planCode: "CLAIMANT", actor, fields })).toEqual({
      reference: claimant.reference,
      bankDetailsPending: false,
    });
    expect(await db().enrolment.count({ where: { personId: claimant.id } })).toBe(1);
  });

  it("refuses an unknown reference, and a bank transfer for someone with no bank details", async () => {
    const actor = await plan("UNKN");
    const unknown = await refusal(
      enrol(db(), key, {
        planCode: "UNKN",
        actor,
        fields: {
          personChoice: "EXISTING",
          personReference: "ZZZZZZZ",
          paymentMethod: "CASH",
          ...dateFields("enrolledFrom", "2026-12-01"),
        },
      }),
    );
    expect(unknown.fieldErrors).toEqual({ personReference: ["There is no person with reference ZZZZZZZ"] });
    const { claimant } = await makeClaim(db(), key, { bank: null });
    await db().claimant.update({ where: { id: claimant.id }, data: { reference: "NBNBNBN" } });
    const noBank = await refusal(
      enrol(db(), key, {
        planCode: "UNKN",
        actor,
        fields: {
          personChoice: "EXISTING",
          personReference: "NBNBNBN",
          paymentMethod: "BANK",
          ...dateFields("enrolledFrom", "2026-12-01"),
        },
      }),
    );
    expect(noBank.fieldErrors).toEqual({
      nameOnAccount: ["This person has no bank details on record: enter them for a bank transfer"],
    });
    expect(await db().enrolment.count({ where: { personId: claimant.id } })).toBe(0);
  });
});

describe("attribute history and the end of an enrolment", () => {
  it("adds sets in force from their dates, refuses a date taken or before the enrolment, and audits each", async () => {
    const actor = await plan("HIST");
    const { reference } = await enrol(db(), key, {
      planCode: "HIST",
      actor,
      fields: { ...NEW_PERSON, "attr-1": "2", paymentMethod: "CASH", ...dateFields("enrolledFrom", "2026-12-01") },
    });
    const change = (iso: string, size: string) =>
      changeAttributes({
        db: db(),
        planCode: "HIST",
        personReference: reference,
        read: reader({ ...dateFields("effectiveFrom", iso), "attr-1": size, "attr-2": "Own" }),
        actor,
        now: NOW,
      });
    await change("2027-03-01", "5");
    await change("2027-01-15", "3");
    const sets = await db().enrolmentAttributes.findMany({
      where: { enrolment: { person: { reference } } },
      orderBy: { effectiveFrom: "asc" },
    });
    expect(sets.map((s) => [s.effectiveFrom.toISOString().slice(0, 10), s.values])).toEqual([
      ["2026-12-01", { "Household size": 2 }],
      ["2027-01-15", { "Household size": 3, Tenure: "Own" }],
      ["2027-03-01", { "Household size": 5, Tenure: "Own" }],
    ]);
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "enrolment.attributes-changed", after: { path: ["effectiveFrom"], equals: "2027-01-15" } },
    });
    // "before" is the set in force on that date until now.
    expect(audit.before).toEqual({ effectiveFrom: "2027-01-15", values: { "Household size": 2 } });

    expect((await refusal(change("2027-03-01", "6"))).fieldErrors).toEqual({
      "effectiveFrom-day": ["There are already values in force from 1 March 2027: choose another date"],
    });
    expect((await refusal(change("2026-11-30", "6"))).fieldErrors).toEqual({
      "effectiveFrom-day": ["The change cannot take effect before the enrolment starts (1 December 2026)"],
    });
    expect(await db().enrolmentAttributes.count({ where: { enrolment: { person: { reference } } } })).toBe(3);
  });

  it("ends an enrolment on a date with a reason, once, never before it starts", async () => {
    const actor = await plan("ENDS");
    const { reference } = await enrol(db(), key, {
      planCode: "ENDS",
      actor,
      fields: { ...NEW_PERSON, paymentMethod: "CASH", ...dateFields("enrolledFrom", "2026-12-01") },
    });
    const end = (fields: Record<string, string>) =>
      endEnrolment({ db: db(), planCode: "ENDS", personReference: reference, read: reader(fields), actor, now: NOW });
    expect((await refusal(end({ ...dateFields("enrolledTo", "2026-11-30"), endReason: "OTHER" }))).fieldErrors).toEqual({
      "enrolledTo-day": ["The enrolment cannot end before it starts (1 December 2026)"],
      otherReason: ["Enter why the enrolment ends"],
    });
    await end({ ...dateFields("enrolledTo", "2027-06-30"), endReason: "OTHER", otherReason: " Returned to Ireland " });
    const enrolment = await db().enrolment.findFirstOrThrow({ where: { person: { reference } } });
    expect(enrolment).toMatchObject({ enrolledTo: new Date("2027-06-30"), endReason: "OTHER: Returned to Ireland" });
    expect((await refusal(end({ ...dateFields("enrolledTo", "2027-07-31"), endReason: "DEATH" }))).message).toBe(
      "This enrolment already ended on 30 June 2027",
    );
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "enrolment.ended", entityId: enrolment.id } });
    expect(audit.after).toMatchObject({ enrolledTo: "2027-06-30", endReason: "OTHER: Returned to Ireland" });
  });
});
