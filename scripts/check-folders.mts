// `npm run lint` (after oxlint): fails on an import circle between lib/ folders (oxlint's
// import/no-cycle sees files only) or on a lib/ file importing app/ or components/.
// Reads every source file under lib/ (tests included, generated Prisma code left out).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { checkFolders, type SourceFile } from "./lib/folder-graph.mts";
import { root } from "./lib/run-command.mts";

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIP = new Set(["lib/generated"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return SKIP.has(rel) ? [] : sourceFiles(rel);
    return entry.isFile() ? [rel] : [];
  });
}

const all = sourceFiles("lib");
const known = new Set(all);
const files: SourceFile[] = all
  .filter((f) => SOURCE.test(f))
  .map((f) => ({ path: f, source: readFileSync(path.join(root, f), "utf8") }));
const { ok, report } = checkFolders(files, (file) => known.has(file));
(ok ? console.log : console.error)(report);
process.exitCode = ok ? 0 : 1;
