// The claim list must stay fast at a million claims, so its query shapes must be answered from
// indexes. This fills a private database with 20,000 claims (enough that PostgreSQL prefers an
// index to reading the table, which it would not at 100 rows), ANALYZEs, and reads the plans.
import { beforeAll, describe, expect, it } from "vitest";
import { parseClaimListParams } from "@/lib/claims/list/claim-list-params";
import { claimListSql, type ResolvedSearch } from "@/lib/claims/list/claim-list-sql";
import { classifySearch } from "@/lib/claims/list/claim-search";
import { DEFAULT_DIR, type ClaimSort } from "@/lib/claims/list/claim-list-sort";
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
    INSERT INTO "Payment" (id, reference, "personId", "claimId", method, "amountPence", status, "updatedAt")
    SELECT gen_random_uuid(), reference || '-01', "claimantId", id, "paymentMethod", 1240, 'SENT', now() FROM "Claim" WHERE status = 'APPROVED'`);
  await db().$executeRawUnsafe(`ANALYZE`);
}, 120_000);

/**
 * The plan of the list query for a /claims URL; `deep` starts it 10,000 rows in (or as many as a
 * number says), from a real cursor.
 */
async function plan(query: string, deep: boolean | number = false): Promise<string> {
  // Every status unless the query names one: the open-claims default has plans of its own.
  const everyStatus = /(^|&)status=/.test(query) ? query : `status=all${query ? `&${query}` : ""}`;
  let params = parseClaimListParams(new URLSearchParams(everyStatus)).params;
  const q = params.q ? classifySearch(params.q) : undefined;
  const search: ResolvedSearch | undefined = q?.kind === "claimReference" ? { kind: q.kind, reference: q.reference } : q;
  if (deep) {
    const skipped = await listClaims({ db: db(), filter: params, userId, pageSize: deep === true ? 10_000 : deep });
    expect(skipped.nextCursor, `no page after ${deep} rows of /claims?${query}`).toBeDefined();
    params = { ...params, after: skipped.nextCursor };
  }
  const rows = await db().$queryRaw<{ "QUERY PLAN": string }[]>(
    Prisma.sql`EXPLAIN ${claimListSql({ params, search, userId, limit: 51 })}`,
  );
  const text = rows.map((r) => r["QUERY PLAN"]).join("\n");
  if (process.env.SHOW_PLANS)
    console.log(`-- /claims?${query}${deep ? ` (${deep === true ? "10,000" : deep} rows in)` : ""}\n${text}`);
  return text;
}

const NO_SEQ_SCAN_ON_CLAIM = 'Seq Scan on "Claim"';
const NO_SEQ_SCAN_ON_CLAIMANT = 'Seq Scan on "Claimant"';

describe(`claim list plans with ${CLAIMS} claims`, () => {
  it("every status, oldest first, first page: walks the createdAt index and stops after 51 rows", async () => {
    const p = await plan("");
    // The Limit sits right on the index scan; the Sort at the top of the plan orders only those 51.
    expect(p).toMatch(/Limit [^\n]*\n\s+->  Index (Only )?Scan using "Claim_createdAt_id_idx"/);
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIM);
  });

  it("every status, oldest first, a deep page: seeks with the cursor as an index condition", async () => {
    const p = await plan("", true);
    expect(p).toMatch(/Index (Only )?Scan using "Claim_createdAt_id_idx"[^\n]*\n\s+Index Cond: \(ROW\("createdAt", id\) > ROW\(/);
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIM);
  });

  // The default view (docs/caseworker-queue.md): open claims, oldest first, read as one index range per
  // open status, each with its own LIMIT, merged; never every claim filtered by status.
  it("open claims (the default view), first page and a deep page: one (status, createdAt, id) range per open status", async () => {
    for (const deep of [false, 2_000]) {
      const p = await plan("status=open", deep);
      // Deep in, with statuses this evenly spread, the planner may read (createdAt, id) and test the
      // status instead: still one range from the cursor per status, stopped by its LIMIT.
      const arms = p.match(/Limit [^\n]*\n\s+->  Index (Only )?Scan using "Claim_(status_)?createdAt_id_idx"/g) ?? [];
      expect(arms).toHaveLength(4);
      if (deep) expect(p.match(/Index Cond: [^\n]*ROW\("createdAt", id\) > ROW\(/g)).toHaveLength(4);
      expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIM);
    }
  });

  it("open claims with a name search: the name indexes, open statuses as a filter", async () => {
    const p = await plan("status=open&q=love");
    expect(p).toMatch(/Claim_(status_)?claimantName_id_idx/);
    expect(p).toContain("Claim_claimantFirstName_id_idx");
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIM);
  });

  // The claimant's names are on "Claim" since 20261128100000_claim_list_at_scale (kept there by a
  // trigger): name search and name order read the lower(name) expression indexes on "Claim" and no
  // longer go through "Claimant" and "Claim_claimantId_idx" (whose expression indexes were dropped).
  it("surname prefix search: the lower(name) expression indexes", async () => {
    const p = await plan("q=love");
    expect(p).toMatch(
      /(using|on) "Claim_claimantName_id_idx"[^\n]*\n\s+Index Cond: \(\(\(lower\("claimantLastName"\)\)::text >= 'love'/,
    );
    expect(p).toMatch(
      /(using|on) "Claim_claimantFirstName_id_idx"[^\n]*\n\s+Index Cond: \(\(\(lower\("claimantFirstName"\)\)::text >= 'love'/,
    );
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIM);
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIMANT);
  });

  it("first and last name search uses the same indexes", async () => {
    const p = await plan("q=ada love");
    expect(p).toContain("Claim_claimantName_id_idx");
    expect(p).toContain("Claim_claimantFirstName_id_idx");
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIM);
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIMANT);
  });

  it("claimant order, first page: the surname index in order, no sort of the whole table", async () => {
    const p = await plan("sort=claimant");
    expect(p).toMatch(/Limit [^\n]*\n\s+->  Index (Only )?Scan using "Claim_claimantName_id_idx"/);
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIM);
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIMANT);
  });

  it("claimant order, a deep page: the whole key (surname, first name, id) is an index condition", async () => {
    const p = await plan("sort=claimant", true);
    expect(p).toMatch(
      /Index (Only )?Scan using "Claim_claimantName_id_idx"[^\n]*\n\s+Index Cond: \(ROW\(\(lower\("claimantLastName"\)\)::text, \(lower\("claimantFirstName"\)\)::text, id\) > ROW\(/,
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

// Every filter the list has an index for, with every order: the page is one index range read from
// its cursor in the list's order (a Limit straight over the index scan, no sort of the matches), so
// page 1 and page 200 cost the same whatever the filter picks. The data is reshaped first so that
// each filter picks a share of claims big enough that sorting its matches would cost more than
// reading a page in order (as at a million claims, where every share is big): most claims assigned
// to ten caseworkers, a tenth unassigned, a tenth needing attention, few UPDATED.
describe("claim list plans for each filter in each order", () => {
  const ORDERS: { sort: ClaimSort; suffix: string }[] = [
    { sort: "received", suffix: "createdAt_id_idx" },
    { sort: "eventDate", suffix: "eventDate_id_idx" },
    { sort: "reference", suffix: "reference_idx" },
    { sort: "claimant", suffix: "claimantName_id_idx" },
  ];
  const FILTERS: { query: string; prefix: string }[] = [
    { query: "", prefix: "Claim_" },
    { query: "status=UPDATED", prefix: "Claim_status_" },
    { query: "assigned=me", prefix: "Claim_assignedToId_" },
    { query: "assigned=unassigned", prefix: "Claim_unassigned_" },
    { query: "attention=1", prefix: "Claim_attention_" },
  ];
  const indexFor = (prefix: string, sort: ClaimSort, suffix: string) =>
    prefix === "Claim_" && sort === "reference" ? "Claim_reference_key" : `${prefix}${suffix}`;

  beforeAll(async () => {
    const others = await Promise.all(Array.from({ length: 9 }, () => makeUser(db())));
    await db().$executeRawUnsafe(
      `UPDATE "Claim" SET "assignedToId" = ($1::uuid[])[1 + abs(hashtext(id::text)) % 9]
       WHERE "assignedToId" IS NULL AND abs(hashtext(id::text || 'a')) % 100 >= 10`,
      others.map((u) => u.id),
    );
    await db().$executeRawUnsafe(`UPDATE "Claim" SET "needsAttention" = abs(hashtext(id::text || 'n')) % 10 = 0`);
    await db().$executeRawUnsafe(
      `UPDATE "Claim" SET status = 'APPROVED' WHERE status = 'UPDATED' AND abs(hashtext(id::text || 's')) % 10 <> 0`,
    );
    await db().$executeRawUnsafe(`VACUUM ANALYZE "Claim"`);
  }, 120_000);

  const cases = FILTERS.flatMap((f) =>
    ORDERS.map((o) => [f.query || "(no filter)", o.sort, indexFor(f.prefix, o.sort, o.suffix)]),
  );

  it.each(cases)("%s, sort=%s: %s in order, first page", async (query, sort, index) => {
    const filter = query === "(no filter)" ? "" : `${query}&`;
    const p = await plan(`${filter}sort=${sort}`);
    expect(p).toMatch(new RegExp(`Limit [^\\n]*\\n\\s+->  Index (Only )?Scan (Backward )?using "${index}"`));
    expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIM);
  });

  it.each(cases)(
    "%s, sort=%s: %s in order, a later page in the other direction seeks to the cursor",
    async (query, sort, index) => {
      const filter = query === "(no filter)" ? "" : `${query}&`;
      const dir = DEFAULT_DIR[sort as ClaimSort] === "asc" ? "desc" : "asc";
      const p = await plan(`${filter}sort=${sort}&dir=${dir}`, 100);
      expect(p).toMatch(
        new RegExp(
          `Limit [^\\n]*\\n\\s+->  Index (Only )?Scan (Backward )?using "${index}"[^\\n]*\\n\\s+Index Cond: [^\\n]*(ROW\\(|\\(reference\\)::text [<>] )`,
        ),
      );
      expect(p).not.toContain(NO_SEQ_SCAN_ON_CLAIM);
    },
  );

  it("a surname search in claimant order reads the name range in order, with a status in front when filtered", async () => {
    // Surnames here are hex: one in sixteen starts with "a".
    const p = await plan("q=a&sort=claimant");
    expect(p).toMatch(
      /Limit [^\n]*\n\s+->  Index (Only )?Scan using "Claim_claimantName_id_idx"[^\n]*\n\s+Index Cond: \(\(\(lower\("claimantLastName"\)\)::text >= 'a'/,
    );
    // Past the first page each arm is read as ranges beyond the cursor (see claimantArmRanges): the
    // surname arm's range of later surnames is the surname prefix and the cursor's bound together.
    const filtered = await plan("q=a&status=APPROVED&sort=claimant&dir=desc", 100);
    expect(filtered).toMatch(
      /Limit [^\n]*\n\s+->  Index (Only )?Scan Backward using "Claim_status_claimantName_id_idx"[^\n]*\n\s+Index Cond: \(\(status = 'APPROVED'::"ClaimStatus"\) AND [^\n]*\(lower\("claimantLastName"\)\)::text < '[0-9a-f]+'::text[^\n]*\(lower\("claimantLastName"\)\)::text >= 'a'::text/,
    );
    expect(p + filtered).not.toContain(NO_SEQ_SCAN_ON_CLAIM);
  });

  it("an event-date filter in date-received order is checked inside the index (no table reads for refused rows)", async () => {
    const p = await plan("eventFrom=2026-09-01&method=CASH&dir=asc");
    expect(p).toMatch(
      /Limit [^\n]*\n\s+->  Index Only Scan using "Claim_createdAt_id_idx"[^\n]*\n\s+(Index Cond|Filter): \(\("eventDate" >= '2026-09-01'::date\) AND \("paymentMethod" = 'CASH'::"PaymentMethod"\)\)/,
    );
    const byStatus = await plan("status=REJECTED&eventTo=2026-02-01&dir=desc");
    expect(byStatus).toMatch(/Limit [^\n]*\n\s+->  Index Only Scan Backward using "Claim_status_createdAt_id_idx"/);
    expect(p + byStatus).not.toContain(NO_SEQ_SCAN_ON_CLAIM);
  });
});
