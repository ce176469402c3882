// Deterministic demo data: the same `seed` and `now` always give the same records, ids included,
// so screenshots, walkthroughs and tests can rely on them. Pure: no database, clock or
// environment; the seed script encrypts the bank details and inserts the records.

import { checkBankAccount, findValidAccountNumber } from "../bank-details/modulus";
import { makeClaimReference } from "../references/claim-reference";
import type { BankDetailsPlain } from "../crypto/bank-details-cipher";
import type {
  BankDetailChangeStatus,
  ClaimSource,
  ClaimStatus,
  ContactPreference,
  ExpenseType,
  HoldReason,
  InformationRequestKind,
  LineDecision,
  PaymentMethod,
  PaymentStatus,
} from "../generated/prisma/enums";
import { makePaymentReference } from "../references/payment-reference";
import { DEMO_USERS } from "./demo-users";
import { FEATURED_NAMES, FIRST_NAMES, LAST_NAMES, STREET_NAMES, type PersonName } from "./uk-names";
import { DEMO_SORT_CODES, POSTCODE_INWARD_LETTERS, UK_TOWNS, type UkTown } from "./uk-places";
import { formatPence } from "@/lib/money";
import { mulberry32 } from "@/lib/random/mulberry32";

// ---------------------------------------------------------------------------------------------
// Record types: plain values shaped for Prisma `createMany` (bank details still in clear).

export type DemoClaimant = {
  id: string;
  firstName: string;
  lastName: string;
  dateOfBirth: Date;
  email: string | null;
  phone: string | null;
  addressLine1: string;
  addressLine2: string | null;
  town: string;
  county: string | null;
  postcode: string;
  country: string;
  contactPreference: ContactPreference;
  createdAt: Date;
  updatedAt: Date;
};

export type DemoBankDetails = BankDetailsPlain & {
  id: string;
  claimantId: string;
  createdAt: Date;
  updatedAt: Date;
};

export type DemoBankDetailChange = BankDetailsPlain & {
  id: string;
  claimantId: string;
  status: BankDetailChangeStatus;
  proposedById: string | null;
  proposedAt: Date;
  note: string | null;
  decidedById: string | null;
  decidedAt: Date | null;
  decisionNote: string | null;
};

export type DemoClaim = {
  id: string;
  reference: string;
  claimantId: string;
  status: ClaimStatus;
  informationRequestKind: InformationRequestKind | null;
  eventDate: Date;
  paymentMethod: PaymentMethod;
  source: ClaimSource;
  assignedToId: string | null;
  keyedInById: string | null;
  rejectionReason: string | null;
  version: number;
  needsAttention: boolean;
  /** Who approved the claim (first, when it needed a second caseworker) and when. */
  firstApprovedById: string | null;
  firstApprovedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export type DemoExpenseLine = {
  id: string;
  claimId: string;
  lineNo: number;
  type: ExpenseType;
  description: string;
  claimedPence: number;
  approvedPence: number | null;
  decision: LineDecision | null;
  decisionNote: string | null;
};

export type DemoJson = { [key: string]: string | number | boolean | null };

export type DemoClaimEvent = {
  id: string;
  claimId: string;
  at: Date;
  actorId: string | null;
  kind: string;
  summary: string;
  detail: DemoJson;
};

export type DemoPayment = {
  id: string;
  reference: string;
  /** The person paid: the claim's claimant. */
  personId: string;
  claimId: string;
  method: PaymentMethod;
  amountPence: number;
  status: PaymentStatus;
  holdReason: HoldReason | null;
  createdAt: Date;
  updatedAt: Date;
};

export type DemoData = {
  claimants: DemoClaimant[];
  bankDetails: DemoBankDetails[];
  bankDetailChanges: DemoBankDetailChange[];
  claims: DemoClaim[];
  expenseLines: DemoExpenseLine[];
  claimEvents: DemoClaimEvent[];
  payments: DemoPayment[];
};

export type DemoDataOptions = {
  now: Date;
  seed: number;
  /** Demo users' ids by email; the two caseworkers must be present. */
  userIds: Readonly<Record<string, string>>;
  claimCount?: number;
};

export const CASEWORKER_EMAIL = "caseworker@demo.disburse.test";
export const CASEWORKER2_EMAIL = "caseworker2@demo.disburse.test";
export const BAD_BANK_DETAILS_CLAIMANTS = 3;
export const PENDING_CHANGE_CLAIMANTS = 4;
/** Claims approved above the threshold by one caseworker, waiting for a second (lib/claims/rules/second-approval.ts). */
export const AWAITING_SECOND_APPROVAL_CLAIMS = 3;
// Below this the status and hold quotas cannot all be met; above it the 1,000 drama-range
// mobile numbers run out.
export const MIN_CLAIM_COUNT = 50;
export const MAX_CLAIM_COUNT = 1000;

// ---------------------------------------------------------------------------------------------
// Seeded randomness.

export type Rng = {
  /** In [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<T>(items: readonly T[], weight: (item: T) => number): T;
  shuffle<T>(items: T[]): T[];
  uuid(): string;
};

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)];
  return {
    next,
    int,
    pick,
    chance: (probability) => next() < probability,
    weighted<T>(items: readonly T[], weight: (item: T) => number): T {
      const total = items.reduce((sum, item) => sum + weight(item), 0);
      let roll = next() * total;
      for (const item of items) {
        roll -= weight(item);
        if (roll < 0) return item;
      }
      return items[items.length - 1];
    },
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = int(0, i);
        [items[i], items[j]] = [items[j], items[i]];
      }
      return items;
    },
    uuid() {
      const bytes = Array.from({ length: 16 }, () => int(0, 255));
      bytes[6] = (bytes[6] & 0x0f) | 0x40;
      bytes[8] = (bytes[8] & 0x3f) | 0x80;
      const hex = bytes.map((b) => b.toString(16).padStart(2, "0")).join("");
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Generation context.

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

type Staff = { id: string; name: string };

type Profile = "ORDINARY" | "BAD_BANK_DETAILS" | "CHANGE_PENDING";

type ClaimPlan = {
  status: ClaimStatus;
  requestKind: InformationRequestKind | null;
  method: PaymentMethod;
  profile: Profile;
  source: ClaimSource;
};

type ClaimantState = {
  record: DemoClaimant;
  place: UkTown;
  method: PaymentMethod;
  profile: Profile;
  bank: DemoBankDetails | null;
  claimTimes: Date[];
};

type Context = {
  rng: Rng;
  now: Date;
  caseworkers: readonly Staff[];
  /** caseworker2@: keys in assisted-digital claims and proposes bank-details changes. */
  caseworker2: Staff;
  /** caseworker@: decides caseworker2's bank-details changes (never the maker). */
  caseworker: Staff;
  usedReferences: Set<string>;
  usedEmails: Set<string>;
  usedPhones: Set<string>;
  claimants: ClaimantState[];
  out: DemoData;
};

function staffMember(userIds: Readonly<Record<string, string>>, email: string): Staff {
  const user = DEMO_USERS.find((u) => u.email === email);
  const id = userIds[email];
  if (!user || !id) throw new Error(`generateDemoData needs the id of demo user ${email}`);
  return { id, name: user.name };
}

function createContext(options: DemoDataOptions): Context {
  const caseworker = staffMember(options.userIds, CASEWORKER_EMAIL);
  const caseworker2 = staffMember(options.userIds, CASEWORKER2_EMAIL);
  return {
    rng: createRng(options.seed),
    now: options.now,
    caseworkers: [caseworker, caseworker2],
    caseworker,
    caseworker2,
    usedReferences: new Set(),
    usedEmails: new Set(),
    usedPhones: new Set(),
    claimants: [],
    out: { claimants: [], bankDetails: [], bankDetailChanges: [], claims: [], expenseLines: [], claimEvents: [], payments: [] },
  };
}

// ---------------------------------------------------------------------------------------------
// Entry point.

export function generateDemoData(options: DemoDataOptions): DemoData {
  const claimCount = options.claimCount ?? 320;
  if (!Number.isInteger(claimCount) || claimCount < MIN_CLAIM_COUNT || claimCount > MAX_CLAIM_COUNT) {
    throw new Error(`claimCount must be an integer from ${MIN_CLAIM_COUNT} to ${MAX_CLAIM_COUNT}, got ${claimCount}`);
  }
  const ctx = createContext(options);
  for (const plan of planClaims(claimCount, ctx.rng)) {
    addClaim(ctx, plan, claimantFor(ctx, plan));
  }
  finaliseClaimants(ctx);
  addDecidedBankChanges(ctx);
  return ctx.out;
}

// ---------------------------------------------------------------------------------------------
// What claims to make: fixed quotas, so every seed covers every case in the same numbers.

function statusQuotas(claimCount: number) {
  const approved = Math.round(claimCount * 0.45);
  const rejected = Math.round(claimCount * 0.13);
  const updated = Math.round(claimCount * 0.12);
  const generalRequests = Math.round(claimCount * 0.08);
  const bankRequests = Math.round(claimCount * 0.04);
  const fresh = claimCount - approved - rejected - updated - generalRequests - bankRequests;
  return { approved, rejected, updated, generalRequests, bankRequests, fresh };
}

function planClaims(claimCount: number, rng: Rng): ClaimPlan[] {
  const quotas = statusQuotas(claimCount);
  const plans: ClaimPlan[] = [];
  const add = (count: number, status: ClaimStatus, requestKind: InformationRequestKind | null, bankShare: number) => {
    const bank = Math.round(count * bankShare);
    for (let i = 0; i < count; i++) {
      plans.push({ status, requestKind, method: i < bank ? "BANK" : "CASH", profile: "ORDINARY", source: "DEMO" });
    }
  };
  add(quotas.approved, "APPROVED", null, 0.7);
  add(quotas.rejected, "REJECTED", null, 0.7);
  add(quotas.updated, "UPDATED", null, 0.7);
  add(quotas.generalRequests, "INFORMATION_REQUESTED", "GENERAL", 0.7);
  // A request for new bank details only makes sense for a bank payment.
  add(quotas.bankRequests, "INFORMATION_REQUESTED", "BANK_DETAILS", 1);
  add(quotas.fresh, "NEW", null, 0.7);

  // The approved bank plans come first in the list, so these land on approved bank claims.
  for (let i = 0; i < BAD_BANK_DETAILS_CLAIMANTS + PENDING_CHANGE_CLAIMANTS; i++) {
    plans[i].profile = i < BAD_BANK_DETAILS_CLAIMANTS ? "BAD_BANK_DETAILS" : "CHANGE_PENDING";
  }
  rng.shuffle(plans);
  markAssistedDigital(plans, Math.round(claimCount / 32));
  // The last few new claims in the shuffled order (bank and cash), so every claim before them comes
  // out as it did before this status existed.
  const fresh = plans.filter((plan) => plan.status === "NEW");
  const cash = fresh.filter((plan) => plan.method === "CASH").slice(-1);
  const bank = fresh.filter((plan) => plan.method === "BANK").slice(cash.length - AWAITING_SECOND_APPROVAL_CLAIMS);
  for (const plan of [...bank, ...cash]) plan.status = "AWAITING_SECOND_APPROVAL";
  return plans;
}

function markAssistedDigital(shuffledPlans: ClaimPlan[], count: number): void {
  let left = count;
  for (const plan of shuffledPlans) {
    if (left === 0) return;
    if (plan.profile !== "ORDINARY") continue;
    plan.source = "ASSISTED_DIGITAL";
    left--;
  }
}

// ---------------------------------------------------------------------------------------------
// Claimants.

const REPEAT_CLAIMANT_CHANCE = 0.12;
const MAX_CLAIMS_PER_CLAIMANT = 3;
const CASH_CLAIMANT_BANK_DETAILS_CHANCE = 0.2;
const ROLL_NUMBER_CHANCE = 0.03;

function claimantFor(ctx: Context, plan: ClaimPlan): ClaimantState {
  // A claim waiting for its second approval gets a new person, so its 30-day figure is its own total.
  const mayRepeat = plan.status !== "AWAITING_SECOND_APPROVAL";
  if (plan.profile === "ORDINARY" && mayRepeat && ctx.rng.chance(REPEAT_CLAIMANT_CHANCE)) {
    const candidates = ctx.claimants.filter(
      (c) => c.profile === "ORDINARY" && c.method === plan.method && c.claimTimes.length < MAX_CLAIMS_PER_CLAIMANT,
    );
    if (candidates.length > 0) return ctx.rng.pick(candidates);
  }
  return newClaimant(ctx, plan);
}

function newClaimant(ctx: Context, plan: ClaimPlan): ClaimantState {
  const { rng } = ctx;
  const name = ctx.claimants.length < FEATURED_NAMES.length ? FEATURED_NAMES[ctx.claimants.length] : randomName(rng);
  const place = rng.weighted(UK_TOWNS, (t) => t.weight);
  const contactPreference = rng.weighted<ContactPreference>(
    ["EMAIL", "SMS", "LETTER"],
    (p) => ({ EMAIL: 5, SMS: 3, LETTER: 2 })[p],
  );
  const record: DemoClaimant = {
    id: rng.uuid(),
    firstName: name.firstName,
    lastName: name.lastName,
    dateOfBirth: randomDateOfBirth(rng),
    email: contactPreference === "EMAIL" || rng.chance(0.6) ? uniqueEmail(ctx, name) : null,
    phone: contactPreference === "SMS" || rng.chance(0.5) ? uniquePhone(ctx) : null,
    addressLine1: `${houseNumber(rng)} ${rng.pick(STREET_NAMES)}`,
    addressLine2: rng.chance(0.4) ? rng.pick(place.localities) : null,
    town: place.town,
    county: place.county,
    postcode: postcodeIn(rng, place),
    country: place.country,
    contactPreference,
    // Set from the claimant's earliest claim once every claim exists.
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  const state: ClaimantState = { record, place, method: plan.method, profile: plan.profile, bank: null, claimTimes: [] };
  ctx.claimants.push(state);
  ctx.out.claimants.push(record);
  if (plan.method === "BANK" || rng.chance(CASH_CLAIMANT_BANK_DETAILS_CHANCE)) addBankDetails(ctx, state);
  return state;
}

export function randomName(rng: Rng): PersonName {
  return { firstName: rng.pick(FIRST_NAMES), lastName: rng.pick(LAST_NAMES) };
}

function randomDateOfBirth(rng: Rng): Date {
  const from = Date.UTC(1940, 0, 1);
  const to = Date.UTC(2004, 11, 31);
  return new Date(from + rng.int(0, Math.floor((to - from) / DAY_MS)) * DAY_MS);
}

export function houseNumber(rng: Rng): string {
  const number = rng.int(1, 240);
  return rng.chance(0.05) ? `${number}A` : String(number);
}

export function postcodeIn(rng: Rng, place: UkTown): string {
  const letter = () => rng.pick([...POSTCODE_INWARD_LETTERS]);
  return `${rng.pick(place.districts)} ${rng.int(0, 9)}${letter()}${letter()}`;
}

/** Lower-case ASCII for an email local part: "Zoë Brontë-Smith" -> "zoe", "bronte-smith". */
export function emailSafe(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Mn}/gu, "")
    .replace(/ł/g, "l")
    .replace(/Ł/g, "L")
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, "");
}

function uniqueEmail(ctx: Context, name: PersonName): string {
  const domain = ctx.rng.chance(0.7) ? "example.com" : "example.org";
  const base = `${emailSafe(name.firstName)}.${emailSafe(name.lastName)}`;
  for (let n = 1; ; n++) {
    const email = `${n === 1 ? base : `${base}${n}`}@${domain}`;
    if (!ctx.usedEmails.has(email)) {
      ctx.usedEmails.add(email);
      return email;
    }
  }
}

/** Ofcom's drama range 07700 900000-900999: numbers that can never reach a real person. */
function uniquePhone(ctx: Context): string {
  const start = ctx.rng.int(0, 999);
  for (let i = 0; i < 1000; i++) {
    const phone = `07700900${String((start + i) % 1000).padStart(3, "0")}`;
    if (!ctx.usedPhones.has(phone)) {
      ctx.usedPhones.add(phone);
      return phone;
    }
  }
  throw new Error("the 07700 900xxx drama range is used up");
}

// ---------------------------------------------------------------------------------------------
// Bank details.

function nameOnAccount(rng: Rng, name: PersonName): string {
  const full = `${name.firstName} ${name.lastName}`;
  const roll = rng.next();
  if (roll < 0.5) return full;
  if (roll < 0.8) return `${name.firstName[0]} ${name.lastName}`;
  return full.toUpperCase();
}

function rollNumber(rng: Rng): string {
  const digits = (n: number) => Array.from({ length: n }, () => rng.int(0, 9)).join("");
  return rng.chance(0.5) ? `ROLL/${digits(4)}-${digits(2)}` : `${digits(7)}/${digits(2)}`;
}

function validAccount(rng: Rng, sortCode: string): string {
  return findValidAccountNumber(sortCode, rng.int(0, 0xffffffff));
}

function failingAccount(rng: Rng, sortCode: string): string {
  for (;;) {
    const candidate = String(rng.int(0, 99_999_999)).padStart(8, "0");
    if (!checkBankAccount(sortCode, candidate).valid) return candidate;
  }
}

export function randomBankDetails(rng: Rng, name: PersonName, failModulus: boolean): BankDetailsPlain {
  const { sortCode } = rng.pick(DEMO_SORT_CODES);
  return {
    sortCode,
    accountNumber: failModulus ? failingAccount(rng, sortCode) : validAccount(rng, sortCode),
    nameOnAccount: nameOnAccount(rng, name),
    rollNumber: !failModulus && rng.chance(ROLL_NUMBER_CHANCE) ? rollNumber(rng) : null,
  };
}

function addBankDetails(ctx: Context, claimant: ClaimantState): void {
  const details = randomBankDetails(ctx.rng, claimant.record, claimant.profile === "BAD_BANK_DETAILS");
  claimant.bank = { id: ctx.rng.uuid(), claimantId: claimant.record.id, ...details, createdAt: ctx.now, updatedAt: ctx.now };
  ctx.out.bankDetails.push(claimant.bank);
}

function addPendingChange(ctx: Context, claimant: ClaimantState, proposedAt: Date): void {
  const current = claimant.bank;
  if (!current) throw new Error("a pending change needs current bank details");
  const sortCode = ctx.rng.pick(DEMO_SORT_CODES.filter((s) => s.sortCode !== current.sortCode)).sortCode;
  ctx.out.bankDetailChanges.push({
    id: ctx.rng.uuid(),
    claimantId: claimant.record.id,
    sortCode,
    accountNumber: validAccount(ctx.rng, sortCode),
    nameOnAccount: current.nameOnAccount,
    rollNumber: null,
    status: "PENDING",
    proposedById: ctx.caseworker2.id,
    proposedAt,
    note: ctx.rng.pick(CHANGE_NOTES),
    decidedById: null,
    decidedAt: null,
    decisionNote: null,
  });
}

const CHANGE_NOTES = ["Claimant phoned: has moved to a new bank", "Claimant's letter gives a new account; old account closed"];

// ---------------------------------------------------------------------------------------------
// Claims, their timeline, lines and payment.

type Step = { kind: string; summary: string; actorId: string | null; detail: DemoJson };

function addClaim(ctx: Context, plan: ClaimPlan, claimant: ClaimantState): void {
  const { rng } = ctx;
  const claimId = rng.uuid();
  const reference = uniqueClaimReference(ctx);
  const { eventDate, receivedAt } = claimDates(ctx);
  const keyedInBy = plan.source === "ASSISTED_DIGITAL" ? ctx.caseworker2 : null;
  const assignee = rng.chance(plan.status === "NEW" || plan.status === "UPDATED" ? 0.5 : 0.6) ? rng.pick(ctx.caseworkers) : null;
  const picked = assignee ?? rng.pick(ctx.caseworkers);
  // The first approver of a claim waiting for a second one is never who keyed it in.
  const decider = plan.status === "AWAITING_SECOND_APPROVAL" && picked.id === keyedInBy?.id ? ctx.caseworker : picked;
  const lines = expenseLines(rng, claimId, claimant.place);
  if (plan.status === "AWAITING_SECOND_APPROVAL") lines.push(longStay(rng, claimId, lines.length + 1, claimant.place));

  const steps: Step[] = [];
  if (assignee)
    steps.push({
      kind: "claim.assigned",
      summary: `Assigned to ${assignee.name}`,
      actorId: assignee.id,
      detail: { assignedToId: assignee.id },
    });
  if (plan.status !== "NEW") steps.push(...workSteps(ctx, plan, decider, lines));
  const times = stepTimes(rng, receivedAt, ctx.now, steps.length);

  const paymentStep = steps.findIndex((s) => s.kind === "claim.approved");
  const payment = paymentStep >= 0 ? addPayment(ctx, plan, claimant, claimId, reference, lines, times[paymentStep]) : null;
  if (payment) {
    steps[paymentStep].summary =
      `Approved: ${formatPence(payment.amountPence)} to pay ${plan.method === "BANK" ? "by bank transfer" : "in cash"}`;
    steps[paymentStep].detail = { approvedPence: payment.amountPence, paymentReference: payment.reference };
  }
  const approvalStep = steps.findIndex((s) => s.kind === "claim.approved" || s.kind === "claim.first-approved");
  if (plan.profile === "CHANGE_PENDING" && payment) {
    addPendingChange(ctx, claimant, midpoint(receivedAt, payment.createdAt));
  }

  const received: Step = {
    kind: "claim.received",
    summary: "Claim received",
    actorId: keyedInBy?.id ?? null,
    detail: keyedInBy ? { source: plan.source, keyedInBy: keyedInBy.name } : { source: plan.source },
  };
  [received, ...steps].forEach((step, i) => {
    ctx.out.claimEvents.push({ id: rng.uuid(), claimId, at: i === 0 ? receivedAt : times[i - 1], ...step });
  });
  ctx.out.expenseLines.push(...lines);
  claimant.claimTimes.push(receivedAt);
  ctx.out.claims.push({
    id: claimId,
    reference,
    claimantId: claimant.record.id,
    status: plan.status,
    informationRequestKind: plan.status === "INFORMATION_REQUESTED" ? plan.requestKind : null,
    eventDate,
    paymentMethod: plan.method,
    source: plan.source,
    assignedToId: assignee?.id ?? null,
    keyedInById: keyedInBy?.id ?? null,
    rejectionReason: plan.status === "REJECTED" ? rejectionReasonOf(steps) : null,
    version: steps.length,
    needsAttention: payment?.holdReason != null,
    firstApprovedById: approvalStep >= 0 ? steps[approvalStep].actorId : null,
    firstApprovedAt: approvalStep >= 0 ? times[approvalStep] : null,
    createdAt: receivedAt,
    updatedAt: times.length > 0 ? times[times.length - 1] : receivedAt,
  });
}

function midpoint(from: Date, to: Date): Date {
  return new Date(Math.floor((from.getTime() + to.getTime()) / 2000) * 1000);
}

function uniqueClaimReference(ctx: Context): string {
  const randomIndex = (n: number) => ctx.rng.int(0, n - 1);
  for (;;) {
    const reference = makeClaimReference(randomIndex);
    if (!ctx.usedReferences.has(reference)) {
      ctx.usedReferences.add(reference);
      return reference;
    }
  }
}

/** The journey 2-119 days ago (so within 120 days), received 1-14 days after it. */
function claimDates(ctx: Context): { eventDate: Date; receivedAt: Date } {
  const { rng, now } = ctx;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const daysAgo = rng.int(2, 119);
  const eventDate = new Date(today - daysAgo * DAY_MS);
  const daysLater = rng.int(1, Math.min(14, daysAgo - 1));
  // 08:00-18:59; at most today minus a day plus 19 hours, so always before `now`.
  const receivedAt = new Date(eventDate.getTime() + daysLater * DAY_MS + rng.int(8 * 60, 19 * 60 - 1) * MINUTE_MS);
  return { eventDate, receivedAt };
}

/** Strictly increasing times after `from` and before `to`, one per step. */
function stepTimes(rng: Rng, from: Date, to: Date, count: number): Date[] {
  const slot = (to.getTime() - from.getTime()) / (count + 1);
  return Array.from({ length: count }, (_, i) => {
    const at = from.getTime() + slot * (i + 0.5 + rng.next() * 0.5);
    return new Date(Math.floor(at / 1000) * 1000);
  });
}

function workSteps(ctx: Context, plan: ClaimPlan, decider: Staff, lines: DemoExpenseLine[]): Step[] {
  const { rng } = ctx;
  switch (plan.status) {
    case "INFORMATION_REQUESTED":
      return [requestStep(rng, decider, plan.requestKind ?? "GENERAL")];
    case "UPDATED":
      return [requestStep(rng, decider, "GENERAL"), responseStep(ctx)];
    case "APPROVED":
      approveLines(rng, lines);
      return [
        ...optionalRequestRound(ctx, decider),
        { kind: "claim.approved", summary: "Approved", actorId: decider.id, detail: {} },
      ];
    case "REJECTED": {
      rejectLines(lines);
      const reason = rng.pick(REJECTION_REASONS);
      return [
        ...optionalRequestRound(ctx, decider),
        { kind: "claim.rejected", summary: `Rejected: ${reason}`, actorId: decider.id, detail: { reason } },
      ];
    }
    case "AWAITING_SECOND_APPROVAL":
      return [firstApprovalStep(decider, lines)];
    case "NEW":
      return [];
  }
}

/** Every line approved as claimed; the total is above the £500 threshold by the long stay's line. */
function firstApprovalStep(decider: Staff, lines: DemoExpenseLine[]): Step {
  for (const line of lines) decide(line, "APPROVED", line.claimedPence, null);
  const total = lines.reduce((sum, line) => sum + line.claimedPence, 0);
  const detail = { approvedTotalPence: total, recentApprovedPence: 0, combinedPence: total, thresholdPence: 50_000 };
  return {
    kind: "claim.first-approved",
    summary: `Approved, waiting for a second caseworker: ${formatPence(total)} is above the £500.00 one caseworker may approve`,
    actorId: decider.id,
    detail,
  };
}

function optionalRequestRound(ctx: Context, decider: Staff): Step[] {
  return ctx.rng.chance(0.15) ? [requestStep(ctx.rng, decider, "GENERAL"), responseStep(ctx)] : [];
}

function requestStep(rng: Rng, actor: Staff, kind: InformationRequestKind): Step {
  const message = rng.pick(kind === "BANK_DETAILS" ? BANK_DETAILS_QUESTIONS : GENERAL_QUESTIONS);
  const summary = kind === "BANK_DETAILS" ? "New bank details requested" : "Information requested";
  return { kind: "claim.information-requested", summary, actorId: actor.id, detail: { kind, message } };
}

/** Most responses come through the public service's API (no actor); some are recorded by phone. */
function responseStep(ctx: Context): Step {
  const message = ctx.rng.pick(RESPONSES);
  if (ctx.rng.chance(0.6))
    return { kind: "claim.response-received", summary: "Response received", actorId: null, detail: { message, via: "API" } };
  const recorder = ctx.rng.pick(ctx.caseworkers);
  return {
    kind: "claim.response-received",
    summary: `Response recorded by ${recorder.name}`,
    actorId: recorder.id,
    detail: { message, via: "PHONE" },
  };
}

function rejectionReasonOf(steps: Step[]): string {
  const rejected = steps.find((s) => s.kind === "claim.rejected");
  return String(rejected?.detail.reason);
}

function addPayment(
  ctx: Context,
  plan: ClaimPlan,
  claimant: ClaimantState,
  claimId: string,
  claimReference: string,
  lines: DemoExpenseLine[],
  approvedAt: Date,
): DemoPayment {
  const payment: DemoPayment = {
    id: ctx.rng.uuid(),
    reference: makePaymentReference(claimReference, 1),
    personId: claimant.record.id,
    claimId,
    method: plan.method,
    amountPence: lines.reduce((sum, line) => sum + (line.approvedPence ?? 0), 0),
    status: "NEW",
    holdReason: plan.method === "BANK" ? holdReasonFor(claimant.profile) : null,
    createdAt: approvedAt,
    updatedAt: approvedAt,
  };
  ctx.out.payments.push(payment);
  return payment;
}

function holdReasonFor(profile: Profile): HoldReason | null {
  if (profile === "BAD_BANK_DETAILS") return "BAD_BANK_DETAILS";
  if (profile === "CHANGE_PENDING") return "BANK_DETAILS_CHANGE_PENDING";
  return null;
}

// ---------------------------------------------------------------------------------------------
// Expense lines.

type LineTemplate = {
  type: ExpenseType;
  weight: number;
  make: (rng: Rng, place: UkTown) => { description: string; pence: number };
};

const pence = (rng: Rng, min: number, max: number, step = 10) => rng.int(Math.ceil(min / step), Math.floor(max / step)) * step;

const LINE_TEMPLATES: readonly LineTemplate[] = [
  {
    type: "TRAIN",
    weight: 25,
    make: (rng, place) => ({
      description: rng.pick([
        `${place.town} to ${place.nearby} return`,
        `${place.town} to ${place.nearby} return, off-peak`,
        `${place.nearby} to ${place.town} single`,
      ]),
      pence: pence(rng, 640, 9800),
    }),
  },
  {
    type: "BUS",
    weight: 20,
    make: (rng, place) => ({
      description: rng.pick([`Bus to ${place.hospital} and back`, `Return bus fare to ${place.nearby}`, "Day rider bus ticket"]),
      pence: pence(rng, 180, 1200),
    }),
  },
  {
    type: "CAR_MILEAGE",
    weight: 20,
    make: (rng) => {
      const miles = rng.int(6, 140);
      return { description: `${miles} miles at 45p`, pence: miles * 45 };
    },
  },
  {
    type: "TAXI",
    weight: 15,
    make: (rng, place) => ({
      description: rng.pick([
        "Taxi from station to hospital",
        `Taxi from ${place.town} station to ${place.hospital}`,
        "Taxi home after a late appointment",
      ]),
      pence: pence(rng, 650, 4800, 50),
    }),
  },
  {
    type: "REFRESHMENTS",
    weight: 10,
    make: (rng) => ({
      description: rng.pick([
        "Lunch on the day of the appointment",
        "Refreshments during a six-hour visit",
        "Sandwich and drink on the journey",
      ]),
      pence: pence(rng, 350, 1500, 5),
    }),
  },
  {
    type: "ACCOMMODATION",
    weight: 4,
    make: (rng, place) => ({
      description: rng.pick([`One night's accommodation in ${place.nearby}`, `Two nights near ${place.hospital}`]),
      pence: pence(rng, 5500, 25000, 100),
    }),
  },
  {
    type: "OTHER",
    weight: 6,
    make: (rng, place) =>
      rng.chance(0.6)
        ? { description: `Parking at ${place.hospital}`, pence: pence(rng, 250, 1800, 50) }
        : { description: "Childcare for the day of the visit", pence: pence(rng, 2500, 6000, 100) },
  },
];

/** [number of lines, weight]: most claims are one or two journeys. */
const LINE_COUNT_WEIGHTS: readonly (readonly [number, number])[] = [
  [1, 35],
  [2, 35],
  [3, 20],
  [4, 10],
];

function expenseLines(rng: Rng, claimId: string, place: UkTown): DemoExpenseLine[] {
  const [count] = rng.weighted(LINE_COUNT_WEIGHTS, ([, weight]) => weight);
  return Array.from({ length: count }, (_, i) => {
    const template = rng.weighted(LINE_TEMPLATES, (t) => t.weight);
    const { description, pence: claimedPence } = template.make(rng, place);
    return {
      id: rng.uuid(),
      claimId,
      lineNo: i + 1,
      type: template.type,
      description,
      claimedPence,
      approvedPence: null,
      decision: null,
      decisionNote: null,
    };
  });
}

/** A week's accommodation: £520 to £950, under the £1,000 a line may be approved for. */
function longStay(rng: Rng, claimId: string, lineNo: number, place: UkTown): DemoExpenseLine {
  return {
    id: rng.uuid(),
    claimId,
    lineNo,
    type: "ACCOMMODATION",
    description: `A week's accommodation near ${place.hospital} during a long stay`,
    claimedPence: pence(rng, 52_000, 95_000, 100),
    approvedPence: null,
    decision: null,
    decisionNote: null,
  };
}

function decide(line: DemoExpenseLine, decision: LineDecision, approvedPence: number | null, decisionNote: string | null): void {
  line.decision = decision;
  line.approvedPence = approvedPence;
  line.decisionNote = decisionNote;
}

function approveLines(rng: Rng, lines: DemoExpenseLine[]): void {
  for (const line of lines) {
    const roll = rng.next();
    if (roll < 0.75) decide(line, "APPROVED", line.claimedPence, null);
    else if (roll < 0.9) {
      const reduced = reducedAmount(rng, line);
      decide(line, "APPROVED_DIFFERENT_AMOUNT", reduced.approvedPence, reduced.decisionNote);
    } else decide(line, "REJECTED", null, rng.pick(LINE_REJECTION_NOTES));
  }
  // An approved claim pays something: at least one line must be approved.
  if (lines.every((line) => line.decision === "REJECTED")) decide(lines[0], "APPROVED", lines[0].claimedPence, null);
}

function reducedAmount(rng: Rng, line: DemoExpenseLine): { approvedPence: number; decisionNote: string } {
  if (line.type === "CAR_MILEAGE") {
    const claimedMiles = line.claimedPence / 45;
    const miles = Math.max(1, Math.floor(claimedMiles * (0.6 + rng.next() * 0.3)));
    return { approvedPence: miles * 45, decisionNote: `Reduced to the shortest route: ${miles} miles at 45p` };
  }
  const approvedPence = Math.min(
    line.claimedPence - 1,
    Math.max(1, Math.round((line.claimedPence * (0.5 + rng.next() * 0.4)) / 10) * 10),
  );
  const note = line.type === "TRAIN" ? "Reduced to the standard off-peak fare" : rng.pick(REDUCTION_NOTES);
  return { approvedPence, decisionNote: note };
}

function rejectLines(lines: DemoExpenseLine[]): void {
  for (const line of lines) decide(line, "REJECTED", null, null);
}

// ---------------------------------------------------------------------------------------------
// After every claim: claimant dates, and some already-decided bank-details changes as history.

function finaliseClaimants(ctx: Context): void {
  for (const claimant of ctx.claimants) {
    const times = claimant.claimTimes.map((t) => t.getTime());
    claimant.record.createdAt = new Date(Math.min(...times));
    // Each later claim through intake refreshes the claimant's record.
    claimant.record.updatedAt = new Date(Math.max(...times));
    if (claimant.bank) {
      claimant.bank.createdAt = claimant.record.createdAt;
      claimant.bank.updatedAt = claimant.record.createdAt;
    }
  }
}

const DECIDED_CHANGES: readonly { status: BankDetailChangeStatus; decisionNote: string }[] = [
  { status: "APPROVED", decisionNote: "Checked with the claimant by phone" },
  { status: "APPROVED", decisionNote: "Matches the bank statement sent in" },
  { status: "REJECTED", decisionNote: "Name on account does not match the claimant" },
];

function addDecidedBankChanges(ctx: Context): void {
  const candidates = ctx.claimants.filter((c) => c.profile === "ORDINARY" && c.method === "BANK" && c.bank);
  for (const [i, decided] of DECIDED_CHANGES.entries()) {
    const claimant = candidates[i * 7];
    const bank = claimant?.bank;
    if (!bank) continue;
    const proposedAt = new Date(claimant.record.createdAt.getTime() + ctx.rng.int(2, 30) * HOUR_MS);
    const decidedAt = new Date(proposedAt.getTime() + ctx.rng.int(1, 20) * HOUR_MS);
    if (decidedAt >= ctx.now) continue;
    const details: BankDetailsPlain =
      decided.status === "APPROVED"
        ? {
            sortCode: bank.sortCode,
            accountNumber: bank.accountNumber,
            nameOnAccount: bank.nameOnAccount,
            rollNumber: bank.rollNumber,
          }
        : { ...randomBankDetails(ctx.rng, claimant.record, false), nameOnAccount: "A N Other" };
    if (decided.status === "APPROVED") bank.updatedAt = decidedAt;
    ctx.out.bankDetailChanges.push({
      id: ctx.rng.uuid(),
      claimantId: claimant.record.id,
      ...details,
      status: decided.status,
      proposedById: ctx.caseworker2.id,
      proposedAt,
      note: ctx.rng.pick(CHANGE_NOTES),
      decidedById: ctx.caseworker.id,
      decidedAt,
      decisionNote: decided.decisionNote,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Wording.

export const REJECTION_REASONS: readonly string[] = [
  "Not eligible: journey not for a qualifying visit",
  "Not eligible: the claimant does not receive a qualifying benefit",
  "Duplicate: these expenses were paid on an earlier claim",
  "No evidence of attendance was provided after it was requested",
  "Expenses are not supported by receipts",
];

const LINE_REJECTION_NOTES = [
  "No receipt provided",
  "Not a qualifying expense under the scheme",
  "Journey was not on the day of the visit",
  "Already paid on an earlier claim",
];

const REDUCTION_NOTES = [
  "Receipt shows a lower amount",
  "Capped at the scheme's standard rate",
  "Part of the cost was for another person",
];

const GENERAL_QUESTIONS = [
  "Please send a receipt for the taxi fare",
  "Please confirm the date of your appointment",
  "Please send the appointment letter for this visit",
  "Please explain why a taxi was needed",
];

const BANK_DETAILS_QUESTIONS = [
  "Your bank could not accept the payment: please send new bank details",
  "The bank details we hold fail our checks: please confirm your sort code and account number",
];

const RESPONSES = [
  "Receipt attached",
  "Appointment letter uploaded",
  "The appointment was on the date given; the letter is attached",
  "I could not walk from the station after my operation",
];
