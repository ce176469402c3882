// The last check before a direct-payment run stores its files: the AccessPay file, the ADI
// journal's debit and credit, and the payments selected must all agree to the penny
// (docs/file-formats.md#file-name-totals-and-storage: "the total equals the ADI journal's debit
// and credit").

export interface BatchTotals {
  csvTotalPence: number;
  journalDebitPounds: number;
  journalCreditPounds: number;
  paymentsTotalPence: number;
}

export function assertBatchTotals(totals: BatchTotals): void {
  const pence: Array<[string, number]> = [
    ["payments total", wholePence("payments total", totals.paymentsTotalPence)],
    ["AccessPay file total", wholePence("AccessPay file total", totals.csvTotalPence)],
    ["ADI journal debit", poundsToPence("ADI journal debit", totals.journalDebitPounds)],
    ["ADI journal credit", poundsToPence("ADI journal credit", totals.journalCreditPounds)],
  ];
  const [reference, ...others] = pence;
  const mismatches = others.filter(([, value]) => value !== reference[1]);
  if (mismatches.length > 0) {
    const list = pence.map(([label, value]) => `${label} ${value}p`).join(", ");
    const names = mismatches.map(([label]) => label).join(" and ");
    throw new Error(`batch totals disagree: ${names} differ from the payments total (${list})`);
  }
}

function wholePence(label: string, value: number): number {
  if (!Number.isSafeInteger(value)) throw new Error(`${label} is not a whole number of pence: ${value}`);
  return value;
}

// Pounds read back from a workbook are floats (12345.67 is not exact in binary), hence the
// rounding; a value more than a rounding error away from a whole penny is itself a mismatch.
const FLOAT_SLACK_PENCE = 0.001;

function poundsToPence(label: string, pounds: number): number {
  const pence = Math.round(pounds * 100);
  if (!Number.isFinite(pounds) || Math.abs(pounds * 100 - pence) > FLOAT_SLACK_PENCE) {
    throw new Error(`${label} is not a whole number of pence: ${pounds}`);
  }
  return pence;
}
