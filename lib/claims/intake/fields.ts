import { z } from "zod";
import {
  controlCharactersMessage,
  formulaStartMessage,
  hasControlCharacters,
  hasHiddenCharacters,
  hiddenCharactersMessage,
  startsLikeFormula,
} from "./person-text";

// Shared field builders so every message names the field in plain English.

function typeError(name: string, kind: string) {
  return (issue: { input?: unknown }) =>
    issue.input === undefined || issue.input === null ? `${name} is required` : `${name} must be ${kind}`;
}

/** Trimmed text, 1..max characters, without control characters (tabs and line breaks allowed). */
export function requiredText(name: string, max: number) {
  return z
    .string({ error: typeError(name, "text") })
    .trim()
    .min(1, `${name} is required`)
    .max(max, `${name} must be ${max} characters or fewer`)
    .refine((v) => !hasControlCharacters(v), controlCharactersMessage(name));
}

// A person's name or address line (person-text.ts): on top of the text rules, nothing hidden or
// direction-changing, so what a caseworker sees is what the claimant typed, and no formula start.
function personText(name: string, max: number, min: number) {
  return z
    .string({ error: typeError(name, "text") })
    .trim()
    .min(min, `${name} is required`)
    .max(max, `${name} must be ${max} characters or fewer`)
    .refine((v) => !hasHiddenCharacters(v), hiddenCharactersMessage(name))
    .refine((v) => !startsLikeFormula(v), formulaStartMessage(name));
}

/** A required name or address line: trimmed, 1..max characters, nothing hidden. */
export function requiredPersonText(name: string, max: number) {
  return personText(name, max, 1);
}

/** An optional name or address line, or null. */
export function optionalPersonText(name: string, max: number) {
  return blankAsNull(personText(name, max, 0));
}

// Forms often send "" for an unfilled field; treating blank and absent as null
// lets "contact preference EMAIL but no email" report one clear message.
export function blankAsNull<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : v), schema.nullable());
}

/** A real calendar date written YYYY-MM-DD (z.iso.date rejects 2023-02-30 and the like). */
export function isoDate(name: string) {
  return z.iso.date({
    error: (issue) =>
      issue.code === "invalid_type"
        ? typeError(name, "a date written YYYY-MM-DD")(issue)
        : `${name} must be a real date written YYYY-MM-DD`,
  });
}

export function enumOf<const T extends readonly [string, ...string[]]>(name: string, values: T) {
  const list = `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;
  return z.enum(values, {
    error: (issue) => (issue.input === undefined || issue.input === null ? `${name} is required` : `${name} must be ${list}`),
  });
}

/** Strict object: a misspelt key is an error rather than silently dropped. */
export function strictObject<S extends z.ZodRawShape>(name: string, shape: S) {
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code === "unrecognized_keys") {
        const keys = issue.keys.map((k) => `"${k}"`).join(", ");
        return `${name} has ${issue.keys.length === 1 ? "an unknown field" : "unknown fields"}: ${keys}`;
      }
      return typeError(name, "an object")(issue);
    },
  });
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
