// Random calculation rules, beneficiaries and carried-over payments for property tests, deterministic
// (a failure reproduces from its seed). Values come from small pools so that conditions often match,
// sums often land exactly on a ceiling or a limit, and every edge case turns up: missing, null and
// wrongly typed values, text differing only in case (ASCII and not), dates that only look like
// dates, numbers JavaScript and PostgreSQL might round differently, attribute names that are SQL.
import type { AttributeDeclaration } from "./attributes";
import { OPERATORS_BY_TYPE } from "./attributes";
import type { CalculationRule, Condition, ConditionalAmount } from "./calculation-rule";
import type { AttributeValues } from "./condition-matches";
import type { CarriedOver } from "./calculate-payment";

export { mulberry32 as prng } from "@/lib/random/mulberry32";

type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const chance = (random: Random, p: number) => random() < p;
const between = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

export const DECLARED: AttributeDeclaration[] = [
  { name: "Household size", type: "NUMBER" },
  { name: `Score'; DROP TABLE "Payment"; --`, type: "NUMBER" },
  { name: "Region", type: "TEXT" },
  { name: "Date of birth", type: "DATE" },
  { name: "Disabled", type: "YES_NO" },
  { name: "Tenure", type: "ONE_OF", options: ["Rent", "Own", "Other"] },
];
/** Named by some conditions, declared by no plan, held by no beneficiary: always missing. */
export const UNDECLARED = "Pets";

// Decimals whose sum is inexact in binary, beyond 2^53, exponents, negatives, minus zero.
const NUMBERS = [0, 1, 2, 3, 4, 5, -1, 2.5, 0.1, 0.30000000000000004, 0.3, 2 ** 53 + 2, 1e21, -0];
const TEXTS = ["North", "north", "NORTH", "South", "Straße", "STRASSE", "straße", "É", "é", "ωmega", "Ωmega", "N"];
/** Beneficiaries' text may hold what a rule's trimmed, non-empty values cannot. */
const STORED_TEXTS = [...TEXTS, "north ", " North", ""];
const DATES = ["1950-01-01", "1950-01-02", "1999-12-31", "2000-01-01", "2024-02-29", "2024-03-01"];
/** Not YYYY-MM-DD (missing), or shaped like it without being a real date (compared as written). */
const STORED_DATES = [...DATES, "2024-3-1", "01/02/2000", "2000-01-01T00:00:00Z", "2024-02-30", "99999-01-01"];
const ONE_OF_STORED = ["Rent", "Own", "Other", "rent", "Unknown"];
const WRONG_TYPES: unknown[] = ["4", 4, "true", true, 0, "2000-01-01", {}, [1], ["North"]];

const AMOUNTS = [0, 500, 500, 1000, 1000, 1500, 2500, 99];
const BASES = [0, 0, 500, 1000, 2500, 12345];
const CAPS = [0, 500, 1000, 1500, 2000, 2500, 3000, 3500, 4000, 5000, 13845];
const LABELS = ["Household of 4 or more", "Zoë's disability top-up", `Rent "supplement"`, "North; winter fuel", "Amount"];

function ruleValue(random: Random, declaration: AttributeDeclaration): unknown {
  switch (declaration.type) {
    case "NUMBER":
      return pick(random, NUMBERS);
    case "TEXT":
      return pick(random, TEXTS);
    case "DATE":
      return pick(random, DATES);
    case "YES_NO":
      return chance(random, 0.5);
    case "ONE_OF":
      return pick(random, declaration.options);
  }
}

function randomCondition(random: Random): Condition {
  if (chance(random, 0.05)) return { attribute: UNDECLARED, type: "NUMBER", operator: "!=", value: pick(random, NUMBERS) };
  const declaration = pick(random, DECLARED);
  const operator = pick(random, OPERATORS_BY_TYPE[declaration.type]);
  const value =
    operator === "in"
      ? Array.from({ length: between(random, 1, 4) }, () => ruleValue(random, declaration))
      : ruleValue(random, declaration);
  return { attribute: declaration.name, type: declaration.type, operator, value } as Condition;
}

export function randomConditionalAmount(random: Random): ConditionalAmount {
  return {
    label: pick(random, LABELS),
    // Mostly one condition: with three, all rarely hold, and the ceiling would rarely bite.
    conditions: Array.from({ length: chance(random, 0.7) ? 1 : between(random, 2, 3) }, () => randomCondition(random)),
    amountPence: pick(random, AMOUNTS),
    countsTowardsCeiling: chance(random, 0.6),
  };
}

export function randomRule(random: Random): CalculationRule {
  return {
    baseAmountPence: pick(random, BASES),
    conditionalAmounts: Array.from({ length: between(random, 0, 6) }, () => randomConditionalAmount(random)),
    ceilingPence: chance(random, 0.3) ? null : pick(random, CAPS),
    limitPence: chance(random, 0.3) ? null : pick(random, CAPS),
  };
}

function storedValue(random: Random, declaration: AttributeDeclaration): unknown {
  switch (declaration.type) {
    case "NUMBER":
      return pick(random, NUMBERS);
    case "TEXT":
      return pick(random, STORED_TEXTS);
    case "DATE":
      return pick(random, STORED_DATES);
    case "YES_NO":
      return chance(random, 0.5);
    case "ONE_OF":
      return pick(random, ONE_OF_STORED);
  }
}

/** A beneficiary's attribute values as the jsonb column holds them. */
export function randomAttributes(random: Random): AttributeValues {
  const values: Record<string, unknown> = {};
  for (const declaration of DECLARED) {
    const roll = random();
    if (roll < 0.12) continue; // absent
    values[declaration.name] = roll < 0.17 ? null : roll < 0.27 ? pick(random, WRONG_TYPES) : storedValue(random, declaration);
  }
  if (chance(random, 0.1)) values["Not declared by the plan"] = pick(random, WRONG_TYPES);
  return values;
}

export function randomCarriedOver(random: Random, prefix: string): CarriedOver[] {
  const count = chance(random, 0.6) ? 0 : between(random, 1, 3);
  return Array.from({ length: count }, (_, i) => ({
    paymentId: `${prefix}-${i}`,
    amountPence: pick(random, [0, 1, 500, 2500, 99999]),
  }));
}
