import { longDate } from "@/lib/dates/london-date";

/** "1 November 2026 to 30 November 2026". */
export function periodWords(start: string, end: string): string {
  return `${longDate(start)} to ${longDate(end)}`;
}
