import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { assignClaimToSelf } from "@/lib/claims/assign-claim";
import { STALE_MESSAGE } from "@/lib/claims/lock-claim";
import { makeUser } from "../support/make-user";
import { makeClaim } from "../support/make-claim";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();
const key = randomBytes(32);

async function caseworker() {
  const u = await makeUser(db(), { role: "CASEWORKER" });
  return { id: u.id, email: u.email, name: u.name };
}

const assign = (reference: string, expectedVersion: number, actor: Awaited<ReturnType<typeof caseworker>>) =>
  assignClaimToSelf({ db: db(), reference, expectedVersion, actor });

// The refusal of a stale form names the claim's latest timeline entry (lib/claims/lock-claim.ts).
describe("a stale claim form", () => {
  it("tells the same caseworker that they changed it in another tab, and what they did", async () => {
    const fiona = await caseworker();
    const { claim } = await makeClaim(db(), key);
    await assign(claim.reference, claim.version, fiona);
    const refused = await assign(claim.reference, claim.version, fiona).catch((e: unknown) => e);
    expect(refused).toMatchObject({
      code: "STALE",
      message: expect.stringMatching(
        new RegExp(`^You changed this claim in another tab at \\d{2}:\\d{2}: Assigned to ${fiona.name}\\. Reload the page`),
      ),
    });
  });

  it("names the other caseworker who changed it, never their email", async () => {
    const [fiona, omar] = [await caseworker(), await caseworker()];
    const { claim } = await makeClaim(db(), key);
    await assign(claim.reference, claim.version, fiona);
    const refused = (await assign(claim.reference, claim.version, omar).catch((e: unknown) => e)) as Error;
    expect(refused.message).toMatch(
      new RegExp(`^${fiona.name} changed this claim at \\d{2}:\\d{2}: Assigned to ${fiona.name}\\.`),
    );
    expect(refused.message).not.toContain(fiona.email);
    // Nothing changed: the claim is still Fiona's, at the version her change made.
    const after = await db().claim.findUniqueOrThrow({ where: { id: claim.id } });
    expect([after.assignedToId, after.version]).toEqual([fiona.id, claim.version + 1]);
  });

  it("names the change, not the message to the claimant that it queued", async () => {
    const [fiona, omar] = [await caseworker(), await caseworker()];
    const { claim } = await makeClaim(db(), key);
    await assign(claim.reference, claim.version, fiona);
    await db().claimEvent.create({
      data: {
        claimId: claim.id,
        actorId: fiona.id,
        kind: "message.queued",
        summary: "Email queued: Your claim",
        at: new Date(Date.now() + 1000),
      },
    });
    const refused = (await assign(claim.reference, claim.version, omar).catch((e: unknown) => e)) as Error;
    expect(refused.message).toContain(`: Assigned to ${fiona.name}.`);
    expect(refused.message).not.toContain("Email queued");
  });

  it("names nobody when the claim has no timeline entry to go by", async () => {
    const omar = await caseworker();
    const { claim } = await makeClaim(db(), key);
    await db().claimEvent.deleteMany({ where: { claimId: claim.id } });
    await db().claim.update({ where: { id: claim.id }, data: { version: { increment: 1 } } });
    await expect(assign(claim.reference, claim.version, omar)).rejects.toMatchObject({ code: "STALE", message: STALE_MESSAGE });
  });
});
