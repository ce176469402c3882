// `npm run db:seed` (and `npm start` in demo mode): demo users, the England and Wales bank
// holidays, the recurring-benefits demo (docs/demo-benefits.md), six weeks of history
// (docs/demo-history.md) and demo claims into an empty database. Never in production; a no-op once
// the demo data are there.
import { randomUUID } from "node:crypto";
import Module, { createRequire } from "node:module";
import type { StaffMember } from "../lib/audit/record-audit.ts";
import { hashPassword } from "../lib/auth/password.ts";
import { ConfigError, parseConfig, resolveMode, type AppConfig } from "../lib/config/schema.ts";
import { encryptBankDetails, keyFromBase64, type BankDetailsPlain } from "../lib/crypto/bank-details-cipher.ts";
import bankHolidays from "../lib/bank-holidays/bank-holidays-england-and-wales.json" with { type: "json" };
import { holidaySet, SHIPPED_BANK_HOLIDAYS } from "../lib/bank-holidays/bank-holidays.ts";
import { createDb, poolOf } from "../lib/db/create-db.ts";
import { generateDemoBenefits } from "../lib/demo/demo-benefits.ts";
import { generateDemoData, type DemoData } from "../lib/demo/demo-data.ts";
import { generateDemoHistory } from "../lib/demo/demo-history.ts";
import { DEFAULT_DEMO_PASSWORD, DEMO_USERS } from "../lib/demo/demo-users.ts";
import type { PrismaClient } from "../lib/generated/prisma/client.ts";

// Fixed so every fresh demo database tells the same story (relative to the day it was seeded).
const DEMO_SEED = 20261122;

const CLAIM_STATUSES = ["NEW", "INFORMATION_REQUESTED", "UPDATED", "AWAITING_SECOND_APPROVAL", "APPROVED", "REJECTED"] as const;

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function refuseProduction(): void {
  let mode: "demo" | "production";
  try {
    mode = resolveMode(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  if (mode === "production") fail("The demo seed never runs in production mode (DISBURSE_MODE=production).");
}

function bankDetailsKey(): Buffer {
  const base64 = process.env.BANK_DETAILS_KEY?.trim();
  if (!base64)
    fail(
      "BANK_DETAILS_KEY is not set: the demo seed needs it to encrypt bank details (32 bytes, base64: openssl rand -base64 32).",
    );
  try {
    return keyFromBase64(base64);
  } catch {
    fail("BANK_DETAILS_KEY must be 32 bytes, base64-encoded (openssl rand -base64 32).");
  }
}

function plainDetails({ sortCode, accountNumber, nameOnAccount, rollNumber }: BankDetailsPlain): BankDetailsPlain {
  return { sortCode, accountNumber, nameOnAccount, rollNumber };
}

async function createUsers(tx: Tx, passwordHash: string): Promise<Record<string, string>> {
  const users = DEMO_USERS.map((u) => ({
    id: randomUUID(),
    email: u.email.toLowerCase(),
    name: u.name,
    role: u.role,
    passwordHash,
    mustChangePassword: false,
  }));
  await tx.user.createMany({ data: users });
  return Object.fromEntries(users.map((u) => [u.email, u.id]));
}

async function insertDemoData(tx: Tx, data: DemoData, key: Buffer): Promise<void> {
  await tx.claimant.createMany({ data: data.claimants });
  await tx.bankDetails.createMany({
    data: data.bankDetails.map(({ id, claimantId, createdAt, updatedAt, ...details }) => ({
      id,
      claimantId,
      ciphertext: encryptBankDetails(plainDetails(details), key),
      createdAt,
      updatedAt,
    })),
  });
  await tx.bankDetailChange.createMany({
    data: data.bankDetailChanges.map(({ sortCode, accountNumber, nameOnAccount, rollNumber, ...change }) => ({
      ...change,
      ciphertext: encryptBankDetails({ sortCode, accountNumber, nameOnAccount, rollNumber }, key),
    })),
  });
  await tx.claim.createMany({ data: data.claims });
  await tx.expenseLine.createMany({ data: data.expenseLines });
  await tx.claimEvent.createMany({ data: data.claimEvents });
  await tx.payment.createMany({ data: data.payments });
}

async function insertBankHolidays(tx: Tx): Promise<number> {
  const { count } = await tx.bankHoliday.createMany({
    data: bankHolidays.map((h) => ({ date: new Date(`${h.date}T00:00:00Z`), title: h.title })),
    skipDuplicates: true,
  });
  return count;
}

/** The portal's own settings: the seed stores files and delivers Payout files where the portal looks for them. */
function settings(): AppConfig {
  try {
    return parseConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(`The demo seed needs the portal's settings: ${error.message}`);
    throw error;
  }
}

/**
 * The recurring-benefits demo runs the product's services (the Payout run among them), which are
 * marked `server-only`: a guard for client bundles that throws in any plain Node process. The seed
 * is server code, so, as vitest does with an alias, it gets the package's no-op instead.
 */
function allowServerOnlyModules(): void {
  const require = createRequire(import.meta.url);
  const id = require.resolve("server-only");
  require.cache[id] = Object.assign(new Module(id), { filename: id, loaded: true, exports: {} });
}

/**
 * Prisma's pg adapter may send a query's relation loads at once on an interactive transaction's
 * one connection (the claim services' `include`s), which pg 8 queues correctly but reports as
 * deprecated on stderr. The seed's stderr stays for real problems, so that one notice is dropped.
 */
function quietPgQueueNotice(): void {
  const emitWarning = process.emitWarning.bind(process);
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === "string" ? warning : warning.message;
    if (text.startsWith("Calling client.query() when the client is already executing a query")) return;
    (emitWarning as (...args: unknown[]) => void)(warning, ...rest);
  }) as typeof process.emitWarning;
}

function staffMembers(userIds: Record<string, string>): (email: string) => StaffMember {
  return (email) => {
    const user = DEMO_USERS.find((u) => u.email === email);
    if (!user || !userIds[email]) throw new Error(`no demo user ${email}`);
    return { id: userIds[email], email, name: user.name };
  };
}

function summary(data: DemoData, holidays: number, benefits: string, seconds: number): string {
  const statuses = CLAIM_STATUSES.map((status) => `${status} ${data.claims.filter((c) => c.status === status).length}`).join(
    ", ",
  );
  const held = data.payments.filter((p) => p.holdReason !== null).length;
  return (
    `Demo data seeded in ${seconds.toFixed(1)}s: ${DEMO_USERS.length} users, ${data.claimants.length} claimants, ` +
    `${data.claims.length} claims (${statuses}), ${data.payments.length} payments (${held} on hold), ` +
    `${data.bankDetails.length} bank details, ${data.bankDetailChanges.length} bank-details changes, ${holidays} bank holidays; ` +
    `${benefits}.`
  );
}

const counts = (byStatus: Record<string, number>) =>
  Object.entries(byStatus)
    .map(([status, n]) => `${status} ${n}`)
    .join(", ");

async function main(): Promise<void> {
  refuseProduction();
  const key = bankDetailsKey();
  if (!process.env.DATABASE_URL) fail("DATABASE_URL is not set: the demo seed needs a database to fill.");
  const config = settings();
  const started = Date.now();
  const prisma = createDb(process.env.DATABASE_URL);
  try {
    if ((await prisma.user.count()) > 0) {
      // The demo claims are written last (the history's claims come through the intake service,
      // source API): users without them are a seed that stopped part-way.
      if ((await prisma.claim.count({ where: { source: "DEMO" } })) === 0)
        fail("The demo data are incomplete (an earlier seed stopped part-way): empty the database and seed it again.");
      console.log("Demo data already present: nothing to do.");
      return;
    }
    const now = new Date();
    const passwordHash = await hashPassword(process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD);
    const { userIds, holidays } = await prisma.$transaction(async (tx) => ({
      userIds: await createUsers(tx, passwordHash),
      holidays: await insertBankHolidays(tx),
    }));

    // Before the claims: the demo's bank and Payout runs pay every NEW payment there is.
    allowServerOnlyModules();
    quietPgQueueNotice();
    const { seedDemoBenefits } = await import("../lib/demo/demo-benefits-seed.ts");
    const benefits = await seedDemoBenefits({
      db: prisma,
      data: generateDemoBenefits({ now, seed: DEMO_SEED, userIds }),
      key,
      settings: config,
      staff: staffMembers(userIds),
    });

    const historyStarted = Date.now();
    const { seedDemoHistory } = await import("../lib/demo/demo-history-seed.ts");
    const workingDays = holidaySet(SHIPPED_BANK_HOLIDAYS);
    const history = await seedDemoHistory({
      db: prisma,
      history: generateDemoHistory({ now, seed: DEMO_SEED, holidays: workingDays }),
      key,
      settings: config,
      holidays: workingDays,
      staff: staffMembers(userIds),
    });
    const historySeconds = (Date.now() - historyStarted) / 1000;

    const data = generateDemoData({ now, seed: DEMO_SEED, userIds });
    await prisma.$transaction((tx) => insertDemoData(tx, data, key), { timeout: 120_000, maxWait: 30_000 });
    const words =
      `${benefits.beneficiaries} beneficiaries of CARERS-SUPPORT, last month's cycle (${counts(benefits.previousCycle)}), ` +
      `this month's waiting for approval (${counts(benefits.currentCycle)}); six weeks of history (${historySeconds.toFixed(1)}s): ` +
      `${history.claims} claims, ${history.bankRuns} bank runs, ${history.payoutRuns} Payout runs, payments ${counts(history.payments)}`;
    console.log(summary(data, holidays, words, (Date.now() - started) / 1000));
  } finally {
    await prisma.$disconnect();
    await poolOf(prisma).end();
  }
}

await main();
