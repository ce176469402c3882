const dateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

const dateOnly = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "long",
  year: "numeric",
});

/** "22 Nov 2026, 14:05" in UK time. */
export function formatDateTime(at: Date): string {
  return dateTime.format(at);
}

/** "22 November 2026" in UK time. */
export function formatDate(at: Date): string {
  return dateOnly.format(at);
}
