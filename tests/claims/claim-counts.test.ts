// The home page's counts come from "ClaimCount", kept by statement triggers on "Claim" (migration
// 20261128100000_claim_list_at_scale). They must stay exactly what counting "Claim" says: after
// inserts, status and assignee and needs-attention changes, deletes and TRUNCATE, under concurrent
// writers, and while countClaimsByStatus folds the rows. Writers only append rows, so two writers
// moving claims between the same groups never wait on each other.
import { beforeAll, describe, expect, it } from "vitest";
import { compactClaimCounts, countClaimsByStatus, type ClaimCounts } from "@/lib/claims/list/count-claims-by-status";
import { poolOf } from "@/lib/db/create-db";
import { ClaimStatus } from "@/lib/generated/prisma/enums";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
let me: string;
let other: string;
let batch = 0;

beforeAll(async () => {
  me = (await makeUser(db())).id;
  other = (await makeUser(db())).id;
});

/** `count` claims in one INSERT … SELECT (one trigger call), spread over statuses, assignees and attention. */
async function addClaims(count: number): Promise<void> {
  batch += 1;
  await db().$executeRawUnsafe(
    `
    WITH cl AS (
      INSERT INTO "Claimant" (id, "firstName", "lastName", "dateOfBirth", "addressLine1", town, postcode, country, "contactPreference", "updatedAt")
      SELECT gen_random_uuid(), 'Ada', 'Lovelace' || i, date '1980-01-01', '1 High Street', 'Leeds', 'LS1 1AA', 'England', 'LETTER', now()
      FROM generate_series(1, $1::int) i
      RETURNING id
    )
    INSERT INTO "Claim" (id, reference, "claimantId", status, "eventDate", "paymentMethod", source, "assignedToId", "needsAttention", "updatedAt")
    SELECT gen_random_uuid(),
      (SELECT string_agg(substr('${ALPHABET}', ((n / (32::bigint ^ k)::bigint) % 32)::int + 1, 1), '' ORDER BY k DESC) FROM generate_series(0, 6) k),
      id, (enum_range(NULL::"ClaimStatus"))[1 + n % 5], date '2026-01-01', 'BANK', 'API',
      CASE n % 3 WHEN 0 THEN $2::uuid WHEN 1 THEN $3::uuid END, n % 4 = 0, now()
    FROM (SELECT id, $4::bigint * 1000000 + row_number() OVER () AS n FROM cl) x`,
    count,
    me,
    other,
    batch,
  );
}

/** The counts straight from "Claim", as countClaimsByStatus counted before the triggers. */
async function countedFromClaims(userId: string): Promise<ClaimCounts> {
  const rows = await db().$queryRaw<{ status: ClaimStatus; total: number; attention: number; assigned: number }[]>`
    SELECT status::text AS status, count(*)::int AS total,
      (count(*) FILTER (WHERE "needsAttention"))::int AS attention,
      (count(*) FILTER (WHERE "assignedToId" = ${userId}::uuid))::int AS assigned
    FROM "Claim" GROUP BY status`;
  const byStatus = Object.fromEntries(Object.values(ClaimStatus).map((s) => [s, 0])) as Record<ClaimStatus, number>;
  for (const row of rows) byStatus[row.status] = row.total;
  return {
    byStatus,
    needsAttention: rows.reduce((sum, r) => sum + r.attention, 0),
    assignedToUser: rows.reduce((sum, r) => sum + r.assigned, 0),
  };
}

async function expectExact(): Promise<void> {
  for (const userId of [me, other]) {
    expect(await countClaimsByStatus({ db: db(), userId })).toEqual(await countedFromClaims(userId));
  }
}

const counterRows = async () => (await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "ClaimCount"`)[0].n;

describe("ClaimCount: the home page's counts, kept by triggers", () => {
  it("starts at zero and counts inserts, one statement or many", async () => {
    expect(await countClaimsByStatus({ db: db(), userId: me })).toEqual({
      byStatus: { NEW: 0, INFORMATION_REQUESTED: 0, UPDATED: 0, APPROVED: 0, REJECTED: 0, AWAITING_SECOND_APPROVAL: 0 },
      needsAttention: 0,
      assignedToUser: 0,
    });
    await addClaims(500);
    await expectExact();
    const [claimant] = await db().$queryRaw<{ id: string }[]>`SELECT "claimantId"::text AS id FROM "Claim" LIMIT 1`;
    await db().claim.create({
      data: {
        reference: "ZZZZZZ1",
        claimantId: claimant.id,
        eventDate: new Date("2026-01-01"),
        paymentMethod: "CASH",
        source: "API",
      },
    });
    await expectExact();
    expect((await countClaimsByStatus({ db: db(), userId: me })).byStatus.NEW).toBe(101);
  });

  it("follows status, assignee and needs-attention changes, set-based or one by one, and ignores other changes", async () => {
    await db().$executeRaw`UPDATE "Claim" SET status = 'APPROVED' WHERE status = 'UPDATED'`;
    await expectExact();
    await db().$executeRaw`UPDATE "Claim" SET "assignedToId" = ${me}::uuid WHERE "assignedToId" IS NULL AND status = 'NEW'`;
    await db().$executeRaw`UPDATE "Claim" SET "needsAttention" = NOT "needsAttention" WHERE status = 'APPROVED'`;
    await expectExact();
    const one = await db().claim.findFirstOrThrow({ where: { status: "NEW" } });
    await db().claim.update({ where: { id: one.id }, data: { status: "REJECTED", assignedToId: other, needsAttention: true } });
    await expectExact();
    const before = await counterRows();
    await db().$executeRaw`UPDATE "Claim" SET version = version + 1, "rejectionReason" = 'x' WHERE status = 'REJECTED'`;
    expect(await counterRows()).toBe(before); // nothing counted moved: no rows added
    await expectExact();
  });

  it("counts deletes", async () => {
    await db().$executeRaw`DELETE FROM "Claim" WHERE reference = 'ZZZZZZ1'`;
    await expectExact();
    await addClaims(50);
    await expectExact();
  });

  it("folds its rows into one per group without changing any count", async () => {
    const before = await countClaimsByStatus({ db: db(), userId: me });
    expect(await counterRows()).toBeGreaterThan(5);
    await compactClaimCounts(db());
    const groups = await db().$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM (SELECT DISTINCT status, "needsAttention", "assignedToId" FROM "Claim") g`;
    expect(await counterRows()).toBe(groups[0].n);
    expect(await countClaimsByStatus({ db: db(), userId: me })).toEqual(before);
    await expectExact();
  });

  it("folds by itself when read with many more rows than groups", async () => {
    const one = await db().claim.findFirstOrThrow({ where: { status: "APPROVED" } });
    for (let i = 0; i < 60; i++) {
      await db().claim.update({ where: { id: one.id }, data: { needsAttention: i % 2 === 0 } });
      await db().claim.update({ where: { id: one.id }, data: { assignedToId: i % 2 === 0 ? me : other } });
    }
    const rowsBefore = await counterRows();
    await expectExact(); // reads, and folds: 120 single-change rows is more than twice the groups and 100
    expect(await counterRows()).toBeLessThan(rowsBefore);
    await expectExact();
  });

  it("stays exact with concurrent writers, moving claims between the same groups, while reads fold the rows", async () => {
    const ids = (await db().$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM "Claim" ORDER BY id`).map((r) => r.id);
    const statuses = Object.values(ClaimStatus);
    let stop = false;
    const folding = (async () => {
      let folds = 0;
      while (!stop) {
        await compactClaimCounts(db());
        await countClaimsByStatus({ db: db(), userId: me });
        folds += 1;
      }
      return folds;
    })();
    // 8 writers, 25 transactions each, every one moving 3 claims (overlapping other writers', taken
    // in id order so that only the counting could make them deadlock) and now and then adding some.
    const writers = Array.from({ length: 8 }, (_, w) =>
      (async () => {
        for (let t = 0; t < 25; t++) {
          const picked = [0, 1, 2].map((k) => ids[(w * 97 + t * 31 + k * 13) % ids.length]).sort();
          await db().$transaction(async (tx) => {
            for (const [k, id] of picked.entries()) {
              await tx.claim.update({
                where: { id },
                data: {
                  status: statuses[(w + t + k) % statuses.length],
                  assignedToId: (w + k) % 3 === 0 ? null : (w + t) % 2 ? me : other,
                  needsAttention: (t + k) % 2 === 0,
                },
              });
            }
          });
          if (t % 10 === 0) await addClaims(5);
        }
      })(),
    );
    await Promise.all(writers);
    stop = true;
    expect(await folding).toBeGreaterThan(0);
    await expectExact();
  }, 120_000);

  it("never makes a writer wait for another's counter row", async () => {
    const [a, b] = await db().$queryRaw<
      { id: string }[]
    >`SELECT id::text AS id FROM "Claim" WHERE status = 'NEW' ORDER BY id LIMIT 2`;
    const pool = poolOf(db());
    const first = await pool.connect();
    const second = await pool.connect();
    try {
      await first.query("BEGIN");
      await first.query(`UPDATE "Claim" SET status = 'APPROVED' WHERE id = $1`, [a.id]);
      // Same move (NEW to APPROVED), same groups, while the first transaction is still open.
      await second.query("BEGIN");
      await second.query("SET LOCAL lock_timeout = '2s'");
      await second.query(`UPDATE "Claim" SET status = 'APPROVED' WHERE id = $1`, [b.id]);
      await second.query("COMMIT");
      await expectExact(); // the second's change counted, the first's not yet
      await first.query("COMMIT");
      await expectExact();
    } finally {
      first.release();
      second.release();
    }
  });

  it("is emptied by TRUNCATE", async () => {
    await db().$executeRawUnsafe(`TRUNCATE "Claim" CASCADE`);
    await expectExact();
    expect(await counterRows()).toBe(0);
  });
});
