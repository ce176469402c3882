// An enrolment file is checked, applied and decided set-based: a file of 20,000 new people takes the
// same number of statements as one of 2,000, and fewer than a fixed bound. Counted at the pg driver
// (every statement, whoever sends it: the upload shell, COPY, movePayments, the audit).
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decideEnrolmentFileChanges } from "@/lib/plans/enrolments/enrolment-file/decide-enrolment-file-changes";
import { countStatements } from "../support/count-statements";
import { useTestDatabase } from "../support/test-db";
import { useTempStore } from "../runs/run-test-support";
import { enrolmentFile, FILE_NOW, filePlan, manyPeople, uploadFile } from "./enrolments-file-support";
import { planManager } from "./enrolments-support";

const { db } = useTestDatabase();
const store = useTempStore();
const key = randomBytes(32);

/** The most statements an applied enrolment file may take, and its decision, whatever their size. */
const MAX_UPLOAD_STATEMENTS = 50;
const MAX_DECIDE_STATEMENTS = 30;

async function counted(n: number, code: string) {
  const plan = await filePlan(db(), code);
  const bytes = enrolmentFile(manyPeople(n, n));
  const uploaded = await countStatements(() => uploadFile(db(), store(), key, { planId: plan.id, actor: plan.maker, bytes }));
  expect(uploaded.result).toMatchObject({ status: "APPLIED", counts: { rows: n, matched: n, errors: 0 } });
  const [written] = await db().$queryRaw<{ people: number; changes: number; sets: number }[]>`
    SELECT (SELECT count(*) FROM "Enrolment" WHERE "benefitPlanId" = ${plan.id}::uuid)::int AS people,
           (SELECT count(*) FROM "BankDetailChange" WHERE "uploadId" = ${uploaded.result.uploadId}::uuid)::int AS changes,
           (SELECT count(*) FROM "EnrolmentAttributes" a JOIN "Enrolment" e ON e.id = a."enrolmentId"
            WHERE e."benefitPlanId" = ${plan.id}::uuid)::int AS sets`;
  expect(written).toEqual({ people: n, changes: n, sets: n });

  const checker = await planManager(db());
  const decided = await countStatements(() =>
    decideEnrolmentFileChanges({
      db: db(),
      key,
      planCode: code,
      uploadId: uploaded.result.uploadId,
      approve: true,
      actor: checker,
      now: FILE_NOW,
    }),
  );
  expect(decided.result).toMatchObject({ bankDetails: n, paymentMethods: n });
  return { upload: uploaded, decide: decided };
}

describe("enrolment file statement count", () => {
  it(
    `takes the same statements (at most ${MAX_UPLOAD_STATEMENTS} to upload, ${MAX_DECIDE_STATEMENTS} to decide) for 2,000 people as for 20,000`,
    { timeout: 600_000 },
    async () => {
      const small = await counted(2_000, "SCALE-S");
      const large = await counted(20_000, "SCALE-L");
      expect(small.upload.statements, small.upload.texts.join("\n---\n")).toBeLessThanOrEqual(MAX_UPLOAD_STATEMENTS);
      expect(small.decide.statements, small.decide.texts.join("\n---\n")).toBeLessThanOrEqual(MAX_DECIDE_STATEMENTS);
      expect(large.upload.statements).toBe(small.upload.statements);
      expect(large.decide.statements).toBe(small.decide.statements);
    },
  );
});
