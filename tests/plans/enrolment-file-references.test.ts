// The references of an enrolment file's new people (stageFreshReferences) are streamed into the
// database as they are made, so that a file of a million people never holds a million candidates:
// one taken by someone on record, or made twice, is dropped by the statement and made up in the next
// round; the rest keep the order they were made in; a maker that only gives taken ones fails
// instead of looping.
import { beforeAll, describe, expect, it } from "vitest";
import { withPgTransaction } from "@/lib/db/pg-transaction";
import { stageFreshReferences } from "@/lib/plans/enrolments/fresh-person-references";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();

beforeAll(async () => {
  await db().$executeRaw`
    INSERT INTO "Claimant" (id, reference, "firstName", "lastName", "dateOfBirth", "addressLine1", town, postcode, country,
                            "contactPreference", "createdAt", "updatedAt")
    VALUES (gen_random_uuid(), 'TAKEN01', 'Ada', 'Lovelace', '1985-12-10', '1 High Street', 'Leeds', 'LS1 1AA',
            'United Kingdom', 'LETTER', now(), now())`;
});

/** The references staged for `count` people when the maker gives `made` in turn (then only the taken one). */
function staged(count: number, made: string[]): Promise<string[]> {
  const queue = [...made];
  return withPgTransaction(db(), async (tx) => {
    await stageFreshReferences(tx, { count, makeReference: () => queue.shift() ?? "TAKEN01" });
    const rows = await tx.$queryRaw<{ reference: string }[]>`SELECT reference FROM fresh_reference ORDER BY n`;
    return rows.map((r) => r.reference);
  });
}

describe("stageFreshReferences", () => {
  it("drops a reference someone has and one made twice, and makes up the count in the next round", async () => {
    expect(await staged(3, ["TAKEN01", "NEW0001", "NEW0001", "NEW0002", "NEW0003"])).toEqual(["NEW0001", "NEW0002", "NEW0003"]);
    expect(await staged(2, ["NEW0002", "NEW0001"])).toEqual(["NEW0002", "NEW0001"]);
  });

  it("stages none for no one", async () => {
    expect(await staged(0, ["NEW0001"])).toEqual([]);
  });

  it("gives up when round after round finds nothing unused", async () => {
    await expect(staged(2, ["NEW0001"])).rejects.toThrow("could not find 2 unused person references");
  });
});
