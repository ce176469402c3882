// Shared set-up for the intake API tests: route modules loaded against this file's database,
// requests built the way the online service sends them, and row counts to prove nothing was written.
import { randomBytes } from "node:crypto";
import { vi } from "vitest";
import { keyFromBase64 } from "@/lib/crypto/bank-details-cipher";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { TEST_LOOKUP_KEY } from "../support/lookup-key";

export const BANK_DETAILS_KEY_BASE64 = randomBytes(32).toString("base64");
export const bankKey = () => keyFromBase64(BANK_DETAILS_KEY_BASE64);

/** Loads both API routes with DATABASE_URL and the secrets pointing at this test file's database. */
export async function loadApiRoutes(databaseUrl: string) {
  vi.resetModules();
  process.env.DATABASE_URL = databaseUrl;
  process.env.BANK_DETAILS_KEY = BANK_DETAILS_KEY_BASE64;
  process.env.BANK_DETAILS_LOOKUP_KEY = TEST_LOOKUP_KEY.toString("base64");
  process.env.AUTH_SECRET = randomBytes(32).toString("base64url");
  delete (globalThis as { prisma?: unknown }).prisma;
  const claims = await import("@/app/api/claims/route");
  const responses = await import("@/app/api/claims/[reference]/responses/route");
  return {
    postClaim: (request: Request) => claims.POST(request, { params: Promise.resolve({}) }),
    postResponse: (reference: string, request: Request) => responses.POST(request, { params: Promise.resolve({ reference }) }),
  };
}

let keyCounter = 0;
export const newIdempotencyKey = () => `test-key-${process.pid}-${++keyCounter}-${randomBytes(4).toString("hex")}`;

/** A POST as the online service sends it; `null` leaves a header out. */
export function apiRequest(
  path: string,
  options: { token?: string | null; authorization?: string; idempotencyKey?: string | null; body?: unknown; rawBody?: string },
): Request {
  const headers = new Headers({ "Content-Type": "application/json" });
  if (options.authorization !== undefined) headers.set("Authorization", options.authorization);
  else if (options.token) headers.set("Authorization", `Bearer ${options.token}`);
  const key = options.idempotencyKey === undefined ? newIdempotencyKey() : options.idempotencyKey;
  if (key !== null) headers.set("Idempotency-Key", key);
  return new Request(`http://127.0.0.1:3000${path}`, {
    method: "POST",
    headers,
    body: options.rawBody ?? JSON.stringify(options.body ?? {}),
  });
}

/** Rows in every table an intake request may write. */
export async function rowCounts(db: PrismaClient) {
  const [claimants, bankDetails, bankDetailChanges, claims, expenseLines, claimEvents, auditLogs, idempotencyKeys, payments] =
    await Promise.all([
      db.claimant.count(),
      db.bankDetails.count(),
      db.bankDetailChange.count(),
      db.claim.count(),
      db.expenseLine.count(),
      db.claimEvent.count(),
      db.auditLog.count(),
      db.idempotencyKey.count(),
      db.payment.count({ where: { holdReason: { not: null } } }),
    ]);
  return {
    claimants,
    bankDetails,
    bankDetailChanges,
    claims,
    expenseLines,
    claimEvents,
    auditLogs,
    idempotencyKeys,
    heldPayments: payments,
  };
}
