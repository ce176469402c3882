import { describe, expect, it } from "vitest";
import {
  duplicateKeyMessage,
  jsonFileProblem,
  jsonShapeProblem,
  NUL_MESSAGE,
  readJsonText,
  TOO_DEEP_MESSAGE,
} from "./read-json-text";

describe("jsonShapeProblem", () => {
  it("finds nothing in ordinary JSON, and leaves broken JSON to JSON.parse", () => {
    expect(jsonShapeProblem('{"a":[1,{"b":"[{"}],"c":{"a":1}}', 32)).toBeNull();
    expect(jsonShapeProblem('{"a', 32)).toBeNull();
    expect(jsonShapeProblem('{"a":"b\\', 32)).toBeNull();
  });

  it("counts depth and stops past the limit", () => {
    expect(jsonShapeProblem("[[[]]]", 3)).toBeNull();
    expect(jsonShapeProblem("[[[[]]]]", 3)).toEqual({ kind: "too-deep" });
  });

  it("finds a key given twice, with its path, however the key is escaped", () => {
    expect(jsonShapeProblem('{"a":[0,{"k":1,"\\u006b":2}]}', 32)).toEqual({ kind: "duplicate-key", path: "a.1.k", key: "k" });
  });
});

describe("readJsonText and jsonFileProblem", () => {
  it("reads JSON", () => {
    expect(readJsonText('{"a":[1,"x"]}')).toEqual({ ok: true, value: { a: [1, "x"] } });
  });

  it("says what is wrong with a file, and where", () => {
    const problem = (text: string) => {
      const read = readJsonText(text);
      if (read.ok) throw new Error("expected a problem");
      return jsonFileProblem(read);
    };
    expect(problem("[1,")).toMatch(/^The file is not valid JSON: /);
    expect(problem("[".repeat(40) + "]".repeat(40))).toBe(TOO_DEEP_MESSAGE);
    expect(problem('[{"date":"2026-12-25","date":"2026-12-26"}]')).toBe(`${duplicateKeyMessage("date")} (at 0.date)`);
    expect(problem('[{"title":"Boxing Day\\u0000"}]')).toBe(`${NUL_MESSAGE} (at 0.title)`);
  });
});
