import { londonDate } from "@/lib/dates/london-date";
import { workingDaysBetween } from "@/lib/bank-holidays/working-days";

/**
 * The missed-download banner (docs/runs.md#missed-downloads): non-empty runs of the last 20
 * working days (Europe/London dates) until both of their files have been downloaded once. Pure:
 * the page loads the runs and the calendar.
 *
 * "The last 20 working days", made precise: fewer than 20 working days have passed between the
 * London date the run started and today, so a run made today, or on a weekend or bank holiday just
 * gone, is listed, and one made 20 working days ago has dropped off. A voided batch's files are not
 * to be sent, so they are never missing; a run whose only batch was voided is not listed.
 */

export const MISSED_DOWNLOAD_WINDOW_WORKING_DAYS = 20;

export interface RunFilesForBanner {
  runId: string;
  startedAt: Date;
  files: readonly { kind: string; fileName: string; isVoid: boolean; downloadCount: number }[];
}

export interface MissedDownload {
  runId: string;
  startedAt: Date;
  /** File names not yet downloaded by anyone, in the order given. */
  notDownloaded: string[];
}

export function missedDownloads(runs: readonly RunFilesForBanner[], now: Date, holidays: ReadonlySet<string>): MissedDownload[] {
  const today = londonDate(now);
  return runs.flatMap((run) => {
    const live = run.files.filter((f) => !f.isVoid);
    if (live.length === 0) return [];
    if (workingDaysBetween(londonDate(run.startedAt), today, holidays) >= MISSED_DOWNLOAD_WINDOW_WORKING_DAYS) return [];
    const notDownloaded = live.filter((f) => f.downloadCount === 0).map((f) => f.fileName);
    return notDownloaded.length ? [{ runId: run.runId, startedAt: run.startedAt, notDownloaded }] : [];
  });
}
