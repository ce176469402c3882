import { AppError } from "@/lib/errors";

/** How many changed payments a refused apply names before "and more"; its query takes one more. */
export const CHANGED_NAMED = 10;

/**
 * An apply locks its payments and checks them again: any that changed (`changed`, up to
 * CHANGED_NAMED + 1 of them, each with why) or went (`missing`) since the whole-file check means
 * nothing is applied and the file must be uploaded again. Null when nothing changed.
 */
export function changedWhileChecked(changed: readonly { reference: string; why: string }[], missing: number): AppError | null {
  if (changed.length === 0 && missing === 0) return null;
  const named = changed.slice(0, CHANGED_NAMED).map((p) => `${p.reference} (${p.why})`);
  const more = changed.length > CHANGED_NAMED ? " and more" : missing > 0 ? ` and ${missing} no longer there` : "";
  return new AppError(
    "CONFLICT",
    `Payment ${named.join(", ")}${more} changed while the file was being checked, so nothing in it was applied. Upload the file again.`,
  );
}
