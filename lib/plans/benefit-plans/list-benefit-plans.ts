import type { Db } from "@/lib/db";

export type BenefitPlanSummary = {
  code: string;
  name: string;
  attributes: number;
  /** Enrolled on `today`: from on or before it, and not ended before it. */
  activeBeneficiaries: number;
  enrolments: number;
};

/** Every benefit plan with its beneficiary counts, by code: one statement. */
export async function listBenefitPlans(db: Db, today: string): Promise<BenefitPlanSummary[]> {
  return db.$queryRaw<BenefitPlanSummary[]>`
    SELECT b.code, b.name, jsonb_array_length(b.attributes)::int AS attributes,
           count(e.id) FILTER (WHERE e."enrolledFrom" <= ${today}::date
                                 AND (e."enrolledTo" IS NULL OR e."enrolledTo" >= ${today}::date))::int AS "activeBeneficiaries",
           count(e.id)::int AS enrolments
    FROM "BenefitPlan" b LEFT JOIN "Enrolment" e ON e."benefitPlanId" = b.id
    GROUP BY b.id
    ORDER BY b.code`;
}
