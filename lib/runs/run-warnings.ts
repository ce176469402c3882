import type { Prisma } from "@/lib/generated/prisma/client";

// What a run records for staff to see on its page (Run.warnings, JSON): payments it put on hold
// and why, and every change it made to a value when cleaning it (docs/file-formats.md#bacs-characters:
// "nothing is changed silently"). One shape for every kind of run.

export type RunWarning =
  | { kind: "PAYMENT_HELD"; paymentId: string; reference: string; reason: string; detail: string }
  | { kind: "VALUE_CLEANED"; paymentId: string; reference: string; field: string; changes: string[] }
  /** Held (e.g. a bank-details change) after the run had already written it into its files. */
  | { kind: "HELD_AFTER_SELECTION"; paymentId: string; reference: string; reason: string };

export interface HeldPayment {
  paymentId: string;
  reference: string;
  reason: string;
  detail: string;
}

/** Run.warnings as written by this module; anything else there is ignored rather than trusted. */
export function parseRunWarnings(json: Prisma.JsonValue): RunWarning[] {
  if (!Array.isArray(json)) return [];
  return json.filter(
    (w): w is Prisma.JsonObject => typeof w === "object" && w !== null && !Array.isArray(w) && typeof w.kind === "string",
  ) as unknown as RunWarning[];
}

export function heldPayments(warnings: readonly RunWarning[]): HeldPayment[] {
  return warnings.flatMap((w) =>
    w.kind === "PAYMENT_HELD" ? [{ paymentId: w.paymentId, reference: w.reference, reason: w.reason, detail: w.detail }] : [],
  );
}

export function warningsJson(warnings: readonly RunWarning[]): Prisma.InputJsonValue {
  return warnings.map((w) => ({ ...w })) as Prisma.InputJsonValue;
}
