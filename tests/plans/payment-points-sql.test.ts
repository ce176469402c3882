// A beneficiary's payment point in SQL (what the payroll build stores) is exactly the point
// pointFor gives in TypeScript, and the points they match are exactly matchingPoints': on random
// points (random filters, positions out of order, some with no filters at all) over random
// beneficiaries (missing, null and wrongly typed values, text differing in case, dates that only
// look like dates), on PostgreSQL.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { withPgTransaction } from "@/lib/db/pg-transaction";
import { Prisma } from "@/lib/generated/prisma/client";
import { matchingPointIdsSql, pointIdSql } from "@/lib/plans/payment-points/point-sql";
import { matchingPoints, pointFor, type MatchablePoint } from "@/lib/plans/payment-points/rules/which-point";
import type { AttributeValues } from "@/lib/plans/rules/condition-matches";
import { prng, randomAttributes, randomConditionalAmount } from "@/lib/plans/rules/random-rules.test-helper";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();

const SEED = 20261207;
const SCENARIOS = 250;
const PER_SCENARIO = 40;

function randomPoints(random: () => number): MatchablePoint[] {
  const count = 1 + Math.floor(random() * 4);
  // Positions shuffled (and with gaps): the order given must never matter, only the position.
  const positions = Array.from({ length: count }, (_, i) => (i + 1) * 3).sort(() => random() - 0.5);
  return positions.map((position) => ({
    id: randomUUID(),
    position,
    filters: random() < 0.1 ? [] : randomConditionalAmount(random).conditions,
  }));
}

describe("payment points in SQL", () => {
  it(
    `agree with pointFor and matchingPoints on ${SCENARIOS} random sets of points × ${PER_SCENARIO} beneficiaries`,
    { timeout: 120_000 },
    async () => {
      const random = prng(SEED);
      const scenarios = Array.from({ length: SCENARIOS }, () => randomPoints(random));
      const beneficiaries = scenarios.flatMap((_, s) =>
        Array.from({ length: PER_SCENARIO }, (_, no) => {
          const attributes: AttributeValues = JSON.parse(JSON.stringify(randomAttributes(random)));
          return { s, no, attributes };
        }),
      );
      const disagreements: string[] = [];
      const reached = { none: 0, first: 0, later: 0, overlap: 0 };
      await withPgTransaction(db(), async (tx) => {
        await tx.$executeRaw`
          CREATE TEMP TABLE beneficiary (scenario int, no int, attributes jsonb NOT NULL, PRIMARY KEY (scenario, no)) ON COMMIT DROP`;
        await tx.$executeRaw`
          INSERT INTO beneficiary
          SELECT * FROM unnest(${beneficiaries.map((b) => b.s)}::int[], ${beneficiaries.map((b) => b.no)}::int[],
                               ${beneficiaries.map((b) => JSON.stringify(b.attributes))}::jsonb[])`;
        for (const [s, points] of scenarios.entries()) {
          const rows = await tx.$queryRaw<{ no: number; point: string | null; matched: string[] }[]>`
            SELECT b.no, ${pointIdSql(points, Prisma.sql`b.attributes`)}::text AS point,
                   ${matchingPointIdsSql(points, Prisma.sql`b.attributes`)}::text[] AS matched
            FROM beneficiary b WHERE b.scenario = ${s}::int ORDER BY b.no`;
          expect(rows).toHaveLength(PER_SCENARIO);
          const sorted = [...points].sort((a, b) => a.position - b.position);
          for (const row of rows) {
            const { attributes } = beneficiaries[s * PER_SCENARIO + row.no];
            const want = {
              point: pointFor(points, attributes)?.id ?? null,
              matched: matchingPoints(points, attributes).map((p) => p.id),
            };
            const got = { point: row.point, matched: row.matched };
            if (JSON.stringify(got) !== JSON.stringify(want) && disagreements.length < 5) {
              disagreements.push(
                `seed ${SEED}, scenario ${s}, beneficiary ${row.no}: ${JSON.stringify({ points, attributes, got, want })}`,
              );
            }
            if (want.point === null) reached.none++;
            else if (want.point === sorted[0].id) reached.first++;
            else reached.later++;
            if (want.matched.length >= 2) reached.overlap++;
          }
        }
      });
      expect(disagreements).toEqual([]);
      // The random cases reached each outcome the agreement is about.
      for (const [name, n] of Object.entries(reached)) expect(n, name).toBeGreaterThan(50);
    },
  );

  it("gives no point, and matches none, when the plan has no points", async () => {
    const [row] = await db().$queryRaw<{ point: string | null; matched: string[] }[]>`
      SELECT ${pointIdSql([], Prisma.sql`'{}'::jsonb`)}::text AS point, ${matchingPointIdsSql([], Prisma.sql`'{}'::jsonb`)}::text[] AS matched`;
    expect(row).toEqual({ point: null, matched: [] });
  });
});
