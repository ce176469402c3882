import { ukDateTime } from "@/lib/dates/london-date";

const dateOnly = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "long",
  year: "numeric",
});

/** "22 Nov 2026, 14:05" in UK time. */
export function formatDateTime(at: Date): string {
  return ukDateTime(at);
}

/** "22 November 2026" in UK time. */
export function formatDate(at: Date): string {
  return dateOnly.format(at);
}
