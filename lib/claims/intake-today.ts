// Claims are judged against the date in the UK, not the server's time zone: a claim sent at
// 00:30 BST is "today" in London while UTC is still on yesterday.
const londonDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The Europe/London date of `now` as YYYY-MM-DD (en-CA formats dates that way). */
export function intakeToday(now: Date): string {
  return londonDate.format(now);
}
