// The failed-payments corpus (lib/direct-payments/failed-payments/corpus/) through the real upload:
// stored, streamed, staged with COPY and matched by joins, against a database holding the lines the
// pure corpus test describes. Every file must come out exactly as the pure matcher (the reference,
// pinned by corpus.test.ts) says: the same outcome, message and payment on every line. good-*
// files reach the apply step (then roll back, so each file meets the same state); bad-* files are
// rejected, and every message names its line.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { encryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import type { Tx } from "@/lib/db";
import { MATCHED_FAILURES } from "@/lib/direct-payments/failed-payments/check-failed-payments";
import { failedPaymentsUpload } from "@/lib/direct-payments/failed-payments/import-failed-payments";
import { loadCandidateLines } from "../support/load-candidate-lines";
import {
  changesToApply,
  reconcileFailedPayments,
  type CandidateFileLine,
  type RowOutcome,
} from "@/lib/direct-payments/failed-payments/match-failed-payments";
import { parseFailedPaymentsFile } from "@/lib/direct-payments/failed-payments/parse-failed-payments";
import type { PaymentStatus } from "@/lib/generated/prisma/enums";
import { receiveUpload, type UploadKindSpec } from "@/lib/uploads/receive-upload";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { useTempStore } from "../runs/run-test-support";
import { key } from "./upload-test-support";

const { db } = useTestDatabase();
const store = useTempStore();
const CORPUS = path.join(process.cwd(), "lib", "direct-payments", "failed-payments", "corpus");
const NOW = new Date("2026-11-23T09:00:00.000Z");

type Line = {
  reference: string;
  status: PaymentStatus;
  bank: [sortCode: string, accountNumber: string, pence: number];
  batch: "live" | "open" | "void" | "later";
  fileReference?: string;
  failureReason?: string;
  voidLine?: boolean;
};

// The stored lines of corpus.test.ts, as rows of a database.
const LINES: Line[] = [
  { reference: "7KQ2M9X-01", status: "SENT", bank: ["010203", "12345678", 1250], batch: "live" },
  { reference: "8ABCD23-01", status: "PAID", bank: ["204060", "87654321", 12399], batch: "live" },
  { reference: "9XYZ234-01", status: "SENT", bank: ["309070", "11223344", 1200], batch: "live" },
  { reference: "4RMN56P-01", status: "SENT", bank: ["401020", "55667788", 5000], batch: "live", fileReference: "ROLL/1234-5" },
  {
    reference: "5FAJ67K-01",
    status: "FAILED",
    bank: ["010203", "22223333", 2000],
    batch: "live",
    failureReason: "Account closed",
  },
  { reference: "6FAK78M-01", status: "FAILED", bank: ["010203", "33334444", 3000], batch: "live" },
  { reference: "7NEW89Q-01", status: "NEW", bank: ["010203", "44445555", 4000], batch: "open" },
  { reference: "8VD90RS-01", status: "NEW", bank: ["010203", "55556666", 4500], batch: "void", voidLine: true },
  { reference: "9CNC01T-01", status: "CANCELLED", bank: ["010203", "66667777", 5500], batch: "open" },
  { reference: "1RSN02V-01", status: "SENT", bank: ["010203", "77778888", 6000], batch: "void", voidLine: true },
  // Not in the pure corpus: one building-society roll number paid twice, the same account and amount.
  { reference: "AAAAAAA-01", status: "SENT", bank: ["401020", "99990000", 1000], batch: "live", fileReference: "ROLL-9" },
  { reference: "BBBBBBB-01", status: "PAID", bank: ["401020", "99990000", 1000], batch: "later", fileReference: "roll-9" },
];

let actor: { id: string; email: string };

beforeAll(async () => {
  const finance = await makeUser(db(), { role: "SSCL_FINANCE" });
  actor = { id: finance.id, email: finance.email };
  const at = (minutes: number) => new Date(NOW.getTime() - 3_600_000 + minutes * 60_000);
  // One run per batch: a run has at most one batch that is not void.
  const batch = async (status: "VOID" | "STORED" | "OPEN", minutes: number) => {
    const run = await db().run.create({
      data: { kind: "DIRECT_PAYMENTS", status: "SUCCEEDED", startedAt: at(minutes), triggeredBy: "test" },
    });
    return db().batch.create({
      data: { runId: run.id, method: "BANK", status, paymentCount: 1, totalPence: 0, createdAt: at(minutes) },
    });
  };
  const batches = {
    void: await batch("VOID", 1),
    live: await batch("STORED", 2),
    open: await batch("OPEN", 3),
    later: await batch("STORED", 4),
  };
  let lineNo = 0;
  for (const line of LINES) {
    const claimant = await db().claimant.create({
      data: {
        firstName: "Ada",
        lastName: line.reference,
        dateOfBirth: new Date("1980-01-01"),
        email: "ada@example.com",
        addressLine1: "1 High Street",
        town: "Leeds",
        postcode: "LS1 1AA",
        country: "England",
        contactPreference: "EMAIL",
      },
    });
    const claim = await db().claim.create({
      data: {
        reference: line.reference.slice(0, 7),
        claimantId: claimant.id,
        status: "APPROVED",
        eventDate: new Date("2026-11-01"),
        paymentMethod: "BANK",
        source: "API",
      },
    });
    const [sortCode, accountNumber, amountPence] = line.bank;
    const payment = await db().payment.create({
      data: {
        reference: line.reference,
        personId: claimant.id,
        claimId: claim.id,
        method: "BANK",
        amountPence,
        status: line.status,
        failureReason: line.failureReason ?? null,
        failedAt: line.status === "FAILED" ? NOW : null,
      },
    });
    const ciphertext = encryptBankDetails({ sortCode, accountNumber, nameOnAccount: "Ada", rollNumber: null }, key);
    const fileLine = (batchId: string, isVoid: boolean) =>
      db().fileLine.create({
        data: {
          batchId,
          lineNo: ++lineNo,
          paymentId: payment.id,
          amountPence,
          fileReference: line.fileReference ?? line.reference,
          bankDetailsCiphertext: ciphertext,
          isVoid,
        },
      });
    await fileLine(batches[line.batch].id, line.voidLine ?? false);
    // Voided, then sent again in a later batch.
    if (line.reference === "1RSN02V-01") await fileLine(batches.later.id, false);
  }
});

/** Rolls an applied file back after its rows and the failures it would apply are read. */
class Captured extends Error {
  constructor(
    readonly rows: { lineNo: number; outcome: string; message: string | null; paymentId: string | null }[],
    readonly failures: { paymentId: string; fileLineId: string; failureReason: string }[],
  ) {
    super("captured");
  }
}

async function throughTheUpload(file: string, bytes: Buffer) {
  const real = failedPaymentsUpload(key);
  const spec: UploadKindSpec = {
    ...real,
    apply: async (tx, { uploadId }) => {
      const rows = await tx.$queryRaw<Captured["rows"]>`
        SELECT "lineNo", outcome::text AS outcome, message, "paymentId"::text AS "paymentId"
        FROM "UploadRow" WHERE "uploadId" = ${uploadId}::uuid ORDER BY "lineNo"`;
      const failures = await tx.$queryRaw<Captured["failures"]>`
        SELECT "paymentId"::text AS "paymentId", "fileLineId"::text AS "fileLineId", "failureReason" FROM (${MATCHED_FAILURES}) f
        ORDER BY "paymentId"`;
      throw new Captured(rows, failures);
    },
  };
  try {
    const outcome = await receiveUpload({ db: db(), store: store(), spec, fileName: file, bytes, actor, now: NOW });
    const rows = await db().uploadRow.findMany({ where: { uploadId: outcome.uploadId }, orderBy: { lineNo: "asc" } });
    return { outcome: outcome.status, rows: rows.map((r) => ({ ...r, outcome: r.outcome as string })), failures: [] };
  } catch (error) {
    if (!(error instanceof Captured)) throw error;
    return { outcome: "APPLIED" as const, rows: error.rows, failures: error.failures };
  }
}

/** What the pure matcher says, and the messages the upload stored for matched and unchanged rows before. */
async function reference(bytes: Buffer) {
  const parsed = parseFailedPaymentsFile(bytes);
  const lines = await loadCandidateLines(
    db() as unknown as Tx,
    key,
    parsed.rows.map((r) => r.reference),
  );
  const outcomes = reconcileFailedPayments(parsed, lines);
  const byPayment = new Map<string, CandidateFileLine>(lines.map((l) => [l.paymentId, l]));
  const rows = outcomes.map((o: RowOutcome) => {
    const payment = o.paymentId ? byPayment.get(o.paymentId) : undefined;
    const message =
      o.outcome === "MATCHED"
        ? `Payment ${payment!.paymentReference} failed: ${o.failureReason}`
        : o.outcome === "UNCHANGED"
          ? `Payment ${payment!.paymentReference} already failed${payment!.failureReason ? ` (${payment!.failureReason})` : ""}; unchanged`
          : o.message!;
    return { lineNo: o.lineNo, outcome: o.outcome as string, message, paymentId: o.paymentId ?? null };
  });
  const failures = changesToApply(outcomes)
    .map((f) => ({ ...f }))
    .sort((a, b) => (a.paymentId < b.paymentId ? -1 : 1));
  return { rows, failures };
}

const files = readdirSync(CORPUS)
  .filter((f) => f.endsWith(".csv"))
  .sort();

// Shapes the pure matcher's own tests cover but the corpus does not: through the upload too.
const EXTRA: Record<string, string> = {
  "extra-ambiguous-roll-number.csv": "401020,99990000,Sam,10.00,Roll-9\n",
  "extra-closest-mismatch.csv": "401020,99990000,Sam,99.99,ROLL-9\n401020,12121212,Sam,10.00,ROLL/1234-5\n",
  "extra-duplicates.csv":
    "010203,12345678,Tom,12.50,7KQ2M9X-01\n010203,22223333,Pat,20.00,5FAJ67K-01,Account closed\n010203,12345678,Tom,12.50,7kq2m9x-01\n" +
    "010203,22223333,Pat,20.00,5FAJ67K-01,account closed\n010203,22223333,Pat,20.00,5FAJ67K-01, ACCOUNT CLOSED\n" +
    "010203,22223333,Pat,20.00,5FAJ67K-01,Account closed\n010203,22223333,Pat,20.00,5FAJ67K-01,Account  closed\n",
  "extra-long-values.csv": `010203,12345678,Tom,12.50,${"Z".repeat(300)}\n${"9".repeat(300)},12345678,Tom,12.50,X\n`,
  "extra-parse-and-match-errors.csv":
    "Sort code,Account,Name,Amount,Ref\n010203,12345678,Tom,12.50,7KQ2M9X-01\n\n010203,12345678,Tom,12.50\n" +
    "010203,55556666,Vic,45.00,8VD90RS-01\n010203,44445555,Nell,40.00,7NEW89Q-01\n010203,22223333,Pat,20.00,5FAJ67K-01,Bank said no\n",
};

describe("the failed-payments corpus through the upload", () => {
  it("has the corpus", () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it.each([...files, ...Object.keys(EXTRA)])("%s", async (file) => {
    const bytes = file in EXTRA ? Buffer.from(EXTRA[file], "utf8") : readFileSync(path.join(CORPUS, file));
    const expected = await reference(bytes);
    const actual = await throughTheUpload(file, bytes);

    expect(actual.outcome).toBe(file.startsWith("good-") ? "APPLIED" : "REJECTED");
    expect(actual.rows.length).toBeGreaterThan(0);
    expect(
      actual.rows.map((r) => ({ lineNo: r.lineNo, outcome: r.outcome, message: r.message, paymentId: r.paymentId })),
    ).toEqual(expected.rows);
    expect(actual.failures).toEqual(expected.failures);
    for (const row of actual.rows.filter((r) => r.outcome === "ERROR" && r.lineNo > 0)) {
      expect(row.message).toMatch(new RegExp(`^Line ${row.lineNo}\\b`));
    }
  });
});
