// The claim list must stay fast at a million claims, so its query shapes must be answered from
// indexes. This fills a private database with 20,000 claims (enough that PostgreSQL prefers an
// index to reading the table, which it would not at 100 rows), ANALYZEs, and reads the plans.
import { beforeAll, describe, expect, it } from "vitest";
import { parseClaimListParams } from "@/lib/claims/list/claim-list-params";
import { claimListSql, type ResolvedSearch } from "@/lib/claims/list/claim-list-sql";
import { classifySearch } from "@/lib/claims/list/claim-search";
import { listClaims } from "@/lib/claims/list/list-claims";
import { Prisma } from "@/lib/generated/prisma/client";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();
const CLAIMS = 20_000;
let userId: string;

const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

beforeAll(async () => {
  userId = (await makeUser(db())).id;
  // Surnames are hex strings (0-9, a-f), so a search for "love" finds only the 20 Lovelaces.
  await db().$executeRawUnsafe(`
    INSERT INTO "Claimant" (id, "firstName", "lastName", "dateOfBirth", "addressLine1", town, postcode, country, "contactPreference", "updatedAt")
    SELECT gen_random_uuid(), initcap(substr(md5('f' || i), 1, 6)),
      CASE WHEN i % 1000 = 0 THEN 'Lovelace' ELSE initcap(substr(md5(i::text), 1, 9)) END,
      date '1980-01-01', i || ' High Street', 'Leeds', 'LS1 1AA', 'England', 'LETTER', now()
    FROM generate_series(1, ${CLAIMS}) i`);
  // One claim per claimant; the reference is the row number written in the reference alphabet.
  await db().$executeRawUnsafe(
    `
    INSERT INTO "Claim" (id, reference, "claimantId", status, "eventDate", "paymentMethod", source, "assignedToId", "needsAttention", "createdAt", "updatedAt")
    SELECT gen_random_uuid(),
      (SELECT string_agg(substr('${ALPHABET}', ((n / (32::bigint ^ k)::bigint) % 32)::int + 1, 1), '' ORDER BY k DESC) FROM generate_series(0, 6) k),
      cl.id,
      (enum_range(NULL::"ClaimStatus"))[1 + n % 5],
      date '2026-01-01' + (n % 300)::int,
      (CASE WHEN n % 2 = 0 THEN 'BANK' ELSE 'CASH' END)::"PaymentMethod",
      'API',
      CASE WHEN n % 50 = 0 THEN $1::uuid END,
      n % 97 = 0,
      timestamp '2026-01-01' + n * interval '1 minute',
      now()
    FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM "Claimant") cl`,
    userId,
  );
  await db().$executeRawUnsafe(`
    INSERT INTO "ExpenseLine" (id, "claimId", "lineNo", type, description, "claimedPence")
    SELECT gen_random_uuid(), id, 1, 'TRAIN', 'Return', 1240 FROM "Claim"`);
  await db().$executeRawUnsafe(`
    INSERT INTO "Payment" (id, reference, "claimId", method, "amountPence", status, "updatedAt")
    SELECT gen_random_uuid(), reference || '-01', id, "paymentMethod", 1240, 'SENT', now() FROM "Claim" WHERE status = 'APPROVED'`);
  await db().$executeRawUnsafe(`ANALYZE`);
}, 120_000);

/** The plan of the list query for a /claims URL; `deep` starts it 10,000 rows in, from a real cursor. */
async function plan(query: string, deep = false): Promise<string> {
  let params = parseClaimListParams(new URLSearchParams(query)).params;
  const q = params.q ? classifySearch(params.q) : undefined;
  const search: ResolvedSearch | undefined = q?.kind === "claimReference" ? { kind: q.kind, reference: q.reference } : q;
  if (deep) {
    const skipped = await listClaims({ db: db(), filter: params, userId, pageSize: 10_000 });
    params = { ...params, after: skipped.nextCursor };
  }
  const rows = await db().$queryRaw<{ "QUERY PLAN": string }[]>(
    Prisma.sql`EXPLAIN ${claimListSql({ params, search, userId, limit: 51 })}`,
  );
  const text = rows.map((r) => r["QUERY PLAN"]).join("\n");
  if (process.env.SHOW_PLANS) console.log(`-- /claims?${query}${deep ? " (10,000 rows in)" : ""}\n${text}`);
  return text;
}

const NO_SEQ_SCAN_ON_CLAIM = 'Seq Scan on "Claim"';
const NO_SEQ_SCAN_ON_CLAIMANT = 'Seq Scan on "Claimant"';

describe(`claim list plans with ${CLAIMS} claims`, () => {
  it("default order, first page: walks the createdAt index backwards and stops after 51 rows", async () => {
    const p = await plan("");
    // The Limit sits right on the index scan; the Sort at the top of the plan orders only those 51.
    expect(p).toMatch(/Limit [^\n]*\n\s+->  Index (Only )?Scan Backward using "Claim_createdAt_id_idx"/);
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIM);
  });

  it("default order, a deep page: seeks with the cursor as an index condition", async () => {
    const p = await plan("", true);
    expect(p).toMatch(
      /Index (Only )?Scan Backward using "Claim_createdAt_id_idx"[^\n]*\n\s+Index Cond: \(ROW\("createdAt", id\) < ROW\(/,
    );
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIM);
  });

  it("surname prefix search: the lower(name) expression indexes, then claims by claimant", async () => {
    const p = await plan("q=love");
    expect(p).toContain("Claimant_lower_lastName_firstName_idx");
    expect(p).toContain("Claimant_lower_firstName_idx");
    expect(p).toContain("Claim_claimantId_idx");
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIM);
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIMANT);
  });

  it("first and last name search uses the same indexes", async () => {
    const p = await plan("q=ada love");
    expect(p).toContain("Claimant_lower_lastName_firstName_idx");
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIM);
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIMANT);
  });

  it("claimant order, first page: the surname index in order, no sort of the whole table", async () => {
    const p = await plan("sort=claimant");
    expect(p).toContain("Claimant_lower_lastName_firstName_idx");
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIM);
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIMANT);
  });

  it("claimant order, a deep page: the surname bound is an index condition", async () => {
    const p = await plan("sort=claimant", true);
    expect(p).toMatch(
      /Index Scan using "Claimant_lower_lastName_firstName_idx"[^\n]*\n\s+Index Cond: \(\(lower\("lastName"\)\)::text >= /,
    );
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIM);
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIMANT);
  });

  it("event date order uses the eventDate index", async () => {
    const p = await plan("sort=eventDate");
    expect(p).toMatch(/Limit [^\n]*\n\s+->  Index (Only )?Scan Backward using "Claim_eventDate_id_idx"/);
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIM);
  });

  it("reference order uses the unique reference index", async () => {
    const p = await plan("sort=reference");
    expect(p).toContain('Index Scan using "Claim_reference_key"');
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIM);
  });

  it("status filter uses the (status, createdAt, id) index", async () => {
    const p = await plan("status=UPDATED");
    expect(p).toContain("Claim_status_createdAt_id_idx");
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIM);
  });

  it("assigned to me uses the (assignedToId, createdAt, id) index", async () => {
    const p = await plan("assigned=me");
    expect(p).toContain("Claim_assignedToId_createdAt_id_idx");
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIM);
  });

  it("claim and payment references are unique-index lookups", async () => {
    expect(await plan("q=0000ABC")).toContain("Claim_reference_key");
    const p = await plan("q=0000ABC-01");
    expect(p).toContain("Payment_reference_key");
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIM);
  });

  it("the outer query reads lines and payments by claim, never whole tables", async () => {
    const p = await plan("");
    expect(p).not.toContain('Seq Scan on "ExpenseLine"');
    expect(p).not.toContain('Seq Scan on "Payment"');
  });
});
