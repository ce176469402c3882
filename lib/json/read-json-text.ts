// JSON text read so that what would hurt later is refused first, with a message naming the problem
// and where: nesting deeper than any document we take (checked on the text, before JSON.parse or
// anything recursive sees it), a key given twice in one object (readers disagree on which one
// counts), and text holding a NUL (PostgreSQL text cannot store one) or a lone surrogate (half a
// character: PostgreSQL's jsonb refuses "\ud800"). For every JSON the portal reads: the intake
// API's bodies (lib/api/json-body.ts) and the bank-holidays upload. Pure.

/** The deepest nesting of objects and lists: a claim is 3 deep (body, claimant, address). */
export const MAX_JSON_DEPTH = 32;

export const TOO_DEEP_MESSAGE = `Objects and lists must not nest more than ${MAX_JSON_DEPTH} levels deep`;
export const NUL_MESSAGE = "Text must not contain a NUL character (\\u0000)";
export const LONE_SURROGATE_MESSAGE =
  "Text must not contain a lone surrogate (\\ud800 to \\udfff without its other half): send valid Unicode";
export const duplicateKeyMessage = (key: string) =>
  `The field ${JSON.stringify(key.slice(0, 100))} appears twice in one object: send each field once`;
export const BAD_KEY_MESSAGE = "Field names must not contain a NUL character or a lone surrogate";

type Frame = { keys: Set<string> | null; key: string; index: number; expectKey: boolean };

export type JsonShapeProblem = { kind: "too-deep" } | { kind: "duplicate-key"; path: string; key: string };

/**
 * One pass over JSON text, before it is parsed: nesting deeper than `maxDepth`, or an object with
 * the same key twice (JSON.parse would quietly keep the last; another reader might keep the
 * first). Lenient about anything else: text that is not JSON is JSON.parse's to refuse.
 */
export function jsonShapeProblem(text: string, maxDepth: number): JsonShapeProblem | null {
  const stack: Frame[] = [];
  const pathTo = (key: string) => [...stack.slice(0, -1).map((f) => (f.keys ? f.key : String(f.index))), key].join(".");
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const start = i;
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
      const top = stack.at(-1);
      if (!top?.keys || !top.expectKey) continue;
      let key: string;
      try {
        key = JSON.parse(text.slice(start, i + 1)) as string;
      } catch {
        return null;
      }
      if (top.keys.has(key)) return { kind: "duplicate-key", path: pathTo(key), key };
      top.keys.add(key);
      top.key = key;
      top.expectKey = false;
    } else if (c === 0x7b || c === 0x5b) {
      stack.push({ keys: c === 0x7b ? new Set() : null, key: "", index: 0, expectKey: c === 0x7b });
      if (stack.length > maxDepth) return { kind: "too-deep" };
    } else if (c === 0x7d || c === 0x5d) stack.pop();
    else if (c === 0x2c) {
      const top = stack.at(-1);
      if (top?.keys) top.expectKey = true;
      else if (top) top.index++;
    }
  }
  return null;
}

// With the u flag a surrogate pair is one character, so \p{Cs} matches only half of one.
const LONE_SURROGATE = /\p{Cs}/u;

function textProblem(text: string): string | null {
  if (text.includes("\u0000")) return NUL_MESSAGE;
  if (LONE_SURROGATE.test(text)) return LONE_SURROGATE_MESSAGE;
  return null;
}

/** The first string (or key) holding a NUL or a lone surrogate, as a dotted path and a message. */
function findBadText(value: unknown, path: string[]): { path: string; message: string } | null {
  const where = () => path.join(".");
  if (typeof value === "string") {
    const message = textProblem(value);
    return message ? { path: where(), message } : null;
  }
  if (typeof value !== "object" || value === null) return null;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  for (const [key, child] of entries) {
    if (textProblem(key)) return { path: where(), message: BAD_KEY_MESSAGE };
    const found = findBadText(child, [...path, key]);
    if (found) return found;
  }
  return null;
}

export type JsonText =
  | { ok: true; value: unknown }
  | { ok: false; kind: "not-json" | "too-deep" | "duplicate-key" | "bad-text"; path: string; message: string };

/**
 * JSON text (already decoded) read with every check above: too deep (before parsing), not JSON
 * (`message` is JSON.parse's), a key twice, a NUL or lone surrogate (after parsing, as JSON
 * escapes can make them). `path` is dotted ("claimant.firstName"), "" for the whole document.
 */
export function readJsonText(text: string, maxDepth = MAX_JSON_DEPTH): JsonText {
  const shape = jsonShapeProblem(text, maxDepth);
  if (shape?.kind === "too-deep") return { ok: false, kind: "too-deep", path: "", message: TOO_DEEP_MESSAGE };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, kind: "not-json", path: "", message: (error as Error).message };
  }
  if (shape?.kind === "duplicate-key") {
    return { ok: false, kind: "duplicate-key", path: shape.path, message: duplicateKeyMessage(shape.key) };
  }
  const bad = findBadText(value, []);
  return bad ? { ok: false, kind: "bad-text", ...bad } : { ok: true, value };
}

/** A file's JSON problem in one sentence: "The file is not valid JSON: …", or the problem and where. */
export function jsonFileProblem(problem: Extract<JsonText, { ok: false }>): string {
  if (problem.kind === "not-json") return `The file is not valid JSON: ${problem.message}`;
  return problem.path === "" ? problem.message : `${problem.message} (at ${problem.path})`;
}
