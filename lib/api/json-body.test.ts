import { describe, expect, it } from "vitest";
import {
  BAD_KEY_MESSAGE,
  duplicateKeyMessage,
  LONE_SURROGATE_MESSAGE,
  MAX_JSON_DEPTH,
  NUL_MESSAGE,
  TOO_DEEP_MESSAGE,
} from "@/lib/json/read-json-text";
import { NOT_JSON_MESSAGE, NOT_UTF8_MESSAGE, parseJsonBody } from "./json-body";
import { validBody } from "../claims/intake/test-fixtures";

const utf8 = (text: string) => new TextEncoder().encode(text);
const parse = (text: string) => parseJsonBody(utf8(text));

describe("parseJsonBody", () => {
  it("parses a real claim exactly as JSON.parse does", () => {
    const text = JSON.stringify(validBody());
    expect(parse(text)).toEqual({ ok: true, value: JSON.parse(text) });
  });

  it("drops a UTF-8 byte order mark, as request.text() did", () => {
    expect(parseJsonBody(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('{"a":1}')]))).toEqual({ ok: true, value: { a: 1 } });
  });

  it("keeps escaped characters that are fine: a surrogate pair, a tab, a quote, a backslash", () => {
    expect(parse('{"a":"\\ud83d\\ude00 \\t \\" \\\\"}')).toEqual({ ok: true, value: { a: '\u{1F600} \t " \\' } });
  });

  it.each([
    ["Latin-1 é", new Uint8Array([...utf8('{"a":"'), 0xe9, ...utf8('"}')])],
    ["a UTF-16 little-endian BOM", new Uint8Array(Buffer.from("\uFEFF{}", "utf16le"))],
    ["a surrogate encoded as UTF-8 (CESU-8)", new Uint8Array([...utf8('{"a":"'), 0xed, 0xa0, 0x80, ...utf8('"}')])],
    ["an overlong encoding of /", new Uint8Array([...utf8('{"a":"'), 0xc0, 0xaf, ...utf8('"}')])],
    ["a truncated sequence at the end", new Uint8Array([...utf8('{"a":"'), 0xe2, 0x82])],
  ])("refuses bytes that are not UTF-8: %s", (_name, bytes) => {
    expect(parseJsonBody(bytes)).toEqual({ ok: false, errors: { body: [NOT_UTF8_MESSAGE] } });
  });

  it("refuses text that is not JSON", () => {
    expect(parse("{ not json")).toEqual({ ok: false, errors: { body: [NOT_JSON_MESSAGE] } });
    expect(parse("")).toEqual({ ok: false, errors: { body: [NOT_JSON_MESSAGE] } });
  });

  it(`accepts ${MAX_JSON_DEPTH} levels of nesting and refuses one more, before parsing`, () => {
    const nested = (n: number) => "[".repeat(n) + "]".repeat(n);
    expect(parse(nested(MAX_JSON_DEPTH)).ok).toBe(true);
    expect(parse(nested(MAX_JSON_DEPTH + 1))).toEqual({ ok: false, errors: { body: [TOO_DEEP_MESSAGE] } });
    expect(parse('{"a":'.repeat(400_000) + "1" + "}".repeat(400_000))).toEqual({
      ok: false,
      errors: { body: [TOO_DEEP_MESSAGE] },
    });
  });

  it("does not count brackets inside strings, escaped quotes included", () => {
    const text = JSON.stringify({ a: "[".repeat(100) + '\\"{{{' + "{".repeat(100) });
    expect(parse(text).ok).toBe(true);
  });

  it("refuses NUL and lone surrogates sent as JSON escapes, naming the field", () => {
    const body = validBody();
    body.claimant.firstName = "Ada\u0000";
    expect(parse(JSON.stringify(body))).toEqual({ ok: false, errors: { "claimant.firstName": [NUL_MESSAGE] } });
    body.claimant.firstName = "Ada";
    body.expenses[0].description = "Train \ud800";
    expect(parse(JSON.stringify(body))).toEqual({ ok: false, errors: { "expenses.0.description": [LONE_SURROGATE_MESSAGE] } });
    expect(parse('"\\udc00"')).toEqual({ ok: false, errors: { body: [LONE_SURROGATE_MESSAGE] } });
    expect(parse('{"a":{"b\\u0000":1}}')).toEqual({ ok: false, errors: { a: [BAD_KEY_MESSAGE] } });
  });

  it("refuses a key given twice in one object, naming where", () => {
    expect(parse('{"paymentMethod":"CASH","paymentMethod":"BANK"}')).toEqual({
      ok: false,
      errors: { paymentMethod: [duplicateKeyMessage("paymentMethod")] },
    });
    expect(parse('{"expenses":[{"a":1},{"type":"BUS","t\\u0079pe":"TAXI"}]}')).toEqual({
      ok: false,
      errors: { "expenses.1.type": [duplicateKeyMessage("type")] },
    });
    // The same key in two different objects is fine.
    expect(parse('{"a":{"x":1},"b":{"x":1},"c":[{"x":1},{"x":2}]}').ok).toBe(true);
  });
});
