// A payment cycle's payroll at scale (`npm run bench -- --only cycle`): a benefit plan of N
// beneficiaries, filled set-based, and a monthly payment plan with the demo's rule (a base amount,
// two conditional amounts under a ceiling, one outside it, a per-payment limit; lib/demo/demo-benefits.ts)
// and two payment points. Interleaved, each on a fresh copy in a child process of its own
// (cycle-step.mts): the product, an accountant creating December's cycle through createCycle (its
// payroll built by buildPayroll in the same transaction), and its limit, the same rows written by
// one INSERT … SELECT per table from the payroll worked out in advance.
import { DEMO_ATTRIBUTES, DEMO_RULE, REGION, type Region } from "../../lib/demo/demo-benefits.ts";
import { Prisma } from "../../lib/generated/prisma/client.ts";
import { compileRuleSql } from "../../lib/plans/compile-rule-sql.ts";
import {
  ACCOUNTANT_EMAIL,
  ACCOUNTANT_ID,
  BENEFIT_PLAN_ID,
  EXPECTED_LINES,
  EXPECTED_PAYMENTS,
  PAYMENT_PLAN_ID,
  PERIOD_START,
  PLAN_VERSION_ID,
  POINT_IDS,
  VALID_FROM,
  type CycleStepInput,
} from "./cycle-data.mts";
import {
  measureProductVsLimit,
  productVsLimitTable,
  stopProductVsLimitStep,
  type CountedPair,
  type PairBenchOptions,
} from "./product-vs-limit.mts";
import { connect } from "./step-support.mts";

const CREATED_AT = "2026-10-15T09:00:00.000Z";
const POINTS: { id: string; name: string; regions: Region[] }[] = [
  { id: POINT_IDS[0], name: "North and Midlands", regions: ["North", "Midlands"] },
  { id: POINT_IDS[1], name: "South and Wales", regions: ["South", "Wales"] },
];

/** Stops the measurement in progress, if any (Ctrl-C). */
export const stopCycleStep = stopProductVsLimitStep;

/**
 * The plan, its N beneficiaries (people, enrolments, attribute sets: each one INSERT … SELECT over
 * generate_series) and, for the limit, the payroll the rule gives them with its lines.
 */
async function prepare(url: string, n: number): Promise<void> {
  const client = await connect(url);
  const query = (sql: Prisma.Sql) => client.query(sql.text, sql.values as unknown[]);
  try {
    await client.query("BEGIN");
    await client.query(
      `INSERT INTO "User" (id, email, name, role, "passwordHash", "updatedAt")
       VALUES ($1, $2, 'Bench accountant', 'ACCOUNTANT', 'not-a-hash', now())`,
      [ACCOUNTANT_ID, ACCOUNTANT_EMAIL],
    );
    await client.query(
      `INSERT INTO "BenefitPlan" (id, code, name, attributes, "createdById", "createdAt", "updatedAt")
       VALUES ($1, 'BENCH-CARERS', 'Bench carers', $2::jsonb, $3, $4, $4)`,
      [BENEFIT_PLAN_ID, JSON.stringify(DEMO_ATTRIBUTES), ACCOUNTANT_ID, CREATED_AT],
    );
    // Every household size, region, disability and number of care hours in turn: all three
    // conditional amounts, the ceiling and (one in 997) the limit come up; one in 211 has no region.
    await client.query(
      `INSERT INTO "Claimant" (id, reference, "firstName", "lastName", "dateOfBirth", "addressLine1", town, postcode, country,
                               "contactPreference", "createdAt", "updatedAt")
       SELECT md5('person' || i)::uuid, 'B' || lpad(upper(to_hex(i)), 6, '0'), 'Beneficiary', 'Number ' || i,
              DATE '1950-01-01' + i % 20000, '1 High Street', 'Leeds', 'LS1 1AA', 'England', 'LETTER', $2, $2
       FROM generate_series(1, $1::int) i`,
      [n, CREATED_AT],
    );
    await client.query(
      `INSERT INTO "Enrolment" (id, "benefitPlanId", "personId", "paymentMethod", "enrolledFrom", "createdById", "createdAt", "updatedAt")
       SELECT md5('enrolment' || i)::uuid, $2, md5('person' || i)::uuid,
              (CASE WHEN i % 4 = 0 THEN 'CASH' ELSE 'BANK' END)::"PaymentMethod", DATE '2026-09-01', $3, $4, $4
       FROM generate_series(1, $1::int) i`,
      [n, BENEFIT_PLAN_ID, ACCOUNTANT_ID, CREATED_AT],
    );
    await client.query(
      `INSERT INTO "EnrolmentAttributes" (id, "enrolmentId", "effectiveFrom", values, "createdById", "createdAt")
       SELECT md5('attributes' || i)::uuid, md5('enrolment' || i)::uuid, DATE '2026-09-01',
              jsonb_strip_nulls(jsonb_build_object(
                'Household size', 1 + i % 6,
                'Region', CASE WHEN i % 211 <> 0 THEN (ARRAY['North', 'Midlands', 'South', 'Wales'])[1 + (i / 7) % 4] END,
                'Disability', i % 3 = 0,
                'Date of birth', to_char(DATE '1950-01-01' + i % 20000, 'YYYY-MM-DD'),
                'Care hours a week', CASE WHEN i % 997 = 0 THEN 55 ELSE 35 + i % 15 END)),
              $2, $3
       FROM generate_series(1, $1::int) i`,
      [n, ACCOUNTANT_ID, CREATED_AT],
    );
    await client.query(
      `INSERT INTO "PaymentPlan" (id, code, name, "benefitPlanId", "periodicityMonths", "validFrom", "carryOverUnpaid", "createdById", "createdAt")
       VALUES ($1, 'BENCH-MONTHLY', 'Bench carers, monthly', $2, 1, $3, true, $4, $5)`,
      [PAYMENT_PLAN_ID, BENEFIT_PLAN_ID, VALID_FROM, ACCOUNTANT_ID, CREATED_AT],
    );
    await client.query(
      `INSERT INTO "PaymentPlanVersion" (id, "paymentPlanId", version, rule, "createdById", "createdAt")
       VALUES ($1, $2, 1, $3::jsonb, $4, $5)`,
      [PLAN_VERSION_ID, PAYMENT_PLAN_ID, JSON.stringify(DEMO_RULE), ACCOUNTANT_ID, CREATED_AT],
    );
    for (const [i, point] of POINTS.entries()) {
      const filters = [{ attribute: REGION, type: "ONE_OF", operator: "in", value: point.regions }];
      await client.query(
        `INSERT INTO "PaymentPoint" (id, "benefitPlanId", name, position, filters, "managerId", "createdById", "createdAt", "updatedAt")
         VALUES ($1, $2, $3, $4, $5::jsonb, NULL, $6, $7, $7)`,
        [point.id, BENEFIT_PLAN_ID, point.name, i + 1, JSON.stringify(filters), ACCOUNTANT_ID, CREATED_AT],
      );
    }

    // The limit's input, not timed: each beneficiary's payment as the rule prices it (the rule
    // compiled to SQL, as the product does), its first matching point, and its lines.
    await client.query(`CREATE TABLE ${EXPECTED_PAYMENTS} (id uuid PRIMARY KEY, reference text NOT NULL, person_id uuid NOT NULL,
      method "PaymentMethod" NOT NULL, amount int NOT NULL, status text NOT NULL, point_id uuid, lines jsonb NOT NULL)`);
    const calc = compileRuleSql(DEMO_RULE, { attributes: Prisma.sql`a.values`, carriedOverPence: Prisma.sql`NULL::bigint` });
    const pointOf = Prisma.sql`CASE WHEN a.values->>'Region' IN ('North', 'Midlands') THEN ${POINT_IDS[0]}::uuid
                                    WHEN a.values->>'Region' IN ('South', 'Wales') THEN ${POINT_IDS[1]}::uuid END`;
    await query(Prisma.sql`
      INSERT INTO ${Prisma.raw(EXPECTED_PAYMENTS)}
      SELECT md5('payment' || e.id)::uuid, c.reference || '-' || ${PERIOD_START.slice(0, 7).replace("-", "")}, e."personId",
             e."paymentMethod", calc."totalPence"::int, calc.status, ${pointOf}, calc.lines
      FROM "Enrolment" e JOIN "Claimant" c ON c.id = e."personId" JOIN "EnrolmentAttributes" a ON a."enrolmentId" = e.id
      CROSS JOIN LATERAL (${calc}) AS calc
      WHERE calc.status <> 'NOTHING_DUE'`);
    await client.query(`CREATE TABLE ${EXPECTED_LINES} AS
      SELECT p.id AS payment_id, l.no::int AS line_no, l.line->>'kind' AS kind, l.line->>'label' AS label,
             (l.line->>'amountPence')::int AS amount
      FROM ${EXPECTED_PAYMENTS} p CROSS JOIN LATERAL jsonb_array_elements(p.lines) WITH ORDINALITY AS l(line, no)`);
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
  const vacuum = await connect(url);
  await vacuum.query("VACUUM (FREEZE, ANALYZE)").finally(() => vacuum.end());
}

export interface CycleFigures {
  cycle: CountedPair;
}

export async function measureCycle(options: PairBenchOptions): Promise<{ figures: CycleFigures; table: string }> {
  const { n, now } = options;
  const pair = await measureProductVsLimit({
    ...options,
    name: "cycle",
    script: "cycle-step.mts",
    template: "cycle",
    copy: "c",
    prepare: async (url) => {
      await prepare(url, n);
      return `cycle: ${n.toLocaleString("en-GB")} beneficiaries and their payroll`;
    },
    input: (step, url): CycleStepInput => ({ step, url, n, now }),
  });
  const heading = `Payment cycle, ${n.toLocaleString("en-GB")} beneficiaries`;
  return { figures: { cycle: pair }, table: productVsLimitTable(pair, heading, "cycle created, payroll built") };
}
