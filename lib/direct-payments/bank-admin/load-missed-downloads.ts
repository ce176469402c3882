import type { Db } from "@/lib/db";
import { addCalendarDays, londonDate, londonDayStart } from "@/lib/dates/london-date";
import { MISSED_DOWNLOAD_WINDOW_WORKING_DAYS, missedDownloads } from "./missed-downloads";

/** The banner's runs: loads the recent direct-payments runs with files and applies the pure rule. */
export async function loadMissedDownloads(db: Db, now: Date, holidays: ReadonlySet<string>) {
  // 20 working days never span more than 20 weeks of calendar days, even over Christmas; the
  // rule then trims to the exact window.
  const since = londonDayStart(addCalendarDays(londonDate(now), -MISSED_DOWNLOAD_WINDOW_WORKING_DAYS * 7));
  const runs = await db.run.findMany({
    where: { kind: "DIRECT_PAYMENTS", startedAt: { gte: since }, batches: { some: { status: { not: "VOID" } } } },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      startedAt: true,
      batches: {
        select: {
          files: {
            orderBy: { kind: "asc" },
            select: { kind: true, fileName: true, isVoid: true, _count: { select: { downloads: true } } },
          },
        },
      },
    },
  });
  return missedDownloads(
    runs.map((r) => ({
      runId: r.id,
      startedAt: r.startedAt,
      files: r.batches.flatMap((b) =>
        b.files.map((f) => ({ kind: f.kind, fileName: f.fileName, isVoid: f.isVoid, downloadCount: f._count.downloads })),
      ),
    })),
    now,
    holidays,
  );
}
