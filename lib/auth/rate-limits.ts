import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";

// Counters kept in PostgreSQL (the table "rate_limit", made by a migration) so every server
// process shares them; each consume is one INSERT … ON CONFLICT … RETURNING, so a burst sent at once
// is counted exactly. rate-limiter-flexible does the counting; these are the budgets.

/** Failed sign-ins from one address, across all emails, before it must wait. */
export const SIGN_IN_FAILURES_PER_IP = 30;
/** Wrong current passwords on "Change your password" before the user must wait (as the sign-in lock). */
export const PASSWORD_CHANGE_FAILURES = 5;
const WINDOW_SECONDS = 15 * 60;

export const RATE_LIMITED_MESSAGE =
  "Too many sign-in attempts from your network. Wait 15 minutes and try again, or ask an administrator.";
export const PASSWORD_CHANGE_LIMITED_MESSAGE =
  "Too many attempts to change your password. Wait 15 minutes and try again, or ask an administrator.";

const limiters = new WeakMap<pg.Pool, Record<string, RateLimiterPostgres>>();

function limiter(pool: pg.Pool, keyPrefix: string, points: number): RateLimiterPostgres {
  const forPool = limiters.get(pool) ?? {};
  limiters.set(pool, forPool);
  forPool[keyPrefix] ??= new RateLimiterPostgres({
    storeClient: pool,
    storeType: "pool",
    tableName: "rate_limit",
    tableCreated: true,
    clearExpiredByTimeout: false,
    keyPrefix,
    points,
    duration: WINDOW_SECONDS,
  });
  return forPool[keyPrefix];
}

export type Budget = { take(): Promise<boolean>; giveBack(): Promise<void> };

/** One budget: take() spends a point and says whether any was left; giveBack() refunds it (a success). */
function budget(pool: pg.Pool, keyPrefix: string, points: number, key: string): Budget {
  const counter = limiter(pool, keyPrefix, points);
  return {
    async take() {
      try {
        await counter.consume(key);
        return true;
      } catch (error) {
        if (error instanceof RateLimiterRes) return false;
        throw error;
      }
    },
    async giveBack() {
      await counter.reward(key);
    },
  };
}

export function signInIpBudget(pool: pg.Pool, ip: string): Budget {
  return budget(pool, "sign-in-ip", SIGN_IN_FAILURES_PER_IP, ip);
}

export function passwordChangeBudget(pool: pg.Pool, userId: string): Budget {
  return budget(pool, "password-change", PASSWORD_CHANGE_FAILURES, userId);
}
