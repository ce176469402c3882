// `npm run ops -- rotate-bank-key` as a child process, with the keys as the portal has them after
// step 2 of the procedure (docs/key-rotation.md): BANK_DETAILS_KEY new, BANK_DETAILS_PREVIOUS_KEYS
// old. Ctrl-C stops it after the batch in progress (exit 1, nothing half-written) and a rerun
// finishes; a rerun once done changes nothing; without the old key the values are listed, not lost.
import { execFile, spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bankLookupHash } from "@/lib/bank-details/lookup-hash";
import { ciphertextKeyId, decryptBankDetails, encryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { keyId, keyring } from "@/lib/crypto/keyring";
import { EXIT } from "@/lib/ops/ops-command";
import type { RouteEnv } from "../support/fresh-routes";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { opsEnv } from "./ops-test-support";

const { db, url } = useTestDatabase();
const root = path.resolve(import.meta.dirname, "../..");
const OLD_KEY = Buffer.alloc(32, 31);
const NEW_KEY = Buffer.alloc(32, 32);
const OLD_LOOKUP = Buffer.alloc(32, 41);
const NEW_LOOKUP = Buffer.alloc(32, 42);
const ROWS = 300;

function childEnv(env: RouteEnv): NodeJS.ProcessEnv {
  const merged: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete merged[name];
    else merged[name] = value;
  }
  return merged;
}

/** The portal's settings mid-rotation: the new keys, the old ones as previous. */
const rotating = (): RouteEnv => ({
  ...opsEnv(url(), NEW_KEY),
  BANK_DETAILS_PREVIOUS_KEYS: OLD_KEY.toString("base64"),
  BANK_DETAILS_LOOKUP_KEY: NEW_LOOKUP.toString("base64"),
  BANK_DETAILS_PREVIOUS_LOOKUP_KEY: OLD_LOOKUP.toString("base64"),
});

function cli(argv: string[], env: RouteEnv): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", "scripts/ops.mts", ...argv],
      { cwd: root, env: childEnv(env), timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, out: stdout.trimEnd(), err: stderr.trimEnd() });
      },
    );
  });
}

/** The CLI, sent SIGINT (Ctrl-C) as soon as it has printed its `after`-th batch line. */
function cliInterrupted(
  argv: string[],
  env: RouteEnv,
  after: number,
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/ops.mts", ...argv], { cwd: root, env: childEnv(env) });
    let out = "";
    let err = "";
    let sent = false;
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (!sent && new RegExp(`^batch ${after}:`, "m").test(out)) {
        sent = true;
        child.kill("SIGINT");
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    child.on("close", (code) => resolve({ code, out: out.trimEnd(), err: err.trimEnd() }));
  });
}

async function seedPeople(count: number) {
  const details = Array.from({ length: count }, (_, i) => ({
    sortCode: "200000",
    accountNumber: String(20000000 + i),
    nameOnAccount: `Person ${i}`,
    rollNumber: null,
  }));
  const ciphertexts = details.map((d) => encryptBankDetails(d, OLD_KEY));
  const hashes = details.map((d) => bankLookupHash(d, OLD_LOOKUP));
  await db().$executeRaw`
    WITH c AS (
      INSERT INTO "Claimant" (id, "firstName", "lastName", "dateOfBirth", "addressLine1", town, postcode, country,
                              "contactPreference", "updatedAt")
      SELECT gen_random_uuid(), 'Ada', 'Lovelace', '1985-12-10', '1 High Street', 'Leeds', 'LS1 1AA', 'England', 'EMAIL', now()
      FROM generate_series(1, ${count}) RETURNING id),
    numbered AS (SELECT id, row_number() OVER () AS i FROM c)
    INSERT INTO "BankDetails" (id, "claimantId", ciphertext, "lookupHash", "updatedAt")
    SELECT gen_random_uuid(), n.id, v.ciphertext, v.hash, now()
    FROM numbered n JOIN unnest(${ciphertexts}::text[], ${hashes}::text[]) WITH ORDINALITY AS v(ciphertext, hash, i) ON v.i = n.i`;
  return new Map(details.map((d) => [d.accountNumber, d]));
}

async function stored() {
  return db().bankDetails.findMany({ select: { id: true, ciphertext: true, lookupHash: true }, orderBy: { id: "asc" } });
}

describe("npm run ops -- rotate-bank-key (child process)", () => {
  it("without the old key in BANK_DETAILS_PREVIOUS_KEYS, lists the values it cannot read and changes nothing", async () => {
    const admin = await makeUser(db(), { role: "ADMIN" });
    await seedPeople(ROWS);
    const before = await stored();
    const result = await cli(["rotate-bank-key", "--as", admin.email], { ...opsEnv(url(), NEW_KEY) });
    expect(result.code).toBe(EXIT.FAILED);
    expect(result.err).toContain(`${ROWS} values could not be decrypted with any configured key`);
    expect(await stored()).toEqual(before);
  });

  it("Ctrl-C stops it after a whole batch; run again, it finishes; run again, it changes nothing", async () => {
    const admin = (await db().user.findFirstOrThrow({ where: { role: "ADMIN" } })).email;
    const plain = new Map((await stored()).map((r) => [r.id, decryptBankDetails(r.ciphertext, OLD_KEY)]));

    const stopped = await cliInterrupted(["rotate-bank-key", "--as", admin, "--batch-size", "7"], rotating(), 2);
    expect(stopped.err).toContain("Stopping after the batch in progress");
    expect(stopped.err).toContain("Run the command again to resume.");
    expect(stopped.code).toBe(EXIT.FAILED);
    const half = await stored();
    const done = half.filter((r) => ciphertextKeyId(r.ciphertext) === keyId(NEW_KEY));
    // Whole batches only, and not all of them.
    expect(done.length % 7).toBe(0);
    expect(done.length).toBeGreaterThanOrEqual(14);
    expect(done.length).toBeLessThan(ROWS);
    const ring = keyring(NEW_KEY, [OLD_KEY]);
    for (const r of half) expect(decryptBankDetails(r.ciphertext, ring)).toEqual(plain.get(r.id));

    const resumed = await cli(["rotate-bank-key", "--as", admin, "--batch-size", "50"], rotating());
    expect(resumed.err).toBe("");
    expect(resumed.code).toBe(EXIT.OK);
    expect(resumed.out).toContain(
      `approved bank details: ${ROWS} read, ${ROWS - done.length} re-encrypted, ${ROWS - done.length} hashes rebuilt`,
    );
    const after = await stored();
    for (const r of after) {
      expect(ciphertextKeyId(r.ciphertext)).toBe(keyId(NEW_KEY));
      expect(decryptBankDetails(r.ciphertext, NEW_KEY)).toEqual(plain.get(r.id));
      expect(r.lookupHash).toBe(bankLookupHash(plain.get(r.id)!, NEW_LOOKUP));
    }

    const again = await cli(["rotate-bank-key", "--as", admin], rotating());
    expect(again.code).toBe(EXIT.OK);
    expect(again.out).toContain(
      `approved bank details: ${ROWS} read, 0 re-encrypted, 0 hashes rebuilt; 0 not under key ${keyId(NEW_KEY)}`,
    );
    expect(await stored()).toEqual(after);

    const rotations = await db().auditLog.findMany({ where: { action: { startsWith: "bank-key." } }, orderBy: { at: "asc" } });
    expect(rotations.map((r) => r.action)).toEqual([
      "bank-key.rotation-incomplete",
      "bank-key.rotation-stopped",
      "bank-key.rotated",
      "bank-key.rotated",
    ]);
    expect(rotations[0].after).toMatchObject({ counts: { bankDetails: { undecryptable: ROWS, remaining: ROWS } } });
  }, 120_000);
});
