import { SORT_CODE_SUBSTITUTIONS } from "./substitution-table";
import { VALACDOS_ROWS } from "./weight-table";

export type ModulusMethod = "MOD10" | "MOD11" | "DBLAL";

export interface WeightRow {
  readonly start: number;
  readonly end: number;
  readonly method: ModulusMethod;
  /** Fourteen weights, u..z for the sort code then a..h for the account. */
  readonly weights: readonly number[];
  readonly exception: number | null;
}

interface SortCodeRange {
  readonly start: number;
  readonly end: number;
  /** One row per check, in the published order: the first is the first check. */
  readonly rows: readonly WeightRow[];
}

function parseRow(line: string): WeightRow {
  const fields = line.split(" ");
  const method = fields[2];
  // A malformed row would silently skew every account in its range, so fail
  // loudly at load time instead.
  if ((fields.length !== 17 && fields.length !== 18) || (method !== "MOD10" && method !== "MOD11" && method !== "DBLAL")) {
    throw new Error(`Malformed VALACDOS row: ${line}`);
  }
  const numbers = fields.map(Number);
  if (numbers.some((n, i) => i !== 2 && !Number.isInteger(n))) {
    throw new Error(`Malformed VALACDOS row: ${line}`);
  }
  return {
    start: numbers[0],
    end: numbers[1],
    method,
    weights: numbers.slice(3, 17),
    exception: fields.length === 18 ? numbers[17] : null,
  };
}

function buildRanges(raw: string): SortCodeRange[] {
  const ranges: { start: number; end: number; rows: WeightRow[] }[] = [];
  for (const line of raw.split("\n")) {
    if (line === "") continue;
    const row = parseRow(line);
    const last = ranges[ranges.length - 1];
    // The table lists the two checks for a range as adjacent rows with the
    // same bounds; distinct ranges never overlap and ascend, which is what
    // makes the binary search below valid.
    if (last && last.start === row.start && last.end === row.end) {
      last.rows.push(row);
    } else {
      if (last && row.start <= last.end) {
        throw new Error(`VALACDOS ranges out of order at ${line}`);
      }
      ranges.push({ start: row.start, end: row.end, rows: [row] });
    }
  }
  return ranges;
}

const RANGES: readonly SortCodeRange[] = buildRanges(VALACDOS_ROWS);

/** The checks to run for a 6-digit sort code; empty when the table has none. */
export function findWeightRows(sortCode: string): readonly WeightRow[] {
  const value = Number(sortCode);
  let low = 0;
  let high = RANGES.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const range = RANGES[mid];
    if (value < range.start) high = mid - 1;
    else if (value > range.end) low = mid + 1;
    else return range.rows;
  }
  return [];
}

/** SCSUBTAB replacement for exception 5, or the sort code itself. */
export function substituteSortCode(sortCode: string): string {
  return Object.prototype.hasOwnProperty.call(SORT_CODE_SUBSTITUTIONS, sortCode) ? SORT_CODE_SUBSTITUTIONS[sortCode] : sortCode;
}
