import { describe, expect, it } from "vitest";
import {
  checkFolders,
  fileEdges,
  folderCycles,
  folderOf,
  importSpecifiers,
  layerViolations,
  resolveImport,
  type SourceFile,
} from "./folder-graph.mts";

const project = (files: Record<string, string>) => {
  const sources: SourceFile[] = Object.entries(files).map(([path, source]) => ({ path, source }));
  const known = new Set(Object.keys(files));
  return { sources, exists: (file: string) => known.has(file) };
};

describe("importSpecifiers", () => {
  it("finds imports, type imports, side-effect imports, re-exports and dynamic imports", () => {
    const source = [
      `import { a } from "@/lib/a";`,
      `import type { B } from "../b";`,
      `import {`,
      `  c,`,
      `  type C,`,
      `} from "./c";`,
      `import "server-only";`,
      `export { d } from "./d";`,
      `export type { E } from "./e";`,
      `export * from "./f";`,
      `const g = await import("./g");`,
      `// import { h } from "./h";`,
      `/**`,
      ` * import { i } from "./i";`,
      ` */`,
      `export const j = "from './j'";`,
      `const k = Array.from("kk");`,
    ].join("\n");
    expect(importSpecifiers(source).sort()).toEqual(["../b", "./c", "./d", "./e", "./f", "./g", "@/lib/a", "server-only"]);
  });
});

describe("resolveImport", () => {
  const exists = (f: string) => ["lib/money.ts", "lib/claims/rules/index.ts", "lib/claims/x.tsx"].includes(f);

  it("resolves the @/ alias and relative paths to project files, trying extensions and index files", () => {
    expect(resolveImport("@/lib/money", "lib/claims/a.ts", exists)).toBe("lib/money.ts");
    expect(resolveImport("../money", "lib/claims/a.ts", exists)).toBe("lib/money.ts");
    expect(resolveImport("./rules", "lib/claims/a.ts", exists)).toBe("lib/claims/rules/index.ts");
    expect(resolveImport("./x.js", "lib/claims/a.ts", exists)).toBe("lib/claims/x.tsx");
  });

  it("keeps the bare path of files it does not know, and gives null for packages", () => {
    expect(resolveImport("@/app/layout", "lib/a/b.ts", exists)).toBe("app/layout");
    expect(resolveImport("../../components/button", "lib/a/b.ts", exists)).toBe("components/button");
    expect(resolveImport("zod", "lib/a/b.ts", exists)).toBeNull();
    expect(resolveImport("node:fs", "lib/a/b.ts", exists)).toBeNull();
  });
});

describe("folderOf", () => {
  it("is the top-level folder of lib/, or the file itself at the top of lib/", () => {
    expect(folderOf("lib/claims/rules/pounds.ts")).toBe("lib/claims");
    expect(folderOf("lib/money.ts")).toBe("lib/money.ts");
    expect(folderOf("app/layout.tsx")).toBeNull();
  });
});

describe("folder circles", () => {
  it("finds a circle between folders that no file-level circle shows, naming the files on each edge", () => {
    // a/one -> b/two -> a/three: no file imports itself back, but folder a -> b -> a.
    const { sources, exists } = project({
      "lib/a/one.ts": `import { two } from "@/lib/b/two";\nexport const one = two;`,
      "lib/b/two.ts": `import type { Three } from "../a/three";\nexport const two = 2;`,
      "lib/a/three.ts": `export type Three = 3;`,
      "lib/c/four.ts": `export { one } from "@/lib/a/one";`,
      "lib/money.ts": `export const pence = 1;`,
    });
    const cycles = folderCycles(fileEdges(sources, exists));
    expect(cycles).toHaveLength(1);
    expect(cycles[0].folders).toEqual(["lib/a", "lib/b", "lib/a"]);
    expect(cycles[0].steps).toEqual([
      { from: "lib/a", to: "lib/b", imports: [{ from: "lib/a/one.ts", to: "lib/b/two.ts" }] },
      { from: "lib/b", to: "lib/a", imports: [{ from: "lib/b/two.ts", to: "lib/a/three.ts" }] },
    ]);

    const result = checkFolders(sources, exists);
    expect(result.ok).toBe(false);
    expect(result.report).toContain("lib/a -> lib/b -> lib/a");
    expect(result.report).toContain("lib/b/two.ts imports lib/a/three.ts");
  });

  it("finds a longer circle through a top-level file, and lists each circle once", () => {
    const { sources, exists } = project({
      "lib/money.ts": `import { x } from "./x/x";`,
      "lib/x/x.ts": `export * from "../y/y";`,
      "lib/y/y.ts": `import { pence } from "@/lib/money";`,
    });
    const cycles = folderCycles(fileEdges(sources, exists));
    expect(cycles.map((c) => c.folders)).toEqual([["lib/money.ts", "lib/x", "lib/y", "lib/money.ts"]]);
  });

  it("passes a graph without circles, imports inside one folder included", () => {
    const { sources, exists } = project({
      "lib/a/one.ts": `import { two } from "./two";\nimport { b } from "@/lib/b/b";`,
      "lib/a/two.ts": `import { one } from "./one";`,
      "lib/b/b.ts": `import { pence } from "@/lib/money";\nimport { z } from "zod";`,
      "lib/money.ts": `export const pence = 1;`,
    });
    const result = checkFolders(sources, exists);
    expect(result.ok).toBe(true);
    expect(result.report).toMatch(/^check-folders: OK/);
  });
});

describe("layer violations", () => {
  it("fails on lib/ importing app/ or components/, by alias or relative path", () => {
    const { sources, exists } = project({
      "lib/a/one.ts": `import { Page } from "@/app/layout";`,
      "lib/a/two.ts": `import { Button } from "../../components/button";`,
      "lib/a/three.ts": `import { one } from "./one";`,
    });
    expect(layerViolations(fileEdges(sources, exists))).toEqual([
      { from: "lib/a/one.ts", to: "app/layout" },
      { from: "lib/a/two.ts", to: "components/button" },
    ]);
    const result = checkFolders(sources, exists);
    expect(result.ok).toBe(false);
    expect(result.report).toContain("lib/ must not import app/ or components/");
    expect(result.report).toContain("lib/a/one.ts imports app/layout");
  });
});
