import { londonDate } from "@/lib/dates/london-date";

/** When nothing on the claim's timeline says who changed it (a change with no entry). */
export const STALE_MESSAGE = "This claim has changed since you opened it. Reload the page to see the change, then try again.";

/** The claim's latest timeline entry: who made the change that made this page stale, when, and what. */
export type LatestChange = {
  at: Date;
  actorId: string | null;
  actorName: string | null;
  summary: string;
};

const londonTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const londonDay = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "long", year: "numeric" });

function when(at: Date, now: Date): string {
  const time = londonTime.format(at);
  return londonDate(at) === londonDate(now) ? `at ${time}` : `on ${londonDay.format(at)} at ${time}`;
}

/**
 * Why a form was refused as stale, naming the change so the caseworker knows what they missed:
 * "Fiona MacLeod changed this claim at 14:02: Approved." When it was the caseworker themself (a
 * second tab), it says so: someone else's name would be wrong, and "someone else" alarming.
 */
export function staleClaimMessage(options: { latest: LatestChange | null; viewerId?: string; now: Date }): string {
  const { latest, viewerId, now } = options;
  if (!latest) return STALE_MESSAGE;
  const what = latest.summary.replace(/\.$/, "");
  const at = when(latest.at, now);
  if (viewerId && latest.actorId === viewerId) {
    return `You changed this claim in another tab ${at}: ${what}. Reload the page to see the change, then try again.`;
  }
  const who = latest.actorName ? `${latest.actorName} changed this claim` : "This claim was changed";
  return `${who} ${at}: ${what}. Reload the page to see the change, then try again.`;
}
