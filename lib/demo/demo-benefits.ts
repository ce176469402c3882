// Deterministic recurring-benefits demo data (docs/demo-benefits.md): a carers' benefit plan with
// its beneficiaries, a monthly payment plan, two payment points, and the script of what staff did
// with them over the last month: last month's cycle built, its suspended payments decided,
// approved, paid by bank and by Post Office voucher, some vouchers cashed; a few enrolments ended;
// this month's cycle built and waiting for approval; bank details and payment methods proposed for
// a second plan manager. The same `seed` and `now` always give the same records, ids included.
// Pure: the seed step (demo-benefits-seed.ts) inserts the records and plays the script through the
// product's own services.

import type { BankDetailsPlain } from "../crypto/bank-details-cipher";
import { addCalendarDays, londonDate, londonDayStart } from "../dates/london-date";
import type { ContactPreference, PaymentMethod } from "../generated/prisma/enums";
import { addMonths } from "../plans/cycles/rules/cycle-periods";
import type { AttributeDeclaration } from "../plans/rules/attributes";
import type { CalculationRule, Condition } from "../plans/rules/calculation-rule";
import { makeClaimReference } from "../references/claim-reference";
import {
  createRng,
  emailSafe,
  houseNumber,
  postcodeIn,
  randomBankDetails,
  randomName,
  type DemoBankDetails,
  type DemoClaimant,
  type Rng,
} from "./demo-data";
import { DEMO_USERS } from "./demo-users";
import { FEATURED_NAMES, STREET_NAMES, type PersonName } from "./uk-names";
import { UK_TOWNS, type UkTown } from "./uk-places";

// ---------------------------------------------------------------------------------------------
// What the generator makes.

export type DemoAttributeValues = Record<string, string | number | boolean>;

export type DemoPerson = DemoClaimant & { reference: string };

export type DemoBenefitPlan = {
  id: string;
  code: string;
  name: string;
  description: string;
  attributes: AttributeDeclaration[];
  createdById: string;
  createdAt: Date;
  updatedAt: Date;
};

export type DemoEnrolment = {
  id: string;
  benefitPlanId: string;
  personId: string;
  paymentMethod: PaymentMethod;
  enrolledFrom: Date;
  createdById: string;
  createdAt: Date;
  updatedAt: Date;
};

export type DemoEnrolmentAttributes = {
  id: string;
  enrolmentId: string;
  effectiveFrom: Date;
  values: DemoAttributeValues;
  createdById: string;
  createdAt: Date;
};

export type DemoPaymentPlan = {
  id: string;
  code: string;
  name: string;
  benefitPlanId: string;
  periodicityMonths: number;
  validFrom: Date;
  validTo: null;
  carryOverUnpaid: boolean;
  letterTemplateCode: null;
  createdById: string;
  createdAt: Date;
};

export type DemoPaymentPlanVersion = {
  id: string;
  paymentPlanId: string;
  version: number;
  rule: CalculationRule;
  createdById: string;
  createdAt: Date;
};

export type DemoPaymentPoint = {
  id: string;
  benefitPlanId: string;
  name: string;
  position: number;
  filters: Condition[];
  managerId: string;
  createdById: string;
  createdAt: Date;
  updatedAt: Date;
};

/** The decisions lib/plans/cycles/decide-suspended-payments.ts takes. */
export type DemoSuspendedDecision = "APPROVE_FULL" | "APPROVE_AT_LIMIT" | "REJECT";

/** What staff did, in order; people are named by their person reference. */
export type DemoBenefitsScript = {
  previousPeriodStart: string;
  currentPeriodStart: string;
  previousCycle: {
    createdAt: Date;
    decisions: { decision: DemoSuspendedDecision; note: string; personReferences: string[]; at: Date }[];
    approvedAt: Date;
    bankRunAt: Date;
    payoutRunAt: Date;
    /** SSCL finance downloads the AccessPay file and the ADI journal: the PAID rule counts from here. */
    downloadedAt: Date;
    codesUploadedAt: Date;
    /** A direct-payments run more than five working days after the download: its sweep marks the bank payments PAID. */
    paidSweepAt: Date;
    reconciliationUploadedAt: Date;
    /** YYYY-MM-DD: the Post Office's date on the CASHED rows. */
    cashedOn: string;
    /** The voucher code the Post Office gives each cash beneficiary's payment. */
    paymentCodes: Record<string, string>;
    /** Cash beneficiaries whose voucher the report says was cashed; the others stay SENT. */
    cashed: string[];
  };
  endings: { personReference: string; enrolledTo: string; reason: "DEATH" | "MOVED_AWAY"; at: Date }[];
  currentCycle: { createdAt: Date };
  bankDetailsProposals: { personReference: string; details: BankDetailsPlain; at: Date }[];
  methodProposals: { personReference: string; method: PaymentMethod; at: Date }[];
};

export type DemoBenefits = {
  benefitPlan: DemoBenefitPlan;
  people: DemoPerson[];
  bankDetails: DemoBankDetails[];
  enrolments: DemoEnrolment[];
  enrolmentAttributes: DemoEnrolmentAttributes[];
  paymentPlan: DemoPaymentPlan;
  paymentPlanVersion: DemoPaymentPlanVersion;
  paymentPoints: DemoPaymentPoint[];
  script: DemoBenefitsScript;
};

export type DemoBenefitsOptions = {
  now: Date;
  seed: number;
  /** Demo users' ids by email: the plan managers, accountants, caseworkers and SSCL finance. */
  userIds: Readonly<Record<string, string>>;
  /** Beneficiaries enrolled at the start of last month's period (joiners come on top). */
  beneficiaryCount?: number;
};

// ---------------------------------------------------------------------------------------------
// The plan, its rule and its points.

export const DEMO_BENEFIT_PLAN_CODE = "CARERS-SUPPORT";
export const DEMO_PAYMENT_PLAN_CODE = "CARERS-MONTHLY";

export const HOUSEHOLD_SIZE = "Household size";
export const REGION = "Region";
export const DISABILITY = "Disability";
export const DATE_OF_BIRTH = "Date of birth";
export const CARE_HOURS = "Care hours a week";

export const REGIONS = ["North", "Midlands", "South", "Wales"] as const;
export type Region = (typeof REGIONS)[number];

export const DEMO_ATTRIBUTES: AttributeDeclaration[] = [
  { name: HOUSEHOLD_SIZE, type: "NUMBER" },
  { name: REGION, type: "ONE_OF", options: [...REGIONS] },
  { name: DISABILITY, type: "YES_NO" },
  { name: DATE_OF_BIRTH, type: "DATE" },
  { name: CARE_HOURS, type: "NUMBER" },
];

/** Exceptional care costs is the one amount outside the ceiling: with either counting amount it takes a payment over the limit. */
export const EXCEPTIONAL_CARE_HOURS = 50;

export const DEMO_RULE: CalculationRule = {
  baseAmountPence: 6000,
  conditionalAmounts: [
    {
      label: "Larger household",
      conditions: [{ attribute: HOUSEHOLD_SIZE, type: "NUMBER", operator: ">=", value: 3 }],
      amountPence: 2000,
      countsTowardsCeiling: true,
    },
    {
      label: "Disability premium",
      conditions: [{ attribute: DISABILITY, type: "YES_NO", operator: "=", value: true }],
      amountPence: 3500,
      countsTowardsCeiling: true,
    },
    {
      label: "Exceptional care costs",
      conditions: [{ attribute: CARE_HOURS, type: "NUMBER", operator: ">=", value: EXCEPTIONAL_CARE_HOURS }],
      amountPence: 7500,
      countsTowardsCeiling: false,
    },
  ],
  ceilingPence: 4000,
  limitPence: 15000,
};

/** Which region each English and Welsh demo town is in; Scotland and Northern Ireland are outside the scheme. */
const REGION_OF_TOWN: Readonly<Record<string, Region>> = {
  Leeds: "North",
  Wakefield: "North",
  Bradford: "North",
  Sheffield: "North",
  Manchester: "North",
  Liverpool: "North",
  "Newcastle upon Tyne": "North",
  Hull: "North",
  York: "North",
  Carlisle: "North",
  Birmingham: "Midlands",
  Coventry: "Midlands",
  Nottingham: "Midlands",
  Leicester: "Midlands",
  Bristol: "South",
  Norwich: "South",
  Plymouth: "South",
  Brighton: "South",
  London: "South",
  Truro: "South",
  Cardiff: "Wales",
  Swansea: "Wales",
  Newport: "Wales",
  Wrexham: "Wales",
  Bangor: "Wales",
  Aberystwyth: "Wales",
};

const SCHEME_TOWNS = UK_TOWNS.filter((t) => REGION_OF_TOWN[t.town] !== undefined);

export const PLAN_MANAGER_EMAIL = "plan-manager@demo.disburse.test";
export const PLAN_MANAGER2_EMAIL = "plan-manager2@demo.disburse.test";
export const ACCOUNTANT_EMAIL = "accountant@demo.disburse.test";
export const ACCOUNTANT2_EMAIL = "accountant2@demo.disburse.test";
export const CASEWORKER_EMAIL = "caseworker@demo.disburse.test";
export const CASEWORKER2_EMAIL = "caseworker2@demo.disburse.test";
export const SSCL_FINANCE_EMAIL = "sscl-finance@demo.disburse.test";

// ---------------------------------------------------------------------------------------------
// How many of each case: fixed, so every seed tells the same story.

export const DEFAULT_BENEFICIARY_COUNT = 2040;
/** Enrolled from the first day of this month: in this month's cycle only. */
export const JOINERS = 12;
/** Beneficiaries with no region recorded: no payment point takes them. */
export const WITHOUT_REGION = 10;
/** Above the limit last month; two of them are reassessed below the exceptional-care hours from this month. */
const SUSPENDED_DECISIONS: readonly { decision: DemoSuspendedDecision; note: string; count: number }[] = [
  { decision: "APPROVE_FULL", note: "Care hours confirmed by the social worker's assessment", count: 3 },
  { decision: "APPROVE_AT_LIMIT", note: "Paid at the plan's limit until the care assessment is reviewed", count: 2 },
  { decision: "REJECT", note: "Care hours not supported by the assessment on file", count: 1 },
];
const REASSESSED = 2;
/** Exceptional care costs alone (no counting amount): £135, under the limit. */
const EXCEPTIONAL_UNDER_LIMIT = 3;
const ENDINGS: readonly { reason: "DEATH" | "MOVED_AWAY"; day: number }[] = [
  { reason: "DEATH", day: 9 },
  { reason: "DEATH", day: 14 },
  { reason: "MOVED_AWAY", day: 18 },
  { reason: "MOVED_AWAY", day: 20 },
];
const BANK_DETAILS_PROPOSALS = 3;
/** Household size changes recorded last month, in force from this month. */
const ATTRIBUTE_CHANGES = 20;
export const MIN_BENEFICIARY_COUNT = 100;

const BANK_SHARE = 0.75;
const CASH_WITH_BANK_DETAILS = 0.1;
const CASHED_SHARE = 0.8;
const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

// ---------------------------------------------------------------------------------------------
// Entry point.

type Staff = {
  planManager: string;
  accountant: string;
  caseworker: string;
  caseworker2: string;
};

type Beneficiary = {
  person: DemoPerson;
  enrolment: DemoEnrolment;
  values: DemoAttributeValues;
  bank: DemoBankDetails | null;
  joiner: boolean;
};

export function generateDemoBenefits(options: DemoBenefitsOptions): DemoBenefits {
  const count = options.beneficiaryCount ?? DEFAULT_BENEFICIARY_COUNT;
  if (!Number.isInteger(count) || count < MIN_BENEFICIARY_COUNT) {
    throw new Error(`beneficiaryCount must be an integer of at least ${MIN_BENEFICIARY_COUNT}, got ${count}`);
  }
  const staff = staffIds(options.userIds);
  // Mixed so that the same seed as the claims' demo data never gives the same ids.
  const rng = createRng(options.seed ^ 0x5be7ef17);
  const dates = demoDates(options.now);
  const at = (date: string, hours: number, minutes = 0) =>
    new Date(londonDayStart(date).getTime() + hours * HOUR_MS + minutes * MINUTE_MS);

  const planCreatedAt = at(addCalendarDays(dates.previous, -70), 10, 5);
  const benefitPlan: DemoBenefitPlan = {
    id: rng.uuid(),
    code: DEMO_BENEFIT_PLAN_CODE,
    name: "Carers' support",
    description: "A monthly payment to unpaid carers in England and Wales, with more for larger households and disability.",
    attributes: DEMO_ATTRIBUTES,
    createdById: staff.planManager,
    createdAt: planCreatedAt,
    updatedAt: planCreatedAt,
  };

  const references = new Set<string>();
  const emails = new Set<string>();
  const beneficiaries: Beneficiary[] = [];
  for (let i = 0; i < count + JOINERS; i++) {
    const joiner = i >= count;
    const enrolledFrom = joiner ? dates.current : addCalendarDays(dates.previous, -rng.int(1, 65));
    const createdAt = joiner
      ? at(addCalendarDays(dates.current, -5), 9, i - count)
      : at(enrolledFrom, rng.int(9, 16), rng.int(0, 59));
    beneficiaries.push(newBeneficiary(rng, { i, joiner, enrolledFrom, createdAt, benefitPlan, staff, references, emails }));
  }

  const pool = rng.shuffle(beneficiaries.filter((b) => !b.joiner));
  const take = (n: number, fits: (b: Beneficiary) => boolean = () => true): Beneficiary[] => {
    const taken: Beneficiary[] = [];
    for (let k = 0; k < pool.length && taken.length < n; k++) {
      if (!fits(pool[k])) continue;
      taken.push(pool[k]);
      pool.splice(k--, 1);
    }
    if (taken.length < n) throw new Error("not enough beneficiaries for the demo's cases");
    return taken;
  };

  const suspended = SUSPENDED_DECISIONS.map((d) => ({ ...d, people: take(d.count) }));
  for (const b of suspended.flatMap((d) => d.people)) {
    b.values[DISABILITY] = true;
    b.values[CARE_HOURS] = rng.int(EXCEPTIONAL_CARE_HOURS, 70);
  }
  for (const b of take(EXCEPTIONAL_UNDER_LIMIT)) {
    b.values[HOUSEHOLD_SIZE] = rng.int(1, 2);
    b.values[DISABILITY] = false;
    b.values[CARE_HOURS] = rng.int(EXCEPTIONAL_CARE_HOURS, 60);
  }
  for (const b of take(WITHOUT_REGION)) delete b.values[REGION];
  const ended = take(ENDINGS.length);
  const bankProposals = take(BANK_DETAILS_PROPOSALS, (b) => b.enrolment.paymentMethod === "BANK");
  const [toCash] = take(1, (b) => b.enrolment.paymentMethod === "BANK");
  const [toBank] = take(1, (b) => b.enrolment.paymentMethod === "CASH" && b.bank !== null);
  const changed = take(ATTRIBUTE_CHANGES);

  const attributeSets: DemoEnrolmentAttributes[] = beneficiaries.map((b) => ({
    id: rng.uuid(),
    enrolmentId: b.enrolment.id,
    effectiveFrom: b.enrolment.enrolledFrom,
    values: b.values,
    createdById: staff.planManager,
    createdAt: b.enrolment.createdAt,
  }));
  const changesAt = at(addCalendarDays(dates.previous, 20), 11);
  const change = (b: Beneficiary, values: DemoAttributeValues, minutes: number) => {
    attributeSets.push({
      id: rng.uuid(),
      enrolmentId: b.enrolment.id,
      effectiveFrom: new Date(`${dates.current}T00:00:00.000Z`),
      values,
      createdById: staff.planManager,
      createdAt: new Date(changesAt.getTime() + minutes * MINUTE_MS),
    });
    b.enrolment.updatedAt = new Date(changesAt.getTime() + minutes * MINUTE_MS);
  };
  suspended
    .flatMap((d) => d.people)
    .slice(0, REASSESSED)
    .forEach((b, k) => change(b, { ...b.values, [CARE_HOURS]: EXCEPTIONAL_CARE_HOURS - 5 }, k));
  changed.forEach((b, k) => {
    const size = Number(b.values[HOUSEHOLD_SIZE]);
    change(b, { ...b.values, [HOUSEHOLD_SIZE]: size === 1 || rng.chance(0.5) ? size + 1 : size - 1 }, REASSESSED + k);
  });

  const paymentPlan: DemoPaymentPlan = {
    id: rng.uuid(),
    code: DEMO_PAYMENT_PLAN_CODE,
    name: "Carers' support, monthly",
    benefitPlanId: benefitPlan.id,
    periodicityMonths: 1,
    validFrom: new Date(`${dates.previous}T00:00:00.000Z`),
    validTo: null,
    carryOverUnpaid: true,
    letterTemplateCode: null,
    createdById: staff.planManager,
    createdAt: at(addCalendarDays(dates.previous, -30), 14, 20),
  };
  const paymentPlanVersion: DemoPaymentPlanVersion = {
    id: rng.uuid(),
    paymentPlanId: paymentPlan.id,
    version: 1,
    rule: DEMO_RULE,
    createdById: staff.planManager,
    createdAt: paymentPlan.createdAt,
  };
  const pointsAt = at(addCalendarDays(dates.previous, -20), 15, 40);
  const point = (name: string, position: number, regions: Region[], managerId: string): DemoPaymentPoint => ({
    id: rng.uuid(),
    benefitPlanId: benefitPlan.id,
    name,
    position,
    filters: [{ attribute: REGION, type: "ONE_OF", operator: "in", value: regions }],
    managerId,
    createdById: staff.planManager,
    createdAt: new Date(pointsAt.getTime() + position * MINUTE_MS),
    updatedAt: new Date(pointsAt.getTime() + position * MINUTE_MS),
  });
  const paymentPoints = [
    point("North and Midlands", 1, ["North", "Midlands"], staff.caseworker2),
    point("South and Wales", 2, ["South", "Wales"], staff.caseworker),
  ];

  const cash = beneficiaries.filter((b) => b.enrolment.paymentMethod === "CASH");
  const codes = new Set<string>();
  const paymentCodes = Object.fromEntries(cash.map((b) => [b.person.reference, uniqueCode(rng, codes)]));
  const cashed = cash.filter((b) => !b.joiner && rng.chance(CASHED_SHARE)).map((b) => b.person.reference);

  const day1 = addCalendarDays(dates.previous, 1);
  const proposalsAt = at(addCalendarDays(dates.current, -2), 10);
  const script: DemoBenefitsScript = {
    previousPeriodStart: dates.previous,
    currentPeriodStart: dates.current,
    previousCycle: {
      createdAt: at(day1, 9, 30),
      decisions: suspended.map((d, k) => ({
        decision: d.decision,
        note: d.note,
        personReferences: d.people.map((b) => b.person.reference),
        at: at(day1, 10, 15 + k * 5),
      })),
      approvedAt: at(day1, 11, 40),
      bankRunAt: at(day1, 17),
      payoutRunAt: at(day1, 17, 30),
      downloadedAt: at(addCalendarDays(day1, 1), 9, 10),
      codesUploadedAt: at(addCalendarDays(day1, 2), 10, 20),
      paidSweepAt: at(addCalendarDays(day1, 15), 17),
      reconciliationUploadedAt: at(addCalendarDays(day1, 19), 9, 45),
      cashedOn: addCalendarDays(day1, 18),
      paymentCodes,
      cashed,
    },
    endings: ended.map((b, k) => ({
      personReference: b.person.reference,
      enrolledTo: addCalendarDays(dates.previous, ENDINGS[k].day),
      reason: ENDINGS[k].reason,
      at: at(addCalendarDays(dates.previous, 22), 14, k * 6),
    })),
    currentCycle: { createdAt: at(addCalendarDays(dates.current, -3), 9, 30) },
    bankDetailsProposals: bankProposals.map((b, k) => ({
      personReference: b.person.reference,
      details: { ...randomBankDetails(rng, b.person, false), nameOnAccount: b.bank!.nameOnAccount },
      at: new Date(proposalsAt.getTime() + k * 7 * MINUTE_MS),
    })),
    methodProposals: [
      { personReference: toCash.person.reference, method: "CASH", at: new Date(proposalsAt.getTime() + HOUR_MS) },
      { personReference: toBank.person.reference, method: "BANK", at: new Date(proposalsAt.getTime() + HOUR_MS + 9 * MINUTE_MS) },
    ],
  };

  return {
    benefitPlan,
    people: beneficiaries.map((b) => b.person),
    bankDetails: beneficiaries.flatMap((b) => (b.bank ? [b.bank] : [])),
    enrolments: beneficiaries.map((b) => b.enrolment),
    enrolmentAttributes: attributeSets,
    paymentPlan,
    paymentPlanVersion,
    paymentPoints,
    script,
  };
}

/** Last month's and this month's first days (London), the two cycles' periods. */
export function demoDates(now: Date): { previous: string; current: string } {
  const current = `${londonDate(now).slice(0, 7)}-01`;
  return { previous: addMonths(current, -1), current };
}

function staffIds(userIds: Readonly<Record<string, string>>): Staff {
  const id = (email: string) => {
    const found = userIds[email];
    if (!found || !DEMO_USERS.some((u) => u.email === email))
      throw new Error(`generateDemoBenefits needs the id of demo user ${email}`);
    return found;
  };
  return {
    planManager: id(PLAN_MANAGER_EMAIL),
    accountant: id(ACCOUNTANT_EMAIL),
    caseworker: id(CASEWORKER_EMAIL),
    caseworker2: id(CASEWORKER2_EMAIL),
  };
}

// ---------------------------------------------------------------------------------------------
// People.

function newBeneficiary(
  rng: Rng,
  options: {
    i: number;
    joiner: boolean;
    enrolledFrom: string;
    createdAt: Date;
    benefitPlan: DemoBenefitPlan;
    staff: Staff;
    references: Set<string>;
    emails: Set<string>;
  },
): Beneficiary {
  const { i, createdAt } = options;
  const name = i < FEATURED_NAMES.length ? FEATURED_NAMES[i] : randomName(rng);
  const place = rng.weighted(SCHEME_TOWNS, (t) => t.weight);
  const dateOfBirth = randomCarerBirthDate(rng);
  const contactPreference: ContactPreference = rng.chance(0.55) ? "EMAIL" : "LETTER";
  const person: DemoPerson = {
    id: rng.uuid(),
    reference: uniqueReference(rng, options.references),
    firstName: name.firstName,
    lastName: name.lastName,
    dateOfBirth: new Date(`${dateOfBirth}T00:00:00.000Z`),
    email: contactPreference === "EMAIL" || rng.chance(0.4) ? uniqueEmail(name, options.emails) : null,
    phone: null,
    addressLine1: `${houseNumber(rng)} ${rng.pick(STREET_NAMES)}`,
    addressLine2: rng.chance(0.4) ? rng.pick(place.localities) : null,
    town: place.town,
    county: place.county,
    postcode: postcodeIn(rng, place),
    country: place.country,
    contactPreference,
    createdAt,
    updatedAt: createdAt,
  };
  const method: PaymentMethod = rng.chance(BANK_SHARE) ? "BANK" : "CASH";
  const bank: DemoBankDetails | null =
    method === "BANK" || rng.chance(CASH_WITH_BANK_DETAILS)
      ? { id: rng.uuid(), claimantId: person.id, ...randomBankDetails(rng, name, false), createdAt, updatedAt: createdAt }
      : null;
  return {
    person,
    enrolment: {
      id: rng.uuid(),
      benefitPlanId: options.benefitPlan.id,
      personId: person.id,
      paymentMethod: method,
      enrolledFrom: new Date(`${options.enrolledFrom}T00:00:00.000Z`),
      createdById: options.staff.planManager,
      createdAt,
      updatedAt: createdAt,
    },
    values: attributeValues(rng, place, dateOfBirth),
    bank,
    joiner: options.joiner,
  };
}

/** Household sizes 1 to 6, most often 2; a third disabled; 35 to 49 care hours, the scheme's threshold upwards. */
function attributeValues(rng: Rng, place: UkTown, dateOfBirth: string): DemoAttributeValues {
  const household = rng.weighted([1, 2, 3, 4, 5, 6], (n) => [25, 30, 20, 15, 7, 3][n - 1]);
  return {
    [HOUSEHOLD_SIZE]: household,
    [REGION]: REGION_OF_TOWN[place.town],
    [DISABILITY]: rng.chance(0.3),
    [DATE_OF_BIRTH]: dateOfBirth,
    [CARE_HOURS]: rng.int(35, EXCEPTIONAL_CARE_HOURS - 1),
  };
}

function randomCarerBirthDate(rng: Rng): string {
  const from = Date.UTC(1940, 0, 1);
  const to = Date.UTC(2006, 11, 31);
  return new Date(from + rng.int(0, Math.floor((to - from) / 86_400_000)) * 86_400_000).toISOString().slice(0, 10);
}

function uniqueReference(rng: Rng, used: Set<string>): string {
  for (;;) {
    const reference = makeClaimReference((n) => rng.int(0, n - 1));
    if (!used.has(reference)) {
      used.add(reference);
      return reference;
    }
  }
}

/** example.net: the claims' demo claimants use example.com and example.org. */
function uniqueEmail(name: PersonName, used: Set<string>): string {
  const base = `${emailSafe(name.firstName)}.${emailSafe(name.lastName)}`;
  for (let n = 1; ; n++) {
    const email = `${n === 1 ? base : `${base}${n}`}@example.net`;
    if (!used.has(email)) {
      used.add(email);
      return email;
    }
  }
}

const CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

function uniqueCode(rng: Rng, used: Set<string>): string {
  for (;;) {
    const code = Array.from({ length: 13 }, () => CODE_ALPHABET[rng.int(0, CODE_ALPHABET.length - 1)]).join("");
    if (!used.has(code)) {
      used.add(code);
      return code;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The Post Office's files, made from the Payout file the run delivered (file-formats §3 to §5).

const PAYOUT_REFERENCE_COLUMN = 12;
const PAYOUT_AMOUNT_COLUMN = 0;

function payoutLines(payoutFile: string): string[][] {
  return payoutFile
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => line.split(","));
}

/** The person reference a cycle payment's reference starts with ("7KQ2M9X-202611" -> "7KQ2M9X"). */
const personOf = (paymentReference: string) => paymentReference.split("-")[0];

/** The payment-code file: each line of the Payout file and its voucher's code (column 23). */
export function demoPaymentCodeFile(payoutFile: string, codes: Readonly<Record<string, string>>): string {
  return payoutLines(payoutFile)
    .map((fields) => {
      const code = codes[personOf(fields[PAYOUT_REFERENCE_COLUMN])];
      if (!code) throw new Error(`no demo payment code for ${fields[PAYOUT_REFERENCE_COLUMN]}`);
      return `${[...fields, code].join(",")}\n`;
    })
    .join("");
}

/** The daily reconciliation report: a CASHED row for each cashed voucher of the Payout file. */
export function demoReconciliationReport(
  payoutFile: string,
  codes: Readonly<Record<string, string>>,
  cashed: readonly string[],
  cashedOn: string,
): string {
  const wanted = new Set(cashed);
  const rows = payoutLines(payoutFile)
    .filter((fields) => wanted.has(personOf(fields[PAYOUT_REFERENCE_COLUMN])))
    .map((fields) => {
      const reference = fields[PAYOUT_REFERENCE_COLUMN];
      return [reference, codes[personOf(reference)], fields[PAYOUT_AMOUNT_COLUMN], "CASHED", cashedOn].join(",");
    });
  return ["Reference,Payment Code,Amount,Status,Status Date", ...rows].map((line) => `${line}\n`).join("");
}
