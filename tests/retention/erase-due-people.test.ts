// The retention policy's run against a real database, as the portal's own role: it erases exactly
// the people due by the rule and exactly their personal fields, keeps every financial row as it
// was, audits the run, never erases anyone twice, and asks again under lock so a claim that
// arrives meanwhile keeps its person.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { createDb, poolOf } from "@/lib/db/create-db";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { makeClaimReference } from "@/lib/references/claim-reference";
import { eraseDuePeople } from "@/lib/retention/erase-due-people";
import { isDueForErasure } from "@/lib/retention/rules/retention-rule";
import { countStatements } from "../support/count-statements";
import { makeUser } from "../support/make-user";
import { appUrl } from "../support/test-database.mts";
import { useTestDatabase } from "../support/test-db";
import { activityOf, seedPerson, type PersonSpec } from "./retention-people";

const owner = useTestDatabase();
const key = randomBytes(32);
const NOW = new Date("2026-11-28T10:00:00Z");
const YEARS = 6;
const OLD = new Date("2019-05-01T09:00:00Z");
const RECENT = new Date("2023-01-01T09:00:00Z");
const CUTOFF = new Date("2020-11-28T00:00:00Z");

const PEOPLE: Record<string, PersonSpec> = {
  // Due: a paid claim long ago, with bank details, changes of details and messages.
  ada: {
    name: "Ada",
    createdAt: OLD,
    bankDetails: true,
    claims: [{ status: "APPROVED", at: OLD, payment: { status: "PAID", at: OLD } }],
    bankChanges: [{ status: "APPROVED", proposedAt: OLD, decidedAt: OLD }],
    personChanges: [{ status: "PENDING", proposedAt: OLD }],
    messages: [
      { status: "SENT", at: OLD },
      { status: "QUEUED", at: OLD },
    ],
  },
  // Due: an enrolment that ended long ago, nothing else.
  bea: { name: "Bea", createdAt: OLD, bankDetails: true, enrolments: [{ enrolledTo: "2019-06-30", at: OLD }] },
  // Due by a millisecond: created just before the cutoff.
  cal: { name: "Cal", createdAt: new Date(CUTOFF.getTime() - 1) },
  // Kept: created on the cutoff.
  dot: { name: "Dot", createdAt: CUTOFF },
  // Kept: a claim still waiting for a decision, however old.
  eve: { name: "Eve", createdAt: OLD, claims: [{ status: "NEW", at: OLD }] },
  // Kept: an old claim whose payment moved recently.
  fay: {
    name: "Fay",
    createdAt: OLD,
    bankDetails: true,
    claims: [{ status: "APPROVED", at: OLD, payment: { status: "FAILED", at: OLD, historyAt: [OLD, RECENT] } }],
  },
  // Kept: an open enrolment.
  gus: { name: "Gus", createdAt: OLD, enrolments: [{ enrolledTo: null, at: OLD }] },
  // Kept: an enrolment that ended after the cutoff.
  hal: { name: "Hal", createdAt: OLD, enrolments: [{ enrolledTo: "2021-03-31", at: OLD }] },
  // Kept: a change of bank details decided recently.
  ivy: { name: "Ivy", createdAt: OLD, bankChanges: [{ status: "APPROVED", proposedAt: OLD, decidedAt: RECENT }] },
  // Kept: a payment not yet sent.
  jon: { name: "Jon", createdAt: OLD, claims: [{ status: "APPROVED", at: OLD, payment: { status: "NEW", at: OLD } }] },
  // Already erased: never again.
  kit: { name: "Kit", createdAt: OLD, erasedAt: new Date("2024-01-01T00:00:00Z") },
};
const DUE = ["ada", "bea", "cal"];

const ERASED_FIELDS = {
  firstName: "Erased",
  lastName: "Erased",
  dateOfBirth: new Date("1900-01-01"),
  email: null,
  phone: null,
  addressLine1: "",
  addressLine2: null,
  town: "",
  county: null,
  postcode: "",
  country: "",
  bankDetailsNeededSince: null,
};

/** Every row of every table the policy reads or writes, in a stable order. */
async function snapshot(db: PrismaClient) {
  const byId = { orderBy: { id: "asc" as const } };
  return {
    claimants: await db.claimant.findMany(byId),
    bankDetails: await db.bankDetails.findMany(byId),
    bankChanges: await db.bankDetailChange.findMany(byId),
    personChanges: await db.personDetailsChange.findMany(byId),
    messages: await db.notification.findMany(byId),
    claims: await db.claim.findMany(byId),
    lines: await db.expenseLine.findMany(byId),
    payments: await db.payment.findMany(byId),
    history: await db.paymentStatusHistory.findMany(byId),
    enrolments: await db.enrolment.findMany(byId),
    events: await db.claimEvent.findMany(byId),
  };
}

async function totals(db: PrismaClient) {
  const [row] = await db.$queryRaw<{ payments: bigint; claimed: bigint; approved: bigint }[]>`
    SELECT (SELECT sum("amountPence") FROM "Payment") AS payments,
           (SELECT sum("claimedPence") FROM "ExpenseLine") AS claimed,
           (SELECT sum("approvedPence") FROM "ExpenseLine") AS approved`;
  return row;
}

describe("eraseDuePeople", () => {
  let app: PrismaClient;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    app = createDb(appUrl(owner.url()));
    const staff = await makeUser(owner.db(), { role: "CASEWORKER" });
    for (const [handle, spec] of Object.entries(PEOPLE)) ids[handle] = await seedPerson(owner.db(), key, spec, staff.id);
  });
  afterAll(async () => {
    await app.$disconnect();
    const pool = poolOf(app);
    pool.on("error", () => {});
    await pool.end();
  });

  it("agrees with the rule on who is due", async () => {
    for (const [handle, id] of Object.entries(ids)) {
      expect([handle, isDueForErasure(await activityOf(owner.db(), id), { now: NOW, years: YEARS })]).toEqual([
        handle,
        DUE.includes(handle),
      ]);
    }
  });

  it("erases exactly the due people's personal fields, keeps every financial row, and audits the run", async () => {
    const before = await snapshot(owner.db());
    const totalsBefore = await totals(owner.db());
    const dueIds = DUE.map((h) => ids[h]);
    const isDue = (id: string) => dueIds.includes(id);

    const summary = await eraseDuePeople(app, { now: NOW, years: YEARS, key });
    expect(summary).toEqual({
      years: 6,
      cutoff: CUTOFF.toISOString(),
      erased: 3,
      batches: 1,
      bankDetailsDeleted: 2,
      bankDetailChangesErased: 1,
      personDetailsChangesErased: 1,
      messagesErased: 2,
    });
    const after = await snapshot(owner.db());

    // People: the due ones blanked and marked, with reference, id and dates kept; everyone else untouched.
    expect(after.claimants).toEqual(
      before.claimants.map((c) => (isDue(c.id) ? { ...c, ...ERASED_FIELDS, erasedAt: NOW, updatedAt: NOW } : c)),
    );
    // Bank details: the due people's rows gone, the rest as they were.
    expect(after.bankDetails).toEqual(before.bankDetails.filter((b) => !isDue(b.claimantId)));
    // Changes of details: personal fields blanked, a pending one closed; the ciphertext still opens, to nothing.
    expect(after.bankChanges).toEqual(
      before.bankChanges.map((b) =>
        isDue(b.claimantId)
          ? { ...b, ciphertext: expect.not.stringMatching(b.ciphertext), lookupHash: null, note: null, decisionNote: null }
          : b,
      ),
    );
    for (const change of after.bankChanges.filter((b) => isDue(b.claimantId))) {
      expect(decryptBankDetails(change.ciphertext, key)).toEqual({
        sortCode: "",
        accountNumber: "",
        nameOnAccount: "Erased",
        rollNumber: null,
      });
    }
    expect(after.personChanges).toEqual(
      before.personChanges.map((p) =>
        isDue(p.claimantId)
          ? {
              ...p,
              firstName: "Erased",
              lastName: "Erased",
              addressLine1: "",
              addressLine2: null,
              town: "",
              county: null,
              postcode: "",
              country: "",
              note: null,
              status: "REJECTED",
              decidedAt: NOW,
              decisionNote: "Closed: the person's details were erased under the retention policy",
            }
          : p,
      ),
    );
    // Messages: where they went and what they said go; a queued one is never sent.
    expect(after.messages).toEqual(
      before.messages.map((m) =>
        m.claimantId && isDue(m.claimantId)
          ? {
              ...m,
              recipient: "",
              personalisation: {},
              ...(m.status === "QUEUED"
                ? { status: "FAILED", error: "Not sent: the person's details were erased under the retention policy" }
                : {}),
            }
          : m,
      ),
    );
    // Financial records: every row identical, so every total too.
    expect(after.claims).toEqual(before.claims);
    expect(after.lines).toEqual(before.lines);
    expect(after.payments).toEqual(before.payments);
    expect(after.history).toEqual(before.history);
    expect(after.enrolments).toEqual(before.enrolments);
    expect(await totals(owner.db())).toEqual(totalsBefore);
    // One timeline entry on each of the erased people's claims.
    const newEvents = after.events.filter((e) => !before.events.some((b) => b.id === e.id));
    const adaClaims = before.claims.filter((c) => c.claimantId === ids.ada).map((c) => c.id);
    expect(newEvents.map((e) => [e.claimId, e.kind, e.summary, e.at])).toEqual(
      adaClaims.map((id) => [id, "person.erased", "Personal details erased under the retention policy", NOW]),
    );

    const audit = await owner.db().auditLog.findMany({ where: { action: { startsWith: "retention." } }, orderBy: { id: "asc" } });
    expect(audit.map((a) => [a.action, a.actorId, a.actorLabel, a.entityType])).toEqual([
      ["retention.erase", null, "retention policy", "Claimant"],
      ["retention.run", null, "retention policy", "RetentionPolicy"],
    ]);
    expect(audit[0].after).toEqual({
      cutoff: CUTOFF.toISOString(),
      people: 3,
      ids: [...dueIds].sort(),
      bankDetailsDeleted: 2,
      bankDetailChangesErased: 1,
      personDetailsChangesErased: 1,
      messagesErased: 2,
    });
    expect(audit[1].after).toEqual({ ...summary, at: NOW.toISOString() });
  });

  it("changes nothing on a second run the same day, and says so in the audit log", async () => {
    const before = await snapshot(owner.db());
    const summary = await eraseDuePeople(app, { now: NOW, years: YEARS, key });
    expect(summary).toMatchObject({ erased: 0, batches: 0, bankDetailsDeleted: 0, messagesErased: 0 });
    expect(await snapshot(owner.db())).toEqual(before);
    const runs = await owner.db().auditLog.findMany({ where: { action: "retention.run" }, orderBy: { id: "asc" } });
    expect(runs).toHaveLength(2);
    expect(runs[1].after).toMatchObject({ erased: 0 });
  });

  it("takes the same statements for many people as for one, a batch at a time", async () => {
    const staff = await makeUser(owner.db(), { role: "CASEWORKER" });
    const oldPerson = (n: number): PersonSpec => ({
      name: `Old${n}`,
      createdAt: OLD,
      bankDetails: true,
      claims: [{ status: "REJECTED", at: OLD }],
      messages: [{ status: "SENT", at: OLD }],
    });
    await seedPerson(owner.db(), key, oldPerson(0), staff.id);
    const one = await countStatements(() => eraseDuePeople(app, { now: NOW, years: YEARS, key }));
    expect(one.result.erased).toBe(1);
    for (let n = 1; n <= 30; n++) await seedPerson(owner.db(), key, oldPerson(n), staff.id);
    const many = await countStatements(() => eraseDuePeople(app, { now: NOW, years: YEARS, key }));
    expect(many.result.erased).toBe(30);
    expect(many.statements).toBe(one.statements);

    for (let n = 31; n <= 55; n++) await seedPerson(owner.db(), key, oldPerson(n), staff.id);
    const batched = await countStatements(() => eraseDuePeople(app, { now: NOW, years: YEARS, key, batchSize: 10 }));
    expect(batched.result).toMatchObject({ erased: 25, batches: 3 });
    // A run is its batches, each the same fixed statements (a transaction), and the run's audit row.
    expect(batched.statements).toBe(3 * (one.statements - 1) + 1);
    expect(await owner.db().claimant.count({ where: { firstName: { startsWith: "Old" } } })).toBe(0);
  });

  it("keeps a person whose claim arrives while the run waits for their row", async () => {
    const staff = await makeUser(owner.db(), { role: "CASEWORKER" });
    const id = await seedPerson(owner.db(), key, { name: "Lou", createdAt: OLD }, staff.id);
    const intake = new pg.Client({ connectionString: appUrl(owner.url()) });
    await intake.connect();
    try {
      await intake.query("BEGIN");
      // The new claim's foreign key holds a share lock on the person until it commits.
      await intake.query(
        `INSERT INTO "Claim" (id, reference, "claimantId", "eventDate", "paymentMethod", source, "updatedAt")
         VALUES (gen_random_uuid(), $1, $2, '2026-11-01', 'BANK', 'API', now())`,
        [makeClaimReference(), id],
      );
      const run = eraseDuePeople(app, { now: NOW, years: YEARS, key });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await intake.query("COMMIT");
      expect((await run).erased).toBe(0);
    } finally {
      await intake.end();
    }
    expect(await owner.db().claimant.findUniqueOrThrow({ where: { id } })).toMatchObject({ firstName: "Lou", erasedAt: null });
  });
});
