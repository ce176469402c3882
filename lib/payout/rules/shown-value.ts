/** Longest value, in characters, that a message quotes whole. */
export const SHOWN_VALUE_MAX = 40;

/**
 * A value from an uploaded file inside a message: quoted, and cut short so a message never grows
 * with the line (the same rule as the failed-payments messages).
 */
export function shownValue(value: string): string {
  const chars = Array.from(value);
  return JSON.stringify(chars.length > SHOWN_VALUE_MAX ? `${chars.slice(0, SHOWN_VALUE_MAX).join("")}…` : value);
}
