import type { PrismaClient } from "@/lib/generated/prisma/client";
import { withSessionAdvisoryLock } from "@/lib/db/session-advisory-lock";

/**
 * One rotation at a time, held while the batches commit on other connections. A crash or Ctrl-C
 * ends the lock with its session, so an interrupted rotation never blocks the rerun that resumes it.
 */
export function withRotationLock<T>(db: PrismaClient, work: () => Promise<T>): Promise<T | "BUSY"> {
  return withSessionAdvisoryLock(db, "bank-key-rotation", work);
}

/** The lock's key, for a test (or an operator's psql) to hold it: SELECT pg_advisory_lock(<this>). */
export const LOCK_KEY = "hashtext('bank-key-rotation')";
