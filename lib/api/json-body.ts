// The intake API's request body, from bytes to a JSON value: refused when it is not UTF-8 (a fatal
// decoder, not U+FFFD in its place), then read with lib/json/read-json-text.ts (depth, repeated
// keys, NUL, lone surrogates). Each refusal is the 400's errors, on the field when there is one.
// Pure; the size is checked while the body is read (read-body.ts).
import { readJsonText } from "@/lib/json/read-json-text";

/** The most bytes a request body may have: far above any real claim (20 expense lines is a few KB). */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

export const TOO_LARGE_MESSAGE = "The request body is larger than 1 MB, the most this API takes";
export const NOT_UTF8_MESSAGE = "Request body must be JSON encoded as UTF-8";
export const NOT_JSON_MESSAGE = "Request body must be valid JSON";

/** Issues about the body as a whole go under this key, as the validation's do. */
const ROOT = "body";

export type JsonBody = { ok: true; value: unknown } | { ok: false; errors: Record<string, string[]> };

/** A request body's bytes (already within MAX_JSON_BODY_BYTES) as a JSON value, or the 400's errors. */
export function parseJsonBody(bytes: Uint8Array): JsonBody {
  let text: string;
  try {
    // fatal: bytes that are not UTF-8 are refused, not turned into U+FFFD. A UTF-8 BOM is dropped.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, errors: { [ROOT]: [NOT_UTF8_MESSAGE] } };
  }
  const read = readJsonText(text);
  if (read.ok) return { ok: true, value: read.value };
  return { ok: false, errors: { [read.path || ROOT]: [read.kind === "not-json" ? NOT_JSON_MESSAGE : read.message] } };
}
