/**
 * "1 payment", "2 payments", "1,052 beneficiaries": a count with its noun in the right number.
 * Counts are written with thousands separators, as everywhere else in the portal.
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString("en-GB")} ${count === 1 ? singular : pluralForm}`;
}

/** The noun alone, for sentences that put the count elsewhere ("2 of 3 rows have errors"). */
export function nounFor(count: number, singular: string, pluralForm = `${singular}s`): string {
  return count === 1 ? singular : pluralForm;
}
