import { formatDateTime } from "@/components/format-date";
import { NotificationBanner, NotificationHeading } from "@/components/notification-banner";
import type { MissedDownload } from "@/lib/direct-payments/bank-admin/missed-downloads";

/**
 * docs/runs.md#missed-downloads: runs of the last 20 working days whose files have not both been
 * downloaded once.
 */
export function MissedDownloadsBanner({ missed }: { missed: MissedDownload[] }) {
  if (missed.length === 0) return null;
  return (
    <NotificationBanner variant="important" title="Files not downloaded">
      <NotificationHeading>
        {missed.length === 1 ? "1 run has" : `${missed.length} runs have`} files nobody has downloaded yet
      </NotificationHeading>
      <ul className="list-disc pl-6">
        {missed.map((m) => (
          <li key={m.runId}>
            <a href={`#run-${m.runId}`} className="text-link underline">
              Run of {formatDateTime(m.startedAt)}
            </a>
            : {m.notDownloaded.join(", ")}
          </li>
        ))}
      </ul>
    </NotificationBanner>
  );
}
