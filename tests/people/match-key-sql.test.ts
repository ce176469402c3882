// The possible-match keys in SQL agree with the TypeScript ones (lib/claims/intake/rules/person-match-key.ts).
import { describe, expect, it } from "vitest";
import { Prisma } from "@/lib/generated/prisma/client";
import { lastNameKey, lastNameKeySql, postcodeKey, postcodeKeySql } from "@/lib/claims/intake/rules/person-match-key";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();

const NAMES = [
  "D'Souza",
  "D’Souza",
  "d souza",
  "O’Brien",
  "O'BRIEN",
  "Anne-Marie",
  "Müller",
  "MÜLLER",
  "Mu\u0308ller",
  "Zoë",
  "Ñúñez",
  "St. John-Smythe",
  "Łukasiewicz",
  "ŁUKASIEWICZ",
  "Straße",
  "ﬁnch",
  "Ｓｍｉｔｈ",
  "Nguyễn",
  "Ó Súilleabháin",
  "van der Berg",
  "MacDonald",
  "Ångström",
  "Đorđević",
  "Çelik",
  "Søren",
  "Œuvre",
  "İnce",
  "Δημήτριος",
  "Иванов",
  "李",
  "Smith 2nd",
];
const POSTCODES = ["ls1 1aa", "LS1 1AA", " sw1a  2aa ", "GIR 0AA"];

describe("possible-match keys: SQL and TypeScript agree", () => {
  it("on awkward last names", async () => {
    const rows = await db().$queryRaw<{ name: string; key: string }[]>`
      SELECT n AS name, ${Prisma.raw(lastNameKeySql("n"))} AS key FROM unnest(${NAMES}::text[]) AS n`;
    expect(rows.map((r) => [r.name, r.key])).toEqual(NAMES.map((n) => [n, lastNameKey(n)]));
    expect(lastNameKey("D’Souza")).toBe("dsouza");
  });

  it("on postcodes", async () => {
    const rows = await db().$queryRaw<{ key: string }[]>`
      SELECT ${Prisma.raw(postcodeKeySql("p"))} AS key FROM unnest(${POSTCODES}::text[]) WITH ORDINALITY AS t(p, i) ORDER BY i`;
    expect(rows.map((r) => r.key)).toEqual(POSTCODES.map(postcodeKey));
  });
});
