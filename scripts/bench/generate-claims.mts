// N approved bank claims, each with a claimant (with encrypted bank details), one expense line and
// a NEW, unheld bank payment: what a run, and after it the sweep and the upload, work on. Set-based:
// one INSERT … SELECT per table from generate_series, whatever N. Ids are md5 of the row number,
// claim references a bijection of it (x -> x * odd + c mod 32^7, in the reference alphabet), so
// they never collide. (The claim list's mixed data set is scripts/bench/fill-claims.mts.)
import type pg from "pg";
import { CLAIM_REFERENCE_ALPHABET } from "../../lib/references/claim-reference.ts";

// prettier-ignore
const FIRST_NAMES = ["Ada", "Alan", "Amara", "Aisha", "Ben", "Bethan", "Chidi", "Chloe", "Dafydd", "Deepa", "Ella", "Emeka",
  "Fatima", "Finn", "Grace", "Hamza", "Harriet", "Imran", "Isla", "Jack", "Jia", "Kofi", "Leah", "Liam", "Mairi", "Mohammed",
  "Niamh", "Noah", "Olu", "Orla", "Priya", "Rhys", "Ruth", "Sean", "Siobhan", "Tariq", "Tomasz", "Uma", "Wei", "Zara"];
// prettier-ignore
const LAST_NAMES = ["Adams", "Ahmed", "Ali", "Allen", "Bailey", "Baker", "Begum", "Bell", "Bennett", "Brown", "Campbell",
  "Carter", "Chen", "Clarke", "Collins", "Cooper", "Davies", "Davis", "Edwards", "Evans", "Fisher", "Ford", "Fraser",
  "Green", "Griffiths", "Hall", "Harris", "Hill", "Hughes", "Hussain", "Jackson", "James", "Jenkins", "Johnson", "Jones",
  "Kaur", "Kelly", "Khan", "King", "Kowalski", "Lee", "Lewis", "Lloyd", "MacDonald", "Martin", "Mason", "Mitchell",
  "Moore", "Morgan", "Morris", "Murphy", "Nguyen", "Nowak", "O'Brien", "O'Connor", "Owen", "Parker", "Patel", "Phillips",
  "Price", "Reid", "Richards", "Roberts", "Robinson", "Rose", "Scott", "Shah", "Singh", "Smith", "Stewart", "Taylor",
  "Thomas", "Thompson", "Turner", "van der Berg", "Walker", "Ward", "Watson", "White", "Williams", "Wilson", "Wood",
  "Wright", "Young", "Zhang"];

/** The claim reference of row i: 7 characters, 5 bits each, of x = i * 2654435761 + 1234567 mod 2^35. */
function referenceSql(i: string): string {
  const x = `((${i}::bigint * 2654435761 + 1234567) & 34359738367)`;
  return [30, 25, 20, 15, 10, 5, 0]
    .map((shift) => `substr('${CLAIM_REFERENCE_ALPHABET}', ((${x} >> ${shift}) & 31)::int + 1, 1)`)
    .join(" || ");
}

/** Claimants (with bank details), claims, expense lines and payments for rows 1..n. */
export async function generateClaims(
  client: pg.Client,
  options: { n: number; ciphertexts: readonly string[]; caseworkerIds: readonly string[] },
): Promise<void> {
  const { n, ciphertexts, caseworkerIds } = options;
  // Every derived value once, in a temporary table the inserts below read (gone with the session).
  await client.query(
    `CREATE TEMP TABLE bench_src AS
     SELECT i, md5('claimant:' || i)::uuid AS claimant_id, md5('claim:' || i)::uuid AS claim_id,
            md5('payment:' || i)::uuid AS payment_id, ${referenceSql("i")} AS reference,
            ($2::text[])[1 + h % cardinality($2::text[])] AS first_name,
            ($3::text[])[1 + (h / 64) % cardinality($3::text[])] AS last_name,
            ($4::text[])[1 + i % cardinality($4::text[])] AS ciphertext,
            ($5::uuid[])[1 + i % cardinality($5::uuid[])] AS assigned_to,
            timestamp '2026-01-05 08:00:00' + (i::bigint * 25000000000 / $1::bigint) * interval '1 millisecond' AS created_at,
            500 + (h / 4096) % 9500 AS amount
     FROM (SELECT i, (hashint4(i) & 2147483647) AS h FROM generate_series(1, $1::int) i) g`,
    [n, FIRST_NAMES, LAST_NAMES, ciphertexts, caseworkerIds],
  );
  await client.query(`
    INSERT INTO "Claimant" (id, "firstName", "lastName", "dateOfBirth", email, phone, "addressLine1", town, postcode, country,
                            "contactPreference", "createdAt", "updatedAt")
    SELECT claimant_id, first_name, last_name, date '1950-01-01' + (i % 20000), 'claimant' || i || '@example.com',
           '07700900' || lpad((i % 1000)::text, 3, '0'), (1 + i % 200) || ' High Street', 'Leeds', 'LS1 1AA', 'England',
           'EMAIL', created_at, created_at
    FROM bench_src`);
  await client.query(`
    INSERT INTO "BankDetails" (id, "claimantId", ciphertext, "createdAt", "updatedAt")
    SELECT md5('bank:' || i)::uuid, claimant_id, ciphertext, created_at, created_at FROM bench_src`);
  await client.query(`
    INSERT INTO "Claim" (id, reference, "claimantId", status, "informationRequestKind", "eventDate", "paymentMethod", source,
                         "assignedToId", version, "needsAttention", "createdAt", "updatedAt")
    SELECT claim_id, reference, claimant_id, 'APPROVED', NULL, created_at::date - (i % 60), 'BANK', 'API', assigned_to, 1, false,
           created_at, created_at
    FROM bench_src`);
  await client.query(`
    INSERT INTO "ExpenseLine" (id, "claimId", "lineNo", type, description, "claimedPence", "approvedPence", decision)
    SELECT md5('line:' || i)::uuid, claim_id, 1, 'TRAIN', 'Journey to the appointment', amount, amount, 'APPROVED'
    FROM bench_src`);
  await client.query(`
    INSERT INTO "Payment" (id, reference, "personId", "claimId", method, "amountPence", status, "createdAt", "updatedAt")
    SELECT payment_id, reference || '-01', claimant_id, claim_id, 'BANK', amount, 'NEW', created_at + interval '1 hour', created_at + interval '1 hour'
    FROM bench_src`);
  await client.query(`DROP TABLE bench_src`);
}

/** Staff: caseworkers (claims are assigned to them) and an SSCL finance user (uploads, downloads). */
export async function generateStaff(
  client: pg.Client,
  caseworkers = 20,
): Promise<{ caseworkerIds: string[]; ssclUserId: string }> {
  await client.query(
    `INSERT INTO "User" (id, email, name, role, "passwordHash", "updatedAt")
     SELECT md5('user:' || k)::uuid, 'bench-caseworker-' || k || '@bench.disburse.test', 'Bench Caseworker ' || k,
            'CASEWORKER'::"Role", 'not-a-hash', now()
     FROM generate_series(1, $1::int) k
     UNION ALL
     SELECT md5('user:sscl')::uuid, 'bench-sscl@bench.disburse.test', 'Bench SSCL Finance', 'SSCL_FINANCE', 'not-a-hash', now()`,
    [caseworkers],
  );
  const { rows } = await client.query<{ id: string }>(`SELECT id FROM "User" WHERE role = 'CASEWORKER' ORDER BY email`);
  const sscl = await client.query<{ id: string }>(`SELECT md5('user:sscl')::uuid AS id`);
  return { caseworkerIds: rows.map((r) => r.id), ssclUserId: sscl.rows[0].id };
}
