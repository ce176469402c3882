import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";

// "Waiting for me": the four-eyes checks a caseworker may make, each never their own
// (docs/caseworker-queue.md#waiting-for-me). A bank-details change or a name and address change
// another caseworker proposed (or the claimant sent through the online service, for bank details),
// and a claim waiting for its second approval that they neither approved first nor keyed in (the
// rule of lib/claims/rules/second-approval.ts, as SQL). Enrolment-file bank details are plan
// managers' to check, so changes an upload proposed are left out.

export type WaitingItem = {
  id: string;
  /** Who the change or claim is for. */
  personName: string;
  /** When it started waiting: proposed, or first approved. */
  since: Date;
  /** Where to decide it: the claim page, or the person page when they have no claim. */
  href: string;
  /** The claim linked to, if any. */
  claimReference: string | null;
};

export type WaitingList = { count: number; oldest: WaitingItem[] };

export type WaitingForMe = { bankDetails: WaitingList; secondApprovals: WaitingList; personDetails: WaitingList };

type Row = {
  id: string;
  firstName: string;
  lastName: string;
  since: Date;
  personId: string;
  claimReference: string | null;
  total: number;
};

/** The person's latest open claim, else their latest claim: where a change of their details is decided. */
const latestClaimOf = (person: Prisma.Sql) => Prisma.sql`(
  SELECT cl.reference FROM "Claim" cl WHERE cl."claimantId" = ${person}
  ORDER BY (cl.status IN ('NEW', 'UPDATED', 'INFORMATION_REQUESTED', 'AWAITING_SECOND_APPROVAL')) DESC, cl."createdAt" DESC
  LIMIT 1)`;

function toList(rows: Row[]): WaitingList {
  return {
    count: rows[0]?.total ?? 0,
    oldest: rows.map((r) => ({
      id: r.id,
      personName: `${r.firstName} ${r.lastName}`,
      since: r.since,
      claimReference: r.claimReference,
      href: r.claimReference ? `/claims/${r.claimReference}` : `/claimants/${r.personId}`,
    })),
  };
}

export async function listWaitingForMe(options: { db: Db; userId: string; oldest?: number }): Promise<WaitingForMe> {
  const { db, userId, oldest = 5 } = options;
  const me = Prisma.sql`${userId}::uuid`;
  const [bankDetails, secondApprovals, personDetails] = await Promise.all([
    db.$queryRaw<Row[]>`
      SELECT ch.id, p."firstName", p."lastName", ch."proposedAt" AS since, p.id AS "personId",
        ${latestClaimOf(Prisma.sql`p.id`)} AS "claimReference", count(*) OVER ()::int AS total
      FROM "BankDetailChange" ch JOIN "Claimant" p ON p.id = ch."claimantId"
      WHERE ch.status = 'PENDING' AND ch."uploadId" IS NULL AND ch."proposedById" IS DISTINCT FROM ${me}
        AND EXISTS (SELECT 1 FROM "Claim" c WHERE c."claimantId" = p.id)
      ORDER BY ch."proposedAt", ch.id
      LIMIT ${oldest}`,
    db.$queryRaw<Row[]>`
      SELECT c.id, p."firstName", p."lastName", coalesce(c."firstApprovedAt", c."updatedAt") AS since, p.id AS "personId",
        c.reference AS "claimReference", count(*) OVER ()::int AS total
      FROM "Claim" c JOIN "Claimant" p ON p.id = c."claimantId"
      WHERE c.status = 'AWAITING_SECOND_APPROVAL'
        AND c."firstApprovedById" IS DISTINCT FROM ${me} AND c."keyedInById" IS DISTINCT FROM ${me}
      ORDER BY since, c.id
      LIMIT ${oldest}`,
    db.$queryRaw<Row[]>`
      SELECT ch.id, p."firstName", p."lastName", ch."proposedAt" AS since, p.id AS "personId",
        ${latestClaimOf(Prisma.sql`p.id`)} AS "claimReference", count(*) OVER ()::int AS total
      FROM "PersonDetailsChange" ch JOIN "Claimant" p ON p.id = ch."claimantId"
      WHERE ch.status = 'PENDING' AND ch."proposedById" <> ${me}
      ORDER BY ch."proposedAt", ch.id
      LIMIT ${oldest}`,
  ]);
  return { bankDetails: toList(bankDetails), secondApprovals: toList(secondApprovals), personDetails: toList(personDetails) };
}
