// The enrolment file's header row (line 1): which position holds which column. Names match ignoring
// case and extra spaces, in any order; every fixed column and every declared attribute must be
// there once, and nothing else. Pure.
import type { AttributeDeclaration } from "../../rules/attributes";
import { columnKey, FIXED_COLUMNS, namesList, quoted, type FixedColumn } from "./enrolment-columns";

export interface EnrolmentHeader {
  /** Each fixed column's position in a row. */
  fixed: ReadonlyMap<FixedColumn, number>;
  /** Each declared attribute's position, in the order of the declarations. */
  attributes: readonly number[];
  /** How many columns every row must have. */
  width: number;
}

export interface HeaderProblem {
  lineNo: 1;
  message: string;
}

const list = (names: readonly string[]) => namesList(names.map((n) => quoted(n, 60)));
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

export function readEnrolmentHeader(
  fields: readonly string[],
  declarations: readonly AttributeDeclaration[],
): EnrolmentHeader | HeaderProblem {
  // What each name means: a fixed column, or the declared attribute at that index.
  const wanted = new Map<string, { fixed: FixedColumn } | { attribute: number }>();
  for (const column of FIXED_COLUMNS) wanted.set(columnKey(column), { fixed: column });
  const clashes: string[] = [];
  declarations.forEach((d, index) => {
    if (wanted.has(columnKey(d.name))) clashes.push(d.name);
    else wanted.set(columnKey(d.name), { attribute: index });
  });

  const fixed = new Map<FixedColumn, number>();
  const attributes: number[] = [];
  const twice: string[] = [];
  const unknown: string[] = [];
  const blanks: string[] = [];
  fields.forEach((field, position) => {
    const meaning = wanted.get(columnKey(field));
    if (field === "") blanks.push(String(position + 1));
    else if (!meaning) unknown.push(field);
    else if ("fixed" in meaning) {
      if (fixed.has(meaning.fixed)) twice.push(meaning.fixed);
      else fixed.set(meaning.fixed, position);
    } else if (attributes[meaning.attribute] !== undefined) twice.push(declarations[meaning.attribute].name);
    else attributes[meaning.attribute] = position;
  });
  const missing = [
    ...FIXED_COLUMNS.filter((c) => !fixed.has(c)),
    ...declarations.filter((d, i) => attributes[i] === undefined && !clashes.includes(d.name)).map((d) => d.name),
  ];

  const problems: string[] = [];
  if (missing.length) problems.push(`missing ${plural(missing.length, "column", "columns")} ${list(missing)}`);
  if (unknown.length) problems.push(`unknown ${plural(unknown.length, "column", "columns")} ${list(unknown)}`);
  if (blanks.length) problems.push(`no name for ${plural(blanks.length, "column", "columns")} ${namesList(blanks)}`);
  if (twice.length) problems.push(`${plural(twice.length, "column", "columns")} ${list(twice)} named twice`);
  if (clashes.length) {
    problems.push(
      `the plan's ${plural(clashes.length, "attribute", "attributes")} ${list(clashes)} ${plural(clashes.length, "has", "have")} the name of a fixed column, so a file cannot give ${plural(clashes.length, "its", "their")} values: rename ${plural(clashes.length, "it", "them")} in the plan`,
    );
  }
  if (problems.length) {
    const expected =
      missing.length || unknown.length || blanks.length
        ? ` (the header row names ${[...FIXED_COLUMNS, ...declarations.map((d) => d.name)].join(", ")}, in any order)`
        : "";
    return { lineNo: 1, message: `Line 1: ${problems.join("; ")}${expected}` };
  }
  return { fixed, attributes, width: fields.length };
}
