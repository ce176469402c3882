import Papa from "papaparse";
import { formulaSafe, isFormulaLike } from "./formula-safe";

/**
 * One CSV line (LF) as every CSV the portal writes has it: fields quoted when they need it, and a
 * cell a spreadsheet could take for a formula prefixed with ' and quoted (formula-safe.ts).
 */
export function unparseLine(cells: readonly string[]): string {
  return Papa.unparse([cells.map(formulaSafe)], { newline: "\n", quotes: cells.map(isFormulaLike) }) + "\n";
}
