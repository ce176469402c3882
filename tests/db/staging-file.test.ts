// The staging file the runs and uploads put rows through on their way back into PostgreSQL: every
// row must come out exactly as written, whatever falls on the 256 KB block boundaries.
import { describe, expect, it } from "vitest";
import { csvRow } from "@/lib/db/copy-rows";
import { poolOf } from "@/lib/db/create-db";
import { StagingFile } from "@/lib/db/staging-file";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();

describe("StagingFile", () => {
  it("gives COPY back every row byte for byte: multi-byte text across block boundaries, quotes, line breaks and a row bigger than a block", async () => {
    const rows: [number, string][] = [];
    for (let seq = 1; seq <= 6000; seq += 1) {
      rows.push([seq, `Zoë Ångström € ${seq} ${"x".repeat(seq % 97)}, "quoted"\nsecond line`]);
    }
    rows.splice(3000, 0, [0, `${"ß".repeat(150_000)} end`]); // 300 KB in UTF-8

    const staging = await StagingFile.create("disburse-staging-test-");
    const client = await poolOf(db()).connect();
    try {
      for (const [seq, body] of rows) await staging.write(csvRow([seq, body]));
      await client.query("BEGIN");
      await client.query("CREATE TEMP TABLE staged (seq int NOT NULL, body text NOT NULL) ON COMMIT DROP");
      const copied = await staging.copyInto(client, "COPY staged (seq, body) FROM STDIN (FORMAT csv)");
      const back = await client.query<{ seq: number; body: string }>("SELECT seq, body FROM staged ORDER BY seq");
      await client.query("ROLLBACK");

      expect(copied).toBe(rows.length);
      expect(back.rows.map((r) => [r.seq, r.body])).toEqual([...rows].sort((a, b) => a[0] - b[0]));
    } finally {
      client.release();
      await staging.discard();
    }
  });
});
