// Plain-text wording shared by the support CLI's commands: times in UK time, ages, and the exit
// codes listed in every --help. Pure.

import { ukDateTime } from "@/lib/dates/london-date";

/** "22 Nov 2026, 14:05" in UK time, as the portal's pages show it. */
export function ukTime(at: Date): string {
  return ukDateTime(at);
}

/** How long ago, roughly: "45 min", "3 h 10 min", "2 days 4 h". Negative spans count as 0. */
export function ageText(from: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - from.getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  const dayWord = `${days} ${days === 1 ? "day" : "days"}`;
  return hours % 24 ? `${dayWord} ${hours % 24} h` : dayWord;
}

/** The exit-code block every command's --help ends with: what each code means for it (null: never). */
export function exitCodesHelp(meanings: Partial<Record<0 | 1 | 2 | 3 | 4 | 5, string | null>>): string {
  const all: Record<0 | 1 | 2 | 3 | 4 | 5, string | null> = {
    0: "done",
    1: "the work failed",
    2: "the command line was wrong: nothing done",
    3: "the --as user is unknown, disabled or lacks the role: nothing done",
    4: "not found: nothing done",
    5: "busy: try again later",
    ...meanings,
  };
  const lines = Object.entries(all).flatMap(([code, meaning]) => (meaning === null ? [] : [`  ${code}  ${meaning}`]));
  return ["Exit codes:", ...lines].join("\n");
}

/** Prints `value` as one JSON document (for --json): dates as ISO strings, bigints as numbers. */
export function jsonLine(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? Number(v) : v), 2);
}
