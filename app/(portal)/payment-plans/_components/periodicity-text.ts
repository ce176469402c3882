/** "Every month", "Every 3 months". */
export function periodicityText(months: number): string {
  return months === 1 ? "Every month" : `Every ${months} months`;
}
