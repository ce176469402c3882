// Migration 20261128180000_claim_second_approval: claims approved before every approval recorded
// its first approver take it from their first "claim.approved" timeline entry, so the 30-day sum
// counts them from the day of the upgrade.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { makeClaim } from "../support/make-claim";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();
const key = randomBytes(32);
const backfill = readFileSync(
  path.resolve(import.meta.dirname, "../../prisma/migrations/20261128180000_claim_second_approval/migration.sql"),
  "utf8",
);

describe("the first-approval backfill", () => {
  it("fills approved claims from their first approval event, and leaves undecided and already-filled claims alone", async () => {
    const [first, later, other] = [await makeUser(db()), await makeUser(db()), await makeUser(db())];
    const approvedAt = new Date("2026-11-01T09:00:00Z");
    const { claim: approved } = await makeClaim(db(), key);
    const { claim: failed } = await makeClaim(db(), key);
    const { claim: undecided } = await makeClaim(db(), key);
    const { claim: filled } = await makeClaim(db(), key);
    await db().claim.update({ where: { id: approved.id }, data: { status: "APPROVED" } });
    await db().claim.update({
      where: { id: failed.id },
      data: { status: "INFORMATION_REQUESTED", informationRequestKind: "BANK_DETAILS" },
    });
    const filledAt = new Date("2026-11-20T12:00:00Z");
    await db().claim.update({
      where: { id: filled.id },
      data: { status: "APPROVED", firstApprovedById: other.id, firstApprovedAt: filledAt },
    });
    await db().claimEvent.createMany({
      data: [
        {
          claimId: approved.id,
          kind: "claim.approved",
          summary: "Approved",
          actorId: later.id,
          at: new Date("2026-11-03T09:00:00Z"),
        },
        { claimId: approved.id, kind: "claim.approved", summary: "Approved", actorId: first.id, at: approvedAt },
        { claimId: failed.id, kind: "claim.approved", summary: "Approved", actorId: first.id, at: approvedAt },
        { claimId: undecided.id, kind: "claim.received", summary: "Claim received", at: approvedAt },
        { claimId: filled.id, kind: "claim.approved", summary: "Approved", actorId: first.id, at: approvedAt },
      ],
    });

    await db().$executeRawUnsafe(backfill);

    const after = async (id: string) =>
      db().claim.findUniqueOrThrow({ where: { id }, select: { firstApprovedById: true, firstApprovedAt: true, version: true } });
    expect(await after(approved.id)).toEqual({ firstApprovedById: first.id, firstApprovedAt: approvedAt, version: 0 });
    expect(await after(failed.id)).toEqual({ firstApprovedById: first.id, firstApprovedAt: approvedAt, version: 0 });
    expect(await after(undecided.id)).toEqual({ firstApprovedById: null, firstApprovedAt: null, version: 0 });
    expect(await after(filled.id)).toEqual({ firstApprovedById: other.id, firstApprovedAt: filledAt, version: 0 });
  });
});
