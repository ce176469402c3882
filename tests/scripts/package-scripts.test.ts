// Every file an npm script names exists: `npm run x` must never fail with "Cannot find module".
// No database: this reads package.json only.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const scripts: Record<string, string> = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).scripts;

/** Tokens of a script command that name a file in the project: "x.mts", "scripts/…", "--flag=prisma/…". */
function filesNamedBy(command: string): string[] {
  return command
    .split(/\s+|&&|\|\||;|\|/)
    .map((token) => token.replace(/^['"]|['"]$/g, ""))
    .flatMap((token) => (token.includes("=") ? [token, token.slice(token.indexOf("=") + 1)] : [token]))
    .filter((token) => /\.(ts|mts|js|mjs|cjs)$/.test(token) || /^(\.\/)?(scripts|prisma)\//.test(token))
    .filter((token) => !token.startsWith("-"));
}

describe("package.json scripts", () => {
  it("finds the files a command names", () => {
    expect(filesNamedBy("node --import tsx scripts/start.mts")).toEqual(["scripts/start.mts"]);
    expect(filesNamedBy("tsx prisma/seed.mts && vitest run --config=vitest.config.mts")).toEqual([
      "prisma/seed.mts",
      "vitest.config.mts",
    ]);
    expect(filesNamedBy("prisma generate")).toEqual([]);
    expect(filesNamedBy("next build")).toEqual([]);
  });

  it.each(Object.entries(scripts))("%s names only files that exist", (_name, command) => {
    const missing = filesNamedBy(command).filter((file) => !existsSync(path.join(root, file)));
    expect(missing, `npm run ${_name}: ${command}`).toEqual([]);
  });
});
