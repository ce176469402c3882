// Creating and changing a benefit plan: the plan and its audit row land together; a duplicate code
// is refused on the code field; an edit that would strand beneficiaries' values (a type changed, an
// attribute removed or renamed, a one-of option removed) is refused with the number who hold one,
// and changes nothing; the same edits go through while nobody holds a value.
import { describe, expect, it } from "vitest";
import type { StaffMember } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { createBenefitPlan } from "@/lib/plans/benefit-plans/create-benefit-plan";
import { findBenefitPlan } from "@/lib/plans/benefit-plans/load-benefit-plan";
import { updateBenefitPlan } from "@/lib/plans/benefit-plans/update-benefit-plan";
import type { AttributeDeclaration } from "@/lib/plans/rules/attributes";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();
const NOW = new Date("2026-11-28T10:00:00.000Z");

const ATTRIBUTES: AttributeDeclaration[] = [
  { name: "Household size", type: "NUMBER" },
  { name: "Region", type: "TEXT" },
  { name: "Tenure", type: "ONE_OF", options: ["Rent", "Own", "Other"] },
];

async function planManager(): Promise<StaffMember> {
  const user = await makeUser(db(), { role: "PLAN_MANAGER" });
  return { id: user.id, email: user.email, name: user.name };
}

async function newPlan(code: string, actor: StaffMember) {
  await createBenefitPlan({
    db: db(),
    plan: { code, name: `Plan ${code}`, description: null, attributes: ATTRIBUTES },
    actor,
    now: NOW,
  });
  return (await findBenefitPlan(db(), code))!;
}

/** One beneficiary of the plan with the values given (a person straight into the database). */
async function beneficiaryWith(planId: string, actorId: string, values: Record<string, unknown>) {
  const person = await db().claimant.create({
    data: {
      firstName: "Ada",
      lastName: "Lovelace",
      dateOfBirth: new Date("1985-12-10"),
      addressLine1: "1 High Street",
      town: "Leeds",
      postcode: "LS1 1AA",
      country: "England",
      contactPreference: "LETTER",
    },
  });
  await db().enrolment.create({
    data: {
      benefitPlanId: planId,
      personId: person.id,
      paymentMethod: "CASH",
      enrolledFrom: new Date("2026-01-01"),
      createdById: actorId,
      attributes: { create: { effectiveFrom: new Date("2026-01-01"), values: values as object, createdById: actorId } },
    },
  });
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("creating a benefit plan", () => {
  it("stores the plan with its declared attributes and audits it", async () => {
    const actor = await planManager();
    const plan = await newPlan("WINTER-FUEL", actor);
    expect(plan).toMatchObject({ code: "WINTER-FUEL", name: "Plan WINTER-FUEL", attributes: ATTRIBUTES });
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "benefit-plan.created", entityId: plan.id } });
    expect(audit).toMatchObject({ actorId: actor.id, after: { code: "WINTER-FUEL", attributes: ATTRIBUTES } });
  });

  it("refuses a code that exists, on the code field, and writes nothing more", async () => {
    const actor = await planManager();
    await newPlan("DUP", actor);
    const error = await refusal(newPlan("DUP", actor));
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors).toEqual({ code: ["There is already a benefit plan with code DUP"] });
    expect(
      await db().auditLog.count({ where: { action: "benefit-plan.created", after: { path: ["code"], equals: "DUP" } } }),
    ).toBe(1);
  });
});

describe("changing a benefit plan", () => {
  it("changes name, description and attributes freely while nobody holds a value", async () => {
    const actor = await planManager();
    const plan = await newPlan("FREE", actor);
    const attributes: AttributeDeclaration[] = [
      { name: "Household size", type: "TEXT" },
      { name: "Tenure", type: "ONE_OF", options: ["Rent"] },
      { name: "Disabled", type: "YES_NO" },
    ];
    await updateBenefitPlan({
      db: db(),
      code: "FREE",
      plan: { code: "FREE", name: "Renamed", description: "Now described", attributes },
      actor,
      now: NOW,
    });
    expect(await findBenefitPlan(db(), "free")).toMatchObject({ name: "Renamed", description: "Now described", attributes });
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "benefit-plan.updated", entityId: plan.id } });
    expect(audit).toMatchObject({ before: { attributes: ATTRIBUTES }, after: { attributes } });
  });

  it("refuses to change a type, remove an attribute or a one-of option that beneficiaries hold, and changes nothing", async () => {
    const actor = await planManager();
    const plan = await newPlan("HELD", actor);
    await beneficiaryWith(plan.id, actor.id, { "Household size": 3, Region: "North", Tenure: "Rent" });
    await beneficiaryWith(plan.id, actor.id, { "Household size": 5, Region: null, Tenure: "Own" });
    const error = await refusal(
      updateBenefitPlan({
        db: db(),
        code: "HELD",
        plan: {
          code: "HELD",
          name: "Changed",
          description: null,
          // Household size becomes text; Region is renamed Area; Rent and Other are dropped from Tenure.
          attributes: [
            { name: "Household size", type: "TEXT" },
            { name: "Area", type: "TEXT" },
            { name: "Tenure", type: "ONE_OF", options: ["Own"] },
          ],
        },
        actor,
        now: NOW,
      }),
    );
    expect(error.code).toBe("VALIDATION");
    expect(error.fieldErrors).toEqual({
      "attribute-1-type": ['The type of "Household size" cannot change: 2 beneficiaries have a value for it'],
      // A null value is no value: only one beneficiary holds a Region.
      "attribute-2-name": ['"Region" cannot be removed or renamed: 1 beneficiary has a value for it'],
      // Nobody holds "Other": only "Rent" is refused.
      "attribute-3-options": ['"Rent" cannot be removed from "Tenure": 1 beneficiary has it'],
    });
    expect(await findBenefitPlan(db(), "HELD")).toMatchObject({ name: "Plan HELD", attributes: ATTRIBUTES });
    expect(await db().auditLog.count({ where: { action: "benefit-plan.updated", entityId: plan.id } })).toBe(0);
  });

  it("lets a held option stay while another is removed, and an attribute be added", async () => {
    const actor = await planManager();
    const plan = await newPlan("KEEP", actor);
    await beneficiaryWith(plan.id, actor.id, { Tenure: "Rent" });
    const attributes: AttributeDeclaration[] = [
      ...ATTRIBUTES.slice(0, 2),
      { name: "Tenure", type: "ONE_OF", options: ["Rent", "Own"] },
      { name: "Disabled", type: "YES_NO" },
    ];
    await updateBenefitPlan({
      db: db(),
      code: "KEEP",
      plan: { code: "KEEP", name: "Keep", description: null, attributes },
      actor,
      now: NOW,
    });
    expect((await findBenefitPlan(db(), "KEEP"))?.attributes).toEqual(attributes);
  });
});
