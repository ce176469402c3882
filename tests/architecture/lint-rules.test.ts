// The layer rules in .oxlintrc.json bite: probe files written inside lib/ that break them make
// oxlint fail with the rule's message, and a clean pure file passes. No database.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const oxlint = path.join(root, "node_modules", ".bin", "oxlint");
// One folder per run, so two runs at once do not delete each other's probes.
const probeDir = `lib/__lint_probe_${process.pid}__`;

const LAYER = "lib/ must not import app/ or components/ (see README, How it is built)";
const PROBES: Record<string, string> = {
  "rules/probe.ts": `import { db } from "@/lib/db";\nexport const probe = db;\n`,
  "rules/probe-fs.ts": `import { readFileSync } from "node:fs";\nexport const probe = readFileSync;\n`,
  "rules/probe-config.ts": `import * as config from "@/lib/config";\nexport const probe = config;\n`,
  "rules/probe-storage.ts": `import * as storage from "@/lib/storage";\nexport const probe = storage;\n`,
  "rules/probe-server-only.ts": `import "server-only";\nexport const probe = 1;\n`,
  "rules/probe-env.ts": `export const probe = process.env.HOME;\n`,
  "format-probe.ts": `import { Prisma } from "@/lib/generated/prisma/client";\nexport const probe = Prisma;\n`,
  "probe-app.ts": `import RootLayout from "@/app/layout";\nexport const probe = RootLayout;\n`,
  "probe-components.ts": `import * as button from "../../components/button";\nexport const probe = button;\n`,
  "rules/clean.ts": `import { formatPence } from "@/lib/money";\n\nexport function probe(pence: number): string {\n  return formatPence(pence);\n}\n`,
};

type Diagnostic = { message: string; code: string; help?: string; filename: string };

function lint(...files: string[]): { status: number; diagnostics: Diagnostic[] } {
  const args = ["-c", ".oxlintrc.json", "--deny-warnings", "-f", "json", ...files.map((f) => `${probeDir}/${f}`)];
  try {
    const out = execFileSync(oxlint, args, { cwd: root, encoding: "utf8" });
    return { status: 0, diagnostics: JSON.parse(out).diagnostics };
  } catch (error) {
    const e = error as { status: number; stdout: string };
    return { status: e.status, diagnostics: JSON.parse(e.stdout).diagnostics };
  }
}

/** "rule: help" for each finding, so a failing assertion shows what oxlint said. */
const findings = (r: { diagnostics: Diagnostic[] }) => r.diagnostics.map((d) => `${d.code}: ${d.help ?? d.message}`);

beforeAll(() => {
  for (const [file, source] of Object.entries(PROBES)) {
    mkdirSync(path.dirname(path.join(root, probeDir, file)), { recursive: true });
    writeFileSync(path.join(root, probeDir, file), source);
  }
});

afterAll(() => {
  rmSync(path.join(root, probeDir), { recursive: true, force: true });
});

describe("layer rules (.oxlintrc.json)", () => {
  it("a pure core (lib/**/rules/**) importing the database fails", () => {
    const r = lint("rules/probe.ts");
    expect(r.status).not.toBe(0);
    expect(findings(r)).toEqual(["eslint(no-restricted-imports): Pure cores must not reach the database: pass values in."]);
  });

  it.each([
    ["rules/probe-fs.ts", "eslint(no-restricted-imports): Pure cores must not touch the file system: pass contents in."],
    ["rules/probe-config.ts", "eslint(no-restricted-imports): Pure cores must not read configuration: pass settings in."],
    ["rules/probe-storage.ts", "eslint(no-restricted-imports): Pure cores must not touch file storage: pass contents in."],
    ["rules/probe-server-only.ts", "eslint(no-restricted-imports): Pure cores run anywhere: no server-only."],
    ["format-probe.ts", "eslint(no-restricted-imports): Pure cores must not reach the database: pass values in."],
  ])("a pure core importing what it must not fails: %s", (file, finding) => {
    const r = lint(file);
    expect(r.status).not.toBe(0);
    expect(findings(r)).toEqual([finding]);
  });

  it("a pure core reading process fails", () => {
    const r = lint("rules/probe-env.ts");
    expect(r.status).not.toBe(0);
    expect(r.diagnostics.map((d) => [d.code, d.message])).toEqual([
      [
        "eslint(no-restricted-globals)",
        "Unexpected use of 'process'. Pure cores must not read the environment: pass settings in.",
      ],
    ]);
  });

  it("any lib/ file importing app/ or components/ fails, by alias or relative path", () => {
    const app = lint("probe-app.ts");
    expect(app.status).not.toBe(0);
    expect(findings(app)).toEqual([`eslint(no-restricted-imports): ${LAYER}`]);

    const components = lint("probe-components.ts");
    expect(components.status).not.toBe(0);
    expect(findings(components)).toEqual([`eslint(no-restricted-imports): ${LAYER}`]);
  });

  it("a clean pure file passes with the same config", () => {
    const r = lint("rules/clean.ts");
    expect(findings(r)).toEqual([]);
    expect(r.status).toBe(0);
  });
});
