import { workingDaysBetween } from "@/lib/bank-holidays/working-days";
import { londonDate } from "@/lib/dates/london-date";
import type { ClaimStatus } from "@/lib/generated/prisma/enums";
import { isOpenClaim } from "./open-claims";

// A claim's age is the England and Wales working days since it was received, counted on London
// calendar days: received on Monday, it is 0 on Monday and 1 on Tuesday, whatever the hour; weekends
// and bank holidays do not count. Only open claims have an age: a decided claim waits on nobody.
// Past the target (CLAIM_AGE_TARGET_WORKING_DAYS, default 10) means strictly more working days than
// the target (docs/caseworker-queue.md#age-and-the-target).

export const DEFAULT_CLAIM_AGE_TARGET_WORKING_DAYS = 10;

/** Working days from the London date of `receivedAt` to that of `now` (0 on the day received). */
export function claimAgeWorkingDays(receivedAt: Date, now: Date, holidays: ReadonlySet<string>): number {
  return Math.max(0, workingDaysBetween(londonDate(receivedAt), londonDate(now), holidays));
}

export type ClaimAge = { workingDays: number; pastTarget: boolean };

/** The age shown in the queue, or null for a decided claim. */
export function claimAge(
  claim: { status: ClaimStatus; receivedAt: Date },
  options: { now: Date; holidays: ReadonlySet<string>; targetWorkingDays: number },
): ClaimAge | null {
  if (!isOpenClaim(claim.status)) return null;
  const workingDays = claimAgeWorkingDays(claim.receivedAt, options.now, options.holidays);
  return { workingDays, pastTarget: workingDays > options.targetWorkingDays };
}

/** "0 working days", "1 working day", "12 working days". */
export function describeAge(workingDays: number): string {
  return `${workingDays} working ${workingDays === 1 ? "day" : "days"}`;
}
