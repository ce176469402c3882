// Six weeks of history for the demo (docs/demo-history.md): what happens and when, as a script of
// steps in time order. Pure and deterministic: the same seed, day and bank holidays always give
// the same claims, amounts, times and outcomes. The seed plays the script through the product's own
// services (lib/demo/demo-history-seed.ts); nothing here touches a database.

import { isWorkingDay, addWorkingDays } from "../bank-holidays/working-days";
import { addCalendarDays, dayOfWeek, londonDate, londonDayStart } from "../dates/london-date";
import type { ContactPreference, ExpenseType, PaymentMethod } from "../generated/prisma/enums";
import { createRng, emailSafe, houseNumber, postcodeIn, randomBankDetails, randomName, type Rng } from "./demo-data";
import { STREET_NAMES } from "./uk-names";
import { UK_TOWNS } from "./uk-places";

export const HISTORY_WEEKS = 6;
/** Bank claims approved before each weekly run, oldest week first: 5 to 15 a week. */
export const BANK_CLAIMS_PER_WEEK: readonly number[] = [6, 9, 7, 10, 6, 8];
/** The weeks (6 = six weeks ago) whose run is followed by a Payout run, and its vouchers. */
export const PAYOUT_WEEKS: readonly number[] = [6, 4, 2];
export const CASH_CLAIMS_PER_PAYOUT_RUN = 4;
/** The week whose AccessPay file AccessPay rejects: an admin voids it, SSCL runs again the same morning. */
export const VOID_WEEK = 5;
/** The week whose file comes back with failures from SSCL, and which of its lines (0-based). */
export const FAILED_WEEK = 4;
export const FAILED_LINES: readonly { line: number; reason: string }[] = [
  { line: 1, reason: "ACCOUNT CLOSED" },
  { line: 4, reason: "NO ACCOUNT" },
];
export const VOID_REASON = "AccessPay rejected the file: it was loaded after the submission deadline and must be made again";

export const HISTORY_SEED_MIX = 0x4157_0e11;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export const HISTORY_STAFF = {
  caseworkers: ["caseworker@demo.disburse.test", "caseworker2@demo.disburse.test"],
  ssclFinance: "sscl-finance@demo.disburse.test",
  admin: "admin@demo.disburse.test",
} as const;

/** A claim as the online service sends it (the intake API's body), checked by the intake schema. */
export type HistoryIntake = {
  claimant: {
    firstName: string;
    lastName: string;
    dateOfBirth: string;
    email: string | null;
    phone: string | null;
    address: { line1: string; line2: string | null; town: string; county: string | null; postcode: string; country: string };
    contactPreference: ContactPreference;
  };
  eventDate: string;
  paymentMethod: PaymentMethod;
  bankDetails: { sortCode: string; accountNumber: string; nameOnAccount: string; rollNumber: string | null } | null;
  expenses: { type: ExpenseType; description: string; amountPence: number }[];
};

/** What a voucher's line of a Payout file comes to in the Post Office's reconciliation report. */
export type VoucherOutcome =
  | { status: "CASHED" | "CANCELLED"; date: string }
  /** The day after the voucher's last day to collect it (the shell reads the expiry the run recorded). */
  | { status: "EXPIRED" }
  /** Not reported: still with the claimant, or never collected and not yet reported. */
  | { status: "SENT" };

export type HistoryStep = { at: Date } & (
  | { kind: "claim-received"; claim: number; intake: HistoryIntake }
  | { kind: "claim-approved"; claim: number; caseworker: string }
  | { kind: "bank-run"; run: string; triggeredBy: string }
  | { kind: "payout-run"; run: string }
  | { kind: "files-downloaded"; run: string; by: string }
  | { kind: "batch-voided"; run: string; by: string; reason: string }
  | { kind: "failures-uploaded"; run: string; by: string; failures: readonly { line: number; reason: string }[] }
  | { kind: "codes-uploaded"; run: string; by: string; codes: readonly string[] }
  | { kind: "reconciliation-uploaded"; by: string; outcomes: Readonly<Record<string, readonly VoucherOutcome[]>> }
);

export type DemoHistory = { steps: HistoryStep[]; claims: number; bankRuns: number; payoutRuns: number };

export type DemoHistoryOptions = {
  now: Date;
  seed: number;
  /** England and Wales bank holidays (YYYY-MM-DD): downloads and uploads happen on working days. */
  holidays: ReadonlySet<string>;
};

/** Week k's run day: the Tuesday k weeks before this week's, a day the cron runs (Sunday to Thursday, 00:00 UTC). */
export function runDay(today: string, weeksAgo: number): string {
  const monday = addCalendarDays(today, -((dayOfWeek(today) + 6) % 7));
  return addCalendarDays(monday, 1 - 7 * weeksAgo);
}

export function generateDemoHistory(options: DemoHistoryOptions): DemoHistory {
  const { now, holidays } = options;
  const rng = createRng(options.seed ^ HISTORY_SEED_MIX);
  const today = londonDate(now);
  const at = (date: string, hours: number, minutes = 0) =>
    new Date(londonDayStart(date).getTime() + hours * HOUR_MS + minutes * MINUTE_MS);
  const onOrAfterWorkingDay = (date: string) => (isWorkingDay(date, holidays) ? date : addWorkingDays(date, 1, holidays));
  const workingDayBefore = (date: string) => {
    let day = addCalendarDays(date, -1);
    while (!isWorkingDay(day, holidays)) day = addCalendarDays(day, -1);
    return day;
  };

  const steps: HistoryStep[] = [];
  const emails = new Set<string>();
  let claims = 0;
  let bankRuns = 0;
  const addClaims = (count: number, method: PaymentMethod, day: string, firstMinute: number) => {
    for (let i = 0; i < count; i++) {
      const claim = claims++;
      const receivedDay = addCalendarDays(day, -rng.int(3, 12));
      const receivedAt = at(receivedDay, rng.int(7, 21), rng.int(0, 59));
      steps.push({ at: receivedAt, kind: "claim-received", claim, intake: intake(rng, method, receivedDay, emails) });
      steps.push({
        at: at(day, 10, firstMinute + i * 7),
        kind: "claim-approved",
        claim,
        caseworker: HISTORY_STAFF.caseworkers[claim % 2],
      });
    }
  };

  for (let weeksAgo = HISTORY_WEEKS; weeksAgo >= 1; weeksAgo--) {
    const day = runDay(today, weeksAgo);
    const decisionDay = workingDayBefore(day);
    const run = `bank-${weeksAgo}`;
    addClaims(BANK_CLAIMS_PER_WEEK[HISTORY_WEEKS - weeksAgo], "BANK", decisionDay, 0);
    // The cron's run: 00:00 UTC (01:00 in London in summer), on the run day.
    const cron = new Date(`${day}T00:00:00Z`);
    steps.push({ at: cron, kind: "bank-run", run, triggeredBy: "cron" });
    bankRuns++;
    const downloadDay = onOrAfterWorkingDay(day);
    let downloaded = run;
    if (weeksAgo === VOID_WEEK) {
      steps.push({ at: at(downloadDay, 8, 40), kind: "batch-voided", run, by: HISTORY_STAFF.admin, reason: VOID_REASON });
      downloaded = `${run}-again`;
      steps.push({ at: at(downloadDay, 9, 5), kind: "bank-run", run: downloaded, triggeredBy: HISTORY_STAFF.ssclFinance });
      bankRuns++;
    }
    steps.push({ at: at(downloadDay, 9, 20), kind: "files-downloaded", run: downloaded, by: HISTORY_STAFF.ssclFinance });
    if (weeksAgo === FAILED_WEEK) {
      steps.push({
        at: at(addWorkingDays(downloadDay, 2, holidays), 14, 10),
        kind: "failures-uploaded",
        run,
        by: HISTORY_STAFF.ssclFinance,
        failures: FAILED_LINES,
      });
    }
    if (PAYOUT_WEEKS.includes(weeksAgo)) {
      const payout = `payout-${weeksAgo}`;
      addClaims(CASH_CLAIMS_PER_PAYOUT_RUN, "CASH", decisionDay, 3);
      // The Payout cron: 01:00 UTC daily.
      steps.push({ at: new Date(cron.getTime() + HOUR_MS), kind: "payout-run", run: payout });
      steps.push({
        at: at(addWorkingDays(downloadDay, 1, holidays), 10, 30),
        kind: "codes-uploaded",
        run: payout,
        by: HISTORY_STAFF.caseworkers[0],
        codes: Array.from({ length: CASH_CLAIMS_PER_PAYOUT_RUN }, () => paymentCode(rng)),
      });
    }
  }

  // The Post Office's report, the morning after the last week's run: the oldest vouchers cashed
  // but one expired and one never reported; one of the middle run's cancelled; the newest half cashed.
  const reportDay = addWorkingDays(runDay(today, 1), 1, holidays);
  const cashedOn = (weeksAgo: number) => {
    const from = runDay(today, weeksAgo);
    const latest = addCalendarDays(reportDay, -1);
    const date = addCalendarDays(from, rng.int(1, 18));
    return date < latest ? date : latest;
  };
  const outcomes: Record<string, VoucherOutcome[]> = {};
  for (const weeksAgo of PAYOUT_WEEKS) {
    outcomes[`payout-${weeksAgo}`] = Array.from({ length: CASH_CLAIMS_PER_PAYOUT_RUN }, (_, line): VoucherOutcome => {
      if (weeksAgo === PAYOUT_WEEKS[0] && line === 0) return { status: "EXPIRED" };
      if (weeksAgo === PAYOUT_WEEKS[0] && line === 1) return { status: "SENT" };
      if (weeksAgo === PAYOUT_WEEKS[1] && line === 2) return { status: "CANCELLED", date: cashedOn(weeksAgo) };
      if (weeksAgo === PAYOUT_WEEKS[2] && line % 2 === 1) return { status: "SENT" };
      return { status: "CASHED", date: cashedOn(weeksAgo) };
    });
  }
  steps.push({ at: at(reportDay, 9, 45), kind: "reconciliation-uploaded", by: HISTORY_STAFF.caseworkers[0], outcomes });

  steps.sort((a, b) => a.at.getTime() - b.at.getTime());
  const late = steps.find((s) => s.at >= now);
  if (late) throw new Error(`the demo history's ${late.kind} step at ${late.at.toISOString()} is not in the past`);
  return { steps, claims, bankRuns, payoutRuns: PAYOUT_WEEKS.length };
}

const EXPENSES: readonly { type: ExpenseType; description: string; min: number; max: number }[] = [
  { type: "TRAIN", description: "Return train fare", min: 1200, max: 6800 },
  { type: "BUS", description: "Return bus fare", min: 350, max: 1400 },
  { type: "CAR_MILEAGE", description: "Mileage, own car", min: 1500, max: 7200 },
  { type: "TAXI", description: "Taxi from the station", min: 900, max: 2800 },
  { type: "REFRESHMENTS", description: "Refreshments on the day", min: 300, max: 900 },
];

function intake(rng: Rng, method: PaymentMethod, receivedDay: string, emails: Set<string>): HistoryIntake {
  const name = randomName(rng);
  const place = rng.weighted(UK_TOWNS, (t) => t.weight);
  const contactPreference = rng.weighted<ContactPreference>(
    ["EMAIL", "SMS", "LETTER"],
    (p) => ({ EMAIL: 6, SMS: 3, LETTER: 1 })[p],
  );
  const expenses = rng
    .shuffle([...EXPENSES])
    .slice(0, rng.int(1, 3))
    .map((e) => ({ type: e.type, description: e.description, amountPence: rng.int(e.min / 10, e.max / 10) * 10 }));
  return {
    claimant: {
      firstName: name.firstName,
      lastName: name.lastName,
      dateOfBirth: `${rng.int(1945, 2003)}-${pad(rng.int(1, 12))}-${pad(rng.int(1, 28))}`,
      email: contactPreference === "EMAIL" ? uniqueEmail(name.firstName, name.lastName, emails) : null,
      // Ofcom's drama range: never a real number.
      phone: contactPreference === "SMS" ? `07700 900${rng.int(100, 999)}` : null,
      address: {
        line1: `${houseNumber(rng)} ${rng.pick(STREET_NAMES)}`,
        line2: null,
        town: place.town,
        county: place.county,
        postcode: postcodeIn(rng, place),
        country: place.country,
      },
      contactPreference,
    },
    eventDate: addCalendarDays(receivedDay, -rng.int(1, 10)),
    paymentMethod: method,
    bankDetails: method === "BANK" ? { ...randomBankDetails(rng, name, false) } : null,
    expenses,
  };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** example.co.uk: the other demo data use example.com, example.org and example.net. */
function uniqueEmail(firstName: string, lastName: string, used: Set<string>): string {
  const base = `${emailSafe(firstName)}.${emailSafe(lastName)}`;
  for (let n = 1; ; n++) {
    const email = `${n === 1 ? base : `${base}${n}`}@example.co.uk`;
    if (!used.has(email)) {
      used.add(email);
      return email;
    }
  }
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A Post Office payment code: 13 letters and digits. */
function paymentCode(rng: Rng): string {
  return Array.from({ length: 13 }, () => CODE_ALPHABET[rng.int(0, CODE_ALPHABET.length - 1)]).join("");
}
