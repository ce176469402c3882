// Code comments and READMEs point at the project's own docs (docs/README.md), never at the steering
// specs that live outside the repository. This fails when a comment or a README line names the
// specs' folder or one of their file names without the docs/ prefix, and when a reference of the
// form docs/<file>.md#<anchor> (in any scanned file, or a relative link inside docs/) names a file
// or a heading that does not exist. No database: it only reads files.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const docsDir = path.join(root, "docs");

/** Not ours, generated, or written at run time: skipped wherever they are. */
const SKIP_DIR_NAMES = new Set(["node_modules", ".git", ".next"]);
/** From the repository root. `docs/` is checked for links, not for bare names. */
const SKIP_DIR_PATHS = new Set([
  ".data",
  "lib/generated",
  "docs",
  "test-results",
  "playwright-report",
  "blob-report",
  "coverage",
]);
/**
 * Generated, or local settings that may hold secrets (never read); and migrations already applied
 * somewhere, which must stay byte-for-byte as they were (Prisma keeps a checksum of each).
 */
const SKIP_FILES = new Set([
  "package-lock.json",
  ".env",
  ".env.local",
  "prisma/migrations/20261122210000_run_lock/migration.sql",
]);

type Syntax = "js" | "sql" | "prisma" | "css" | "hash" | "markdown";

const EXTENSIONS: Record<string, Syntax> = {
  ".ts": "js",
  ".tsx": "js",
  ".mts": "js",
  ".cts": "js",
  ".js": "js",
  ".jsx": "js",
  ".mjs": "js",
  ".cjs": "js",
  ".json": "js",
  ".sql": "sql",
  ".prisma": "prisma",
  ".css": "css",
  ".md": "markdown",
  ".toml": "hash",
  ".yml": "hash",
  ".yaml": "hash",
  ".sh": "hash",
};
const HASH_FILES = new Set([".env.example", ".gitignore", ".prettierignore", ".gitattributes", ".npmrc"]);

function syntaxOf(rel: string): Syntax | null {
  const base = path.basename(rel);
  if (HASH_FILES.has(base)) return "hash";
  const byExtension = EXTENSIONS[path.extname(base)];
  if (byExtension) return byExtension;
  // Extensionless scripts such as .ci/run.
  if (!path.extname(base) && readFileSync(path.join(root, rel), "utf8").startsWith("#!")) return "hash";
  return null;
}

function walk(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return SKIP_DIR_PATHS.has(rel) || SKIP_DIR_NAMES.has(entry.name) ? [] : walk(rel);
    return entry.isFile() && !SKIP_FILES.has(entry.name) && !SKIP_FILES.has(rel) ? [rel] : [];
  });
}

interface CommentLine {
  line: number;
  text: string;
}

/** Splits a comment that starts on `line` into one entry per physical line. */
function perLine(text: string, line: number): CommentLine[] {
  return text.split("\n").map((t, i) => ({ line: line + i, text: t }));
}

const REGEX_AFTER_CHAR = new Set("(,=:[!&|?{};+-*%~^".split(""));
const REGEX_AFTER_WORD = new Set([
  "return",
  "typeof",
  "case",
  "do",
  "else",
  "in",
  "of",
  "new",
  "delete",
  "void",
  "throw",
  "yield",
  "await",
  "instanceof",
]);

/**
 * The comments of JavaScript or TypeScript source, skipping strings, template literals and regular
 * expression literals. A small lexer, not a parser: a quote or a regex that is not closed on its
 * line ends there (JSX text such as "Don't" then costs at most the rest of that line), and `/`
 * starts a regex only where an expression may begin (never after `<`, so `</div>` is not a regex).
 */
export function jsComments(source: string): CommentLine[] {
  const out: CommentLine[] = [];
  let line = 1;
  let prevChar = "";
  let prevWord = "";
  // One entry per open template literal: how many `{` are open inside its current `${`.
  const templates: number[] = [];
  let inTemplateText = false;
  let i = 0;
  const n = source.length;

  const advance = (to: number) => {
    for (let k = i; k < to && k < n; k++) if (source[k] === "\n") line++;
    i = to;
  };

  while (i < n) {
    const c = source[i];
    if (inTemplateText) {
      if (c === "\\") advance(i + 2);
      else if (c === "`") {
        templates.pop();
        inTemplateText = false;
        prevChar = "`";
        advance(i + 1);
      } else if (c === "$" && source[i + 1] === "{") {
        templates[templates.length - 1] = 0;
        inTemplateText = false;
        prevChar = "{";
        advance(i + 2);
      } else advance(i + 1);
      continue;
    }
    const next = source[i + 1];
    if (c === "/" && next === "/") {
      const end = source.indexOf("\n", i);
      const stop = end === -1 ? n : end;
      out.push({ line, text: source.slice(i + 2, stop) });
      advance(stop);
      continue;
    }
    if (c === "/" && next === "*") {
      const end = source.indexOf("*/", i + 2);
      const stop = end === -1 ? n : end + 2;
      out.push(...perLine(source.slice(i + 2, end === -1 ? n : end), line));
      advance(stop);
      continue;
    }
    if (c === "'" || c === '"') {
      let k = i + 1;
      while (k < n && source[k] !== c && source[k] !== "\n") k += source[k] === "\\" ? 2 : 1;
      prevChar = c;
      prevWord = "";
      advance(k < n && source[k] === c ? k + 1 : k);
      continue;
    }
    if (c === "`") {
      templates.push(0);
      inTemplateText = true;
      advance(i + 1);
      continue;
    }
    if (c === "/" && (prevChar === "" || REGEX_AFTER_CHAR.has(prevChar) || REGEX_AFTER_WORD.has(prevWord))) {
      let k = i + 1;
      let inClass = false;
      while (k < n && source[k] !== "\n") {
        const r = source[k];
        if (r === "\\") k += 2;
        else {
          if (r === "[") inClass = true;
          else if (r === "]") inClass = false;
          else if (r === "/" && !inClass) break;
          k += 1;
        }
      }
      prevChar = "/";
      prevWord = "";
      advance(k < n && source[k] === "/" ? k + 1 : k);
      continue;
    }
    if (templates.length > 0 && (c === "{" || c === "}")) {
      const depth = templates[templates.length - 1];
      if (c === "}" && depth === 0) {
        inTemplateText = true;
        advance(i + 1);
        continue;
      }
      templates[templates.length - 1] = depth + (c === "{" ? 1 : -1);
    }
    if (/[A-Za-z_$\d]/.test(c)) {
      let k = i;
      while (k < n && /[A-Za-z_$\d]/.test(source[k])) k++;
      prevWord = source.slice(i, k);
      prevChar = source[k - 1];
      advance(k);
      continue;
    }
    if (!/\s/.test(c)) {
      prevChar = c;
      prevWord = "";
    }
    advance(i + 1);
  }
  return out;
}

/** Block comments (`/* … *\/`) only, as in CSS; with `lineComment`, also that marker to the end of a line. */
function markerComments(source: string, lineComment: string | null): CommentLine[] {
  const out: CommentLine[] = [];
  let inBlock = false;
  source.split("\n").forEach((text, index) => {
    let rest = text;
    let found = "";
    while (rest.length > 0) {
      if (inBlock) {
        const end = rest.indexOf("*/");
        found += ` ${end === -1 ? rest : rest.slice(0, end)}`;
        if (end === -1) rest = "";
        else {
          inBlock = false;
          rest = rest.slice(end + 2);
        }
        continue;
      }
      const block = rest.indexOf("/*");
      const lineAt = lineComment ? rest.indexOf(lineComment) : -1;
      if (lineAt !== -1 && (block === -1 || lineAt < block)) {
        found += ` ${rest.slice(lineAt + lineComment!.length)}`;
        rest = "";
      } else if (block !== -1) {
        inBlock = true;
        rest = rest.slice(block + 2);
      } else rest = "";
    }
    if (found) out.push({ line: index + 1, text: found });
  });
  return out;
}

/** `#` to the end of the line, where `#` starts the line or follows a space (shell, env, ignore files). */
function hashComments(source: string): CommentLine[] {
  return source.split("\n").flatMap((text, index) => {
    const at = text.search(/(^|\s)#/);
    return at === -1 ? [] : [{ line: index + 1, text: text.slice(at) }];
  });
}

function commentsOf(syntax: Syntax, source: string): CommentLine[] {
  switch (syntax) {
    case "js":
      return jsComments(source);
    case "sql":
      return markerComments(source, "--");
    case "prisma":
      return markerComments(source, "//");
    case "css":
      return markerComments(source, null);
    case "hash":
      return hashComments(source);
    case "markdown":
      // Every line of a README (or any Markdown outside docs/) is prose.
      return source.split("\n").map((text, index) => ({ line: index + 1, text }));
  }
}

// Built from pieces so that this file's own text does not trip the checks it makes.
const SPECS = ["domain", "file-formats"].map((name) => `${name}\\.md`).join("|");
const OUTSIDE_FOLDER = new RegExp(["shared", "specs"].join("/"));
const BARE_NAME = new RegExp(`(?<!docs/)(?<![\\w.-])(?:${SPECS})\\b`);

/** Problems in the comment lines of one file: pointers at the steering specs. */
export function outsidePointers(rel: string, comments: readonly CommentLine[]): string[] {
  return comments.flatMap(({ line, text }) =>
    OUTSIDE_FOLDER.test(text) || BARE_NAME.test(text) ? [`${rel}:${line}: ${text.trim()}`] : [],
  );
}

/** GitHub's heading anchor: lower case, punctuation other than `-` and `_` dropped, spaces to `-`. */
export function githubSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/<[^>]+>/g, "")
    .trim()
    .toLowerCase();
  return text.replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "").replace(/ /g, "-");
}

/** Every anchor a Markdown file's headings make, duplicates numbered as GitHub does (x, x-1, x-2). */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fence: string | null = null;
  for (const text of markdown.split("\n")) {
    const fenceMark = /^\s*(```|~~~)/.exec(text)?.[1];
    if (fenceMark) {
      if (fence === null) fence = fenceMark;
      else if (fence === fenceMark) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const heading = /^#{1,6}\s+(.*?)(?:\s+#+)?\s*$/.exec(text);
    if (!heading) continue;
    const slug = githubSlug(heading[1]);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

const anchorCache = new Map<string, Set<string> | null>();
function anchorsOfDoc(file: string): Set<string> | null {
  if (!anchorCache.has(file)) {
    const full = path.join(docsDir, file);
    anchorCache.set(file, existsSync(full) ? headingAnchors(readFileSync(full, "utf8")) : null);
  }
  return anchorCache.get(file)!;
}

function checkTarget(where: string, file: string, anchor: string | undefined): string[] {
  const anchors = anchorsOfDoc(file);
  if (anchors === null) return [`${where}: docs/${file} does not exist`];
  if (anchor !== undefined && !anchors.has(anchor)) return [`${where}: docs/${file} has no heading for #${anchor}`];
  return [];
}

const DOCS_REFERENCE = /\bdocs\/([A-Za-z0-9._-]+\.md)(?:#([\p{L}\p{N}_-]+))?/gu;

/** References of the form docs/<file>.md#<anchor> anywhere in a file's text. */
function brokenDocsReferences(rel: string, text: string): string[] {
  return text
    .split("\n")
    .flatMap((line, index) => [...line.matchAll(DOCS_REFERENCE)].flatMap((m) => checkTarget(`${rel}:${index + 1}`, m[1], m[2])));
}

/** Relative Markdown links inside docs/: (other.md#anchor) and (#anchor). */
function brokenLinksInDoc(file: string, text: string): string[] {
  return text
    .split("\n")
    .flatMap((line, index) =>
      [...line.matchAll(/\]\((?!https?:)([A-Za-z0-9._-]+\.md)?(?:#([^)\s]+))?\)/g)].flatMap((m) =>
        m[1] === undefined && m[2] === undefined ? [] : checkTarget(`docs/${file}:${index + 1}`, m[1] ?? file, m[2]),
      ),
    );
}

const scanned = walk("").flatMap((rel) => {
  const syntax = syntaxOf(rel);
  return syntax ? [{ rel, syntax, text: readFileSync(path.join(root, rel), "utf8") }] : [];
});
const docs = readdirSync(docsDir).filter((f) => f.endsWith(".md"));

describe("the comment reader", () => {
  it("finds line and block comments, but not text inside strings, templates or regexes", () => {
    const source = [
      'const a = "// not a comment"; // one',
      "const b = `/* not ${x /* two */} either */`;",
      "const c = /\\/\\/ no [/] /g.test(s) / 2; /* three",
      "   continued */",
      "const d = <div>{/* four */}</div>;",
    ].join("\n");
    expect(jsComments(source)).toEqual([
      { line: 1, text: " one" },
      { line: 2, text: " two " },
      { line: 3, text: " three" },
      { line: 4, text: "   continued " },
      { line: 5, text: " four " },
    ]);
  });

  it("flags pointers at the steering specs but not at docs/", () => {
    const names = ["domain", "file-formats"].map((n) => `${n}.md`);
    const lines = [
      `see ${names[0]} "Runs"`,
      `(${names[1]} section 6)`,
      `../${["shared", "specs"].join("/")}/x`,
      `docs/${names[0]}#runs`,
      `mydomain.md`,
    ].map((text, i) => ({ line: i + 1, text }));
    expect(outsidePointers("f.ts", lines).map((p) => p.split(":")[1])).toEqual(["1", "2", "3"]);
  });

  it("makes GitHub's heading anchors", () => {
    expect(githubSlug("File name, totals and storage")).toBe("file-name-totals-and-storage");
    expect(githubSlug("People (claimants)")).toBe("people-claimants");
    expect(githubSlug("`SENT` → `PAID`")).toBe("sent--paid");
    expect([...headingAnchors("# A\n```\n# not\n```\n## A\n### B c\n")]).toEqual(["a", "a-1", "b-c"]);
  });
});

describe("docs links", () => {
  it("reads the repository (sanity check)", () => {
    expect(scanned.some((f) => f.rel === "README.md")).toBe(true);
    expect(scanned.some((f) => f.rel === "lib/auth/access.ts")).toBe(true);
    expect(docs).toEqual(expect.arrayContaining(["README.md", "domain.md", "file-formats.md", "runs.md"]));
  });

  it("no comment or README line points at the steering specs outside the repository", () => {
    const problems = scanned.flatMap((f) => outsidePointers(f.rel, commentsOf(f.syntax, f.text)));
    expect(problems, "point these at docs/<file>.md#<heading> instead").toEqual([]);
  });

  it("every docs/<file>.md#<anchor> reference names a file and heading that exist", () => {
    const problems = [
      ...scanned.flatMap((f) => brokenDocsReferences(f.rel, f.text)),
      ...docs.flatMap((file) => {
        const text = readFileSync(path.join(docsDir, file), "utf8");
        return [...brokenDocsReferences(`docs/${file}`, text), ...brokenLinksInDoc(file, text)];
      }),
    ];
    expect(problems).toEqual([]);
  });
});
