import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createClaim } from "@/lib/claims/create-claim";
import { claimIntakeSchema } from "@/lib/claims/intake/claim-intake-schema";
import { validBody, type AnyBody } from "@/lib/claims/intake/test-fixtures";
import { decryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { TEST_LOOKUP_KEY } from "../support/lookup-key";

const { db } = useTestDatabase();
const key = randomBytes(32);
const now = new Date("2026-11-22T10:00:00Z");

function intake(change: (b: AnyBody) => void = () => {}) {
  const body = validBody();
  change(body);
  return claimIntakeSchema("2026-11-22").parse(body);
}

async function caseworker() {
  const user = await makeUser(db(), { role: "CASEWORKER", name: "Cara Caseworker" });
  return { user, actor: { id: user.id, email: user.email } };
}

async function counts() {
  const [claimants, bankDetails, claims, expenseLines, claimEvents, auditLogs] = await Promise.all([
    db().claimant.count(),
    db().bankDetails.count(),
    db().claim.count(),
    db().expenseLine.count(),
    db().claimEvent.count(),
    db().auditLog.count(),
  ]);
  return { claimants, bankDetails, claims, expenseLines, claimEvents, auditLogs };
}

describe("createClaim (assisted digital)", () => {
  it("records who keyed the claim in, on the claim, its timeline and the audit log", async () => {
    const { user, actor } = await caseworker();
    const { id, reference } = await createClaim({
      db: db(),
      key,
      lookupKey: TEST_LOOKUP_KEY,
      intake: intake(),
      source: "ASSISTED_DIGITAL",
      actor,
      keyedInById: user.id,
      now,
    });

    const claim = await db().claim.findUniqueOrThrow({
      where: { id },
      include: { events: true, claimant: { include: { bankDetails: true } } },
    });
    expect(claim).toMatchObject({ reference, status: "NEW", source: "ASSISTED_DIGITAL", keyedInById: user.id, createdAt: now });
    expect(claim.events).toEqual([
      expect.objectContaining({
        kind: "claim.received",
        actorId: user.id,
        summary: "Claim keyed in by Cara Caseworker (assisted digital)",
        at: now,
      }),
    ]);
    expect(decryptBankDetails(claim.claimant.bankDetails!.ciphertext, key).accountNumber).toBe("55779911");

    const [audit] = await db().auditLog.findMany({ where: { entityType: "Claim", entityId: id } });
    expect(audit).toMatchObject({ action: "claim.created", actorId: user.id, actorLabel: user.email });
    expect(audit.after).toMatchObject({
      source: "ASSISTED_DIGITAL",
      bankAccount: "*****911",
      expenseLines: 1,
      claimedPence: 1240,
    });
  });

  it("numbers expense lines from 1 in the order given", async () => {
    const { user, actor } = await caseworker();
    const { id } = await createClaim({
      db: db(),
      key,
      lookupKey: TEST_LOOKUP_KEY,
      intake: intake((b) => {
        b.expenses = [
          { type: "BUS", description: "Bus out", amountPence: 250 },
          { type: "BUS", description: "Bus back", amountPence: 250 },
          { type: "REFRESHMENTS", description: "Lunch", amountPence: 675 },
        ];
      }),
      source: "ASSISTED_DIGITAL",
      actor,
      keyedInById: user.id,
      now,
    });
    const lines = await db().expenseLine.findMany({ where: { claimId: id }, orderBy: { lineNo: "asc" } });
    expect(lines.map((l) => [l.lineNo, l.description, l.claimedPence])).toEqual([
      [1, "Bus out", 250],
      [2, "Bus back", 250],
      [3, "Lunch", 675],
    ]);
  });

  it("stores no bank details for a cash claim without them", async () => {
    const { user, actor } = await caseworker();
    const { id } = await createClaim({
      db: db(),
      key,
      lookupKey: TEST_LOOKUP_KEY,
      intake: intake((b) => {
        b.paymentMethod = "CASH";
        b.bankDetails = null;
      }),
      source: "ASSISTED_DIGITAL",
      actor,
      keyedInById: user.id,
      now,
    });
    const claim = await db().claim.findUniqueOrThrow({
      where: { id },
      include: { claimant: { include: { bankDetails: true } } },
    });
    expect(claim.claimant.bankDetails).toBeNull();
    const [audit] = await db().auditLog.findMany({ where: { entityType: "Claim", entityId: id } });
    expect(audit.after).toMatchObject({ paymentMethod: "CASH", bankAccount: null });
  });

  it("tries a new reference when the first one is taken", async () => {
    const { user, actor } = await caseworker();
    const first = await createClaim({
      db: db(),
      key,
      lookupKey: TEST_LOOKUP_KEY,
      intake: intake(),
      source: "ASSISTED_DIGITAL",
      actor,
      keyedInById: user.id,
      now,
      makeReference: () => "AAAAAAA",
    });
    expect(first.reference).toBe("AAAAAAA");
    const tries = ["AAAAAAA", "AAAAAAA", "BBBBBBB"];
    const second = await createClaim({
      db: db(),
      key,
      lookupKey: TEST_LOOKUP_KEY,
      intake: intake(),
      source: "ASSISTED_DIGITAL",
      actor,
      keyedInById: user.id,
      now,
      makeReference: () => tries.shift()!,
    });
    expect(second.reference).toBe("BBBBBBB");
    expect(await db().claim.count({ where: { reference: { in: ["AAAAAAA", "BBBBBBB"] } } })).toBe(2);
    expect(await db().expenseLine.count({ where: { claimId: second.id } })).toBe(1);
  });

  it("writes nothing when a step in the same transaction fails", async () => {
    const { user, actor } = await caseworker();
    const before = await counts();
    await expect(
      createClaim({
        db: db(),
        key,
        lookupKey: TEST_LOOKUP_KEY,
        intake: intake(),
        source: "ASSISTED_DIGITAL",
        actor,
        keyedInById: user.id,
        now,
        inSameTransaction: async () => {
          throw new Error("the caller's own write failed");
        },
      }),
    ).rejects.toThrow("the caller's own write failed");
    expect(await counts()).toEqual(before);
  });
});
