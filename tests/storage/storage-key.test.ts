import { describe, expect, it } from "vitest";
import { assertValidKey } from "@/lib/storage/file-store";
import { runFileKey, safeFileName, uploadKey } from "@/lib/storage/storage-key";

describe("runFileKey", () => {
  it("is YYYY/MM/DD/<runId>/<fileName> from the run's start in UTC", () => {
    expect(
      runFileKey({
        runStartedAt: new Date("2026-11-22T09:30:00Z"),
        runId: "cmrun123",
        fileName: "accesspay_20261122_093000.csv",
      }),
    ).toBe("2026/11/22/cmrun123/accesspay_20261122_093000.csv");
  });

  it("uses the UTC date, not the London one: 23:30 BST on 30 June is 22:30 UTC the same day, 00:30 BST is the day before", () => {
    expect(runFileKey({ runStartedAt: new Date("2026-06-30T23:30:00+01:00"), runId: "r", fileName: "f.csv" })).toBe(
      "2026/06/30/r/f.csv",
    );
    expect(runFileKey({ runStartedAt: new Date("2026-07-01T00:30:00+01:00"), runId: "r", fileName: "f.csv" })).toBe(
      "2026/06/30/r/f.csv",
    );
  });

  it("is deterministic: a retry with the same run gets the same key", () => {
    const run = { runStartedAt: new Date("2026-01-05T00:00:00Z"), runId: "run_1", fileName: "a.csv" };
    expect(runFileKey({ ...run, runStartedAt: new Date(run.runStartedAt) })).toBe(runFileKey(run));
    expect(runFileKey(run)).toBe("2026/01/05/run_1/a.csv");
  });

  it.each([
    ["a runId with a slash", { runId: "a/b" }],
    ["an empty runId", { runId: "" }],
    ["a runId of ..", { runId: ".." }],
    ["a file name with a slash", { fileName: "x/y.csv" }],
    ["a hidden file name", { fileName: ".csv" }],
    ["a file name with a space", { fileName: "a b.csv" }],
    ["an invalid date", { runStartedAt: new Date("nope") }],
  ])("rejects %s", (_label, override) => {
    const base = { runStartedAt: new Date("2026-11-22T00:00:00Z"), runId: "r1", fileName: "a.csv" };
    expect(() => runFileKey({ ...base, ...override })).toThrow();
  });
});

describe("uploadKey", () => {
  it("is uploads/YYYY/MM/DD/<uploadId>/<safe file name> in UTC", () => {
    expect(
      uploadKey({ uploadedAt: new Date("2026-11-22T23:59:59Z"), uploadId: "up1", fileName: "Bank statement (Nov).csv" }),
    ).toBe("uploads/2026/11/22/up1/Bank_statement__Nov_.csv");
  });

  it("always yields a valid storage key, whatever the user called the file", () => {
    for (const fileName of ["../../etc/passwd", "..", ".", "", "C:\\Users\\x\\a.csv", "/abs.csv", "a\u0000b", "é😀.csv", "x."]) {
      const key = uploadKey({ uploadedAt: new Date("2026-11-22T00:00:00Z"), uploadId: "u", fileName });
      expect(() => assertValidKey(key), `${JSON.stringify(fileName)} -> ${key}`).not.toThrow();
      expect(key.split("/")).toHaveLength(6);
    }
  });

  it("rejects an uploadId that is not a single safe segment", () => {
    expect(() => uploadKey({ uploadedAt: new Date(), uploadId: "../x", fileName: "a.csv" })).toThrow();
  });
});

describe("safeFileName", () => {
  it("keeps letters, digits, '.', '_' and '-' and replaces everything else with '_'", () => {
    expect(safeFileName("AccessPay_2026-11-22.v2.csv")).toBe("AccessPay_2026-11-22.v2.csv");
    expect(safeFileName("a b/c\\d:e.csv")).toBe("a_b_c_d_e.csv");
    expect(safeFileName("café.csv")).toBe("caf_.csv");
    expect(safeFileName("😀.csv")).toBe("_.csv"); // one '_' per character, not per UTF-16 unit
  });

  it("turns leading and trailing dots into '_' so the name is never '.', '..' or hidden", () => {
    expect(safeFileName("..")).toBe("__");
    expect(safeFileName(".env")).toBe("_env");
    expect(safeFileName("name.")).toBe("name_");
    expect(safeFileName("")).toBe("file");
  });

  it("cuts to 100 characters, keeping a short extension", () => {
    const cut = safeFileName(`${"a".repeat(150)}.xlsx`);
    expect(cut).toHaveLength(100);
    expect(cut.endsWith(".xlsx")).toBe(true);
    expect(safeFileName("b".repeat(150))).toBe("b".repeat(100));
  });
});
