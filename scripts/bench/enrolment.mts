// The enrolment file at scale (`npm run bench -- --only enrolment`): a file of N new people, each
// with bank details and a value for every attribute of the plan, uploaded through the product's
// streaming path (the route's own spec: checked whole, then applied set-based), and, interleaved,
// written by its limit: the rows COPYed into a temporary table, then each table the product writes
// by one INSERT … SELECT (enrolment-step.mts). Each measurement runs on a fresh copy, in a child
// process of its own, so its peak RSS is its own.
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { once } from "node:events";
import { POSTCODE_INWARD_LETTERS, UK_TOWNS } from "../../lib/demo/uk-places.ts";
import { enrolmentFileColumns } from "../../lib/plans/enrolments/enrolment-file/enrolment-columns.ts";
import { benchBankSet } from "./bank-set.mts";
import {
  BENCH_ATTRIBUTES,
  BENEFIT_PLAN_CODE,
  BENEFIT_PLAN_ID,
  PLAN_MANAGER_EMAIL,
  PLAN_MANAGER_ID,
  type EnrolmentStepInput,
} from "./enrolment-data.mts";
import {
  measureProductVsLimit,
  productVsLimitTable,
  stopProductVsLimitStep,
  type CountedPair,
  type PairBenchOptions,
} from "./product-vs-limit.mts";
import { connect } from "./step-support.mts";

const LAST_NAMES = ["Lovelace", "Babbage", "Hopper", "Turing", "Johnson", "Hodgkin", "Franklin", "Jones", "Okafor", "Nguyen"];
const TENURES = ["Rent", "Own", "Other"];

/** Stops the measurement in progress, if any (Ctrl-C). */
export const stopEnrolmentStep = stopProductVsLimitStep;

/** "a", "b", … "ba", "bb": a different first name for every person, letters only. */
function letters(i: number): string {
  let out = "";
  for (let n = i; ; n = Math.floor(n / 26) - 1) {
    out = String.fromCharCode(97 + (n % 26)) + out;
    if (n < 26) return out;
  }
}

/** The plan manager and the plan, on a copy of the migrated base. */
async function prepareDatabase(url: string): Promise<void> {
  const client = await connect(url);
  try {
    await client.query(
      `INSERT INTO "User" (id, email, name, role, "passwordHash", "updatedAt")
       VALUES ($1, $2, 'Bench plan manager', 'PLAN_MANAGER', 'not-a-hash', now())`,
      [PLAN_MANAGER_ID, PLAN_MANAGER_EMAIL],
    );
    await client.query(
      `INSERT INTO "BenefitPlan" (id, code, name, attributes, "createdById", "updatedAt")
       VALUES ($1, $2, 'Bench plan', $3::jsonb, $4, now())`,
      [BENEFIT_PLAN_ID, BENEFIT_PLAN_CODE, JSON.stringify(BENCH_ATTRIBUTES), PLAN_MANAGER_ID],
    );
    await client.query("VACUUM (FREEZE, ANALYZE)");
  } finally {
    await client.end();
  }
}

/** N new people with bank details (a dozen valid accounts in turn) and every attribute. */
async function writeFile(file: string, n: number, key: Buffer): Promise<void> {
  const banks = benchBankSet(key).map((b) => b.plain);
  const out = createWriteStream(file);
  let chunk = `${enrolmentFileColumns(BENCH_ATTRIBUTES).join(",")}\n`;
  for (let i = 0; i < n; i++) {
    const town = UK_TOWNS[i % UK_TOWNS.length];
    const district = town.districts[i % town.districts.length];
    const inward = `${i % 10}${POSTCODE_INWARD_LETTERS[i % 20]}${POSTCODE_INWARD_LETTERS[Math.floor(i / 20) % 20]}`;
    const bank = banks[i % banks.length];
    const month = String((i % 12) + 1).padStart(2, "0");
    chunk += `${[
      "",
      `Person ${letters(i)}`,
      LAST_NAMES[i % LAST_NAMES.length],
      `19${50 + (i % 50)}-${month}-${String((i % 28) + 1).padStart(2, "0")}`,
      `${(i % 200) + 1} High Street`,
      "",
      town.town,
      town.county,
      `${district} ${inward}`,
      "LETTER",
      "",
      "",
      "BANK",
      bank.nameOnAccount,
      bank.sortCode,
      bank.accountNumber,
      "",
      "2026-12-01",
      String((i % 6) + 1),
      TENURES[i % 3],
      `${2000 + (i % 25)}-${month}-01`,
      i % 2 ? "yes" : "no",
    ].join(",")}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
}

export interface EnrolmentFigures {
  enrolment: CountedPair;
}

export async function measureEnrolment(
  options: PairBenchOptions & { workDir: string },
): Promise<{ figures: EnrolmentFigures; table: string }> {
  const { n, now } = options;
  const dir = await mkdtemp(path.join(options.workDir, "enrolment-"));
  const file = path.join(dir, "enrolment.csv");
  const keyBase64 = randomBytes(32).toString("base64");
  try {
    const pair = await measureProductVsLimit({
      ...options,
      name: "enrolment",
      script: "enrolment-step.mts",
      template: "enrol",
      copy: "e",
      stepDirsIn: dir,
      prepare: async (url) => {
        await prepareDatabase(url);
        await writeFile(file, n, Buffer.from(keyBase64, "base64"));
        return `enrolment: a plan and a file of ${n.toLocaleString("en-GB")} new people`;
      },
      input: (step, url, workDir): EnrolmentStepInput => ({ step, url, n, now, workDir: workDir!, file, keyBase64 }),
    });
    const heading = `Enrolment file, ${n.toLocaleString("en-GB")} new people`;
    return { figures: { enrolment: pair }, table: productVsLimitTable(pair, heading, "enrolment file upload") };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
