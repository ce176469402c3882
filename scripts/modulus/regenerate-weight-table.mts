// Rebuilds the modulus checking tables in lib/bank-details/modulus from Pay.UK's published files:
//
//   npx tsx scripts/modulus/regenerate-weight-table.mts \
//     --valacdos valacdos.txt --scsubtab scsubtab.txt --version 8.60 \
//     --valacdos-source "Pay.UK, valacdos.txt published with 'Validating account numbers' v8.60 (in force from ...)" \
//     --scsubtab-source "Pay.UK, scsubtab.txt published with v8.60"
//
// Pay.UK (formerly Vocalink) publishes both files with each version of "Validating account numbers -
// UK modulus checking". The version is not inside the files, so it is given here; so is where each
// file came from, which goes into the table's header for the next person to check. With --check,
// nothing is written: the exit code says whether the committed tables are what the files make.
//
// After a new version: run this, then the modulus tests (npx vitest run lib/bank-details), and
// update the row count in lib/bank-details/modulus/tables.test.ts to the new table's.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { renderSubstitutionTable, renderWeightTable } from "./modulus-tables.mts";

const MODULUS = path.join(import.meta.dirname, "../../lib/bank-details/modulus");
const WEIGHT_TABLE = path.join(MODULUS, "weight-table.ts");
const SUBSTITUTION_TABLE = path.join(MODULUS, "substitution-table.ts");

const { values } = parseArgs({
  options: {
    valacdos: { type: "string" },
    scsubtab: { type: "string" },
    version: { type: "string" },
    "valacdos-source": { type: "string" },
    "scsubtab-source": { type: "string" },
    check: { type: "boolean", default: false },
  },
});

const required = ["valacdos", "scsubtab", "version", "valacdos-source", "scsubtab-source"] as const;
const missing = required.filter((name) => !values[name]);
if (missing.length > 0) {
  console.error(`Missing ${missing.map((m) => `--${m}`).join(", ")}.`);
  console.error(
    "Usage: npx tsx scripts/modulus/regenerate-weight-table.mts --valacdos <valacdos.txt> --scsubtab <scsubtab.txt> " +
      '--version <8.50> --valacdos-source "<where it came from>" --scsubtab-source "<where it came from>" [--check]',
  );
  process.exit(1);
}

const outputs = [
  {
    file: WEIGHT_TABLE,
    text: renderWeightTable({
      version: values.version!,
      source: values["valacdos-source"]!,
      valacdos: readFileSync(values.valacdos!, "latin1"),
    }),
  },
  {
    file: SUBSTITUTION_TABLE,
    text: renderSubstitutionTable({
      version: values.version!,
      source: values["scsubtab-source"]!,
      scsubtab: readFileSync(values.scsubtab!, "latin1"),
    }),
  },
];

let stale = false;
for (const { file, text } of outputs) {
  const relative = path.relative(process.cwd(), file);
  const current = readFileSync(file, "utf8");
  if (current === text) {
    console.log(`${relative}: unchanged`);
  } else if (values.check) {
    console.error(`${relative}: differs from what the files make`);
    stale = true;
  } else {
    writeFileSync(file, text);
    console.log(`${relative}: written`);
  }
}
process.exitCode = stale ? 1 : 0;
