// /claims?q=a%00b answered 500: the NUL reached PostgreSQL in the name search. The page reads its
// URL with parseClaimListParams and lists with listClaims; hostile query values are now dropped, so
// the list answers as if they were not there.
import { describe, expect, it } from "vitest";
import { parseClaimListParams } from "@/lib/claims/list/claim-list-params";
import { listClaims } from "@/lib/claims/list/list-claims";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();

const HOSTILE_QUERIES = [
  "q=a%00b",
  "q=%00",
  "q=Smith%1B%5B2J",
  "status=NEW%00&method=BANK%00",
  "eventFrom=2026-01-01%00&eventTo=%00",
  "after=%00&before=%00",
  "sort=received%00&dir=asc%00",
  "voucher=expired%00&assigned=me%00",
];

describe("the claim list with hostile query values", () => {
  it.each(HOSTILE_QUERIES)("%s lists claims instead of failing", async (query) => {
    const user = await makeUser(db(), { role: "CASEWORKER" });
    const { params } = parseClaimListParams(new URLSearchParams(query));
    await expect(listClaims({ db: db(), filter: params, userId: user.id, pageSize: 50 })).resolves.toMatchObject({ rows: [] });
  });

  it("a lone surrogate in a search (as Next.js may hand it over) is dropped too", async () => {
    const user = await makeUser(db(), { role: "CASEWORKER" });
    const { params } = parseClaimListParams({ q: "Smi\uD800th" });
    expect(params.q).toBeUndefined();
    await expect(listClaims({ db: db(), filter: params, userId: user.id, pageSize: 50 })).resolves.toMatchObject({ rows: [] });
  });
});
