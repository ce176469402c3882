// The failed-payments upload looks AccessPay lines up by upper("fileReference")
// (check-failed-payments.ts). With sequential scans ruled out, PostgreSQL must find an index for
// that shape: without the expression index it could only read the whole FileLine table.
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();

describe("FileLine reference lookup", () => {
  it("is answered by the upper(fileReference) index", async () => {
    const plan = await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL enable_seqscan = off`);
      const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(
        `EXPLAIN SELECT id FROM "FileLine" l WHERE upper(l."fileReference") = ANY($1::text[])`,
        ["7KQ2M9X-01", "ROLL 1/2"],
      );
      return rows.map((r) => r["QUERY PLAN"]).join("\n");
    });
    expect(plan).toContain("FileLine_upper_fileReference_idx");
  });
});
