// The journey's one statement reaches every source through an index (docs/payment-journey.md#one-query):
// with sequential scans priced out, a branch that had no usable index would still show one. At scale
// the bench (scripts/bench/journey.mts) times it and keeps its EXPLAIN (ANALYZE, BUFFERS).
import { describe, expect, it } from "vitest";
import { journeyStatement } from "@/lib/journey/journey-query";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();

async function plan(key: string): Promise<string> {
  const statement = journeyStatement(key);
  if (!statement) throw new Error(`no statement for ${key}`);
  return db().$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
    const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": string }[]>(`EXPLAIN ${statement.text}`, ...statement.values);
    return rows.map((r) => r["QUERY PLAN"]).join("\n");
  });
}

describe("the journey's query plan", () => {
  it.each([
    ["a UUID", "9d3c1e7a-4b2f-4a6e-8c1d-2e3f4a5b6c7d"],
    ["a reference", "7kq2m9x-01"],
  ])("finds the payment by %s and every source by an index, with no sequential scan", async (_, key) => {
    const text = await plan(key);
    expect(text).not.toMatch(/Seq Scan/);
    for (const index of [
      "PaymentStatusHistory_paymentId_id_idx",
      "FileLine_paymentId_idx",
      "FileDownload_batchFileId_downloadedAt_idx",
      "Notification_paymentId_idx",
      "Notification_dedupeKey_key",
      "Notification_claimId_idx",
      "ClaimEvent_claimId_at_idx",
      "PaymentCycleEvent_cycleId_id_idx",
      "Payment_replacesId_key",
      "PaymentLine_carriedFromPaymentId_key",
    ]) {
      expect(text).toContain(index);
    }
  });

  it("is the same statement for every payment: only its two parameters differ", () => {
    const a = journeyStatement("9d3c1e7a-4b2f-4a6e-8c1d-2e3f4a5b6c7d")!;
    const b = journeyStatement("7KQ2M9X-01")!;
    expect(a.text).toBe(b.text);
    expect(a.values).toEqual(["9d3c1e7a-4b2f-4a6e-8c1d-2e3f4a5b6c7d", null]);
    expect(b.values).toEqual([null, "7KQ2M9X-01"]);
  });
});
