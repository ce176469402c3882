// The import graph of lib/, collapsed to its top-level folders (a top-level file such as
// lib/money.ts is a node of its own), and the circles in it. Pure: callers read the files.
// oxlint's import/no-cycle sees circles between files; this sees circles between folders,
// which stay hidden when each file-level path is acyclic.
import path from "node:path";

/** A source file: `path` is relative to the project root, with forward slashes. */
export type SourceFile = { path: string; source: string };
/** One file importing another (both relative to the project root). */
export type FileEdge = { from: string; to: string };
/** A circle of folders (first folder repeated at the end) and the file imports behind each step. */
export type FolderCycle = { folders: string[]; steps: { from: string; to: string; imports: FileEdge[] }[] };

const EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs", ".json"];
const LAYERS_ABOVE_LIB = ["app/", "components/"];

/** Lines that are comments (`//`, `/*`, or ` * ` inside a block comment) blanked out. */
function withoutCommentLines(source: string): string {
  return source.replace(/^[ \t]*(?:\/\/|\/\*|\*).*$/gm, "");
}

/**
 * Every module specifier a file names: `import … from`, `import type … from`, bare `import "x"`,
 * `export … from` (re-exports, including `export type` and `export *`) and `import("x")`.
 */
export function importSpecifiers(source: string): string[] {
  const code = withoutCommentLines(source);
  const found: string[] = [];
  const statement = /^[ \t]*(?:import|export)\b(?:[^"'`;]*?\bfrom\s*|\s*)["']([^"'\n]+)["']/gm;
  const dynamic = /\bimport\(\s*["']([^"'\n]+)["']\s*\)/g;
  for (const m of code.matchAll(statement)) found.push(m[1]);
  for (const m of code.matchAll(dynamic)) found.push(m[1]);
  return [...new Set(found)];
}

/**
 * The project file a specifier names, relative to the project root: `@/…` is the root (the
 * tsconfig alias), `./` and `../` are relative to the importing file. A package name gives null.
 * `exists` says whether a project file exists; when no candidate exists the bare path is
 * returned, so an import into a folder that is not scanned (app/, lib/generated/) still counts.
 */
export function resolveImport(specifier: string, fromFile: string, exists: (file: string) => boolean): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = specifier.slice(2);
  else if (specifier.startsWith("./") || specifier.startsWith("../") || specifier === "." || specifier === "..")
    base = path.posix.join(path.posix.dirname(fromFile), specifier);
  else return null;
  base = path.posix.normalize(base).replace(/\/$/, "");
  const candidates = [base, ...EXTENSIONS.map((e) => base + e), ...EXTENSIONS.map((e) => `${base}/index${e}`)];
  // `./x.js` may name `x.ts` (TypeScript's ESM convention).
  const js = base.match(/^(.*)\.(m|c)?js$/);
  if (js) candidates.push(`${js[1]}.${js[2] ?? ""}ts`, `${js[1]}.${js[2] ?? ""}tsx`);
  return candidates.find(exists) ?? base;
}

/** The lib/ node a file belongs to: lib/<folder> for files in a folder, the file itself at the top. */
export function folderOf(file: string): string | null {
  const parts = file.split("/");
  if (parts[0] !== "lib" || parts.length < 2) return null;
  return parts.length === 2 ? file : `lib/${parts[1]}`;
}

/** The file-to-file imports of the given files (package imports left out). */
export function fileEdges(files: SourceFile[], exists: (file: string) => boolean): FileEdge[] {
  const edges: FileEdge[] = [];
  for (const file of files) {
    for (const specifier of importSpecifiers(file.source)) {
      const to = resolveImport(specifier, file.path, exists);
      if (to !== null && to !== file.path) edges.push({ from: file.path, to });
    }
  }
  return edges;
}

/** Imports from lib/ into app/ or components/. */
export function layerViolations(edges: FileEdge[]): FileEdge[] {
  return edges.filter((e) => e.from.startsWith("lib/") && LAYERS_ABOVE_LIB.some((layer) => e.to.startsWith(layer)));
}

/** Folder -> folder -> the file imports that make that edge. Imports inside one folder are left out. */
export function folderGraph(edges: FileEdge[]): Map<string, Map<string, FileEdge[]>> {
  const graph = new Map<string, Map<string, FileEdge[]>>();
  for (const edge of edges) {
    const from = folderOf(edge.from);
    const to = folderOf(edge.to);
    if (!from || !to || from === to) continue;
    if (!graph.has(from)) graph.set(from, new Map());
    const targets = graph.get(from)!;
    if (!targets.has(to)) targets.set(to, []);
    targets.get(to)!.push(edge);
  }
  return graph;
}

/** Strongly connected components with more than one node (Tarjan), each sorted, in a stable order. */
function circularComponents(graph: Map<string, Map<string, unknown>>): string[][] {
  const nodes = [...new Set([...graph.keys(), ...[...graph.values()].flatMap((t) => [...t.keys()])])].sort();
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const target of [...(graph.get(node)?.keys() ?? [])].sort()) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return components.sort((a, b) => a[0].localeCompare(b[0]));
}

/** The shortest way from `start` back to itself, staying inside `members` (breadth first). */
function shortestCircle(graph: Map<string, Map<string, unknown>>, start: string, members: Set<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const target of [...(graph.get(node)?.keys() ?? [])].sort()) {
      if (!members.has(target)) continue;
      if (target === start) {
        const way = [node];
        while (way[0] !== start) way.unshift(previous.get(way[0])!);
        return [...way, start];
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [];
}

/**
 * The folder circles: for every folder on a circle, the shortest circle through it (circles that
 * are the same loop started elsewhere are listed once), with the file imports behind each step.
 */
export function folderCycles(edges: FileEdge[]): FolderCycle[] {
  const graph = folderGraph(edges);
  const cycles: FolderCycle[] = [];
  const seen = new Set<string>();
  for (const component of circularComponents(graph)) {
    const members = new Set(component);
    for (const start of component) {
      const folders = shortestCircle(graph, start, members);
      const loop = folders.slice(0, -1);
      const smallest = loop.indexOf([...loop].sort()[0]);
      const key = [...loop.slice(smallest), ...loop.slice(0, smallest)].join(" -> ");
      if (seen.has(key)) continue;
      seen.add(key);
      const steps = loop.map((from, i) => {
        const to = folders[i + 1];
        return { from, to, imports: graph.get(from)!.get(to)! };
      });
      cycles.push({ folders, steps });
    }
  }
  return cycles;
}

/** The whole check: a readable report and whether it passed. */
export function checkFolders(files: SourceFile[], exists: (file: string) => boolean): { ok: boolean; report: string } {
  const edges = fileEdges(files, exists);
  const violations = layerViolations(edges);
  const cycles = folderCycles(edges);
  const lines: string[] = [];
  if (violations.length > 0) {
    lines.push(`lib/ must not import app/ or components/ (see README, How it is built):`);
    for (const v of violations) lines.push(`  ${v.from} imports ${v.to}`);
  }
  if (cycles.length > 0) {
    if (lines.length > 0) lines.push("");
    lines.push(`Import circles between lib/ folders (${cycles.length}):`);
    for (const cycle of cycles) {
      lines.push(`  ${cycle.folders.join(" -> ")}`);
      for (const step of cycle.steps) {
        lines.push(`    ${step.from} -> ${step.to}:`);
        for (const i of step.imports) lines.push(`      ${i.from} imports ${i.to}`);
      }
    }
  }
  const ok = lines.length === 0;
  if (ok) {
    const folders = new Set(files.map((f) => folderOf(f.path)).filter((f) => f !== null));
    lines.push(
      `check-folders: OK (${files.length} files in ${folders.size} lib/ folders; no circles, no imports of app/ or components/)`,
    );
  }
  return { ok, report: lines.join("\n") };
}
