import { describe, expect, it } from "vitest";
import { parseBenchArgs } from "./args.mts";
import { assertLocalDatabase, databaseHost, databaseName, databaseUrl, isLocalHost } from "./local-database.mts";
import {
  buildResults,
  countDifferences,
  formatTable,
  latencies,
  resultsTable,
  type BenchInput,
  type StepResult,
} from "./report.mts";
import { median, percentile, ratio, scaleToRows, summarise } from "./stats.mts";

const ok = (ms: number, maxRssMB = 100, detail: Record<string, unknown> = {}): StepResult => ({
  ok: true,
  ms,
  maxRssMB,
  startRssMB: 80,
  detail,
});

describe("stats", () => {
  it("takes the median of odd and even counts, in any order", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it("takes nearest-rank percentiles", () => {
    const values = Array.from({ length: 200 }, (_, i) => 200 - i); // 200 .. 1
    expect(percentile(values, 50)).toBe(100);
    expect(percentile(values, 95)).toBe(190);
    expect(percentile(values, 100)).toBe(200);
    expect(percentile([7], 95)).toBe(7);
    expect(() => percentile(values, 101)).toThrow(RangeError);
  });

  it("gives no ratio without both numbers", () => {
    expect(ratio(6, 3)).toBe(2);
    expect(ratio(null, 3)).toBeNull();
    expect(ratio(6, 0)).toBeNull();
  });

  it("summarises repetitions and scales a baseline linearly", () => {
    expect(summarise([30, 10, 20])).toEqual({ runsMs: [30, 10, 20], minMs: 10, medianMs: 20 });
    expect(scaleToRows(1500, 10_000, 100_000)).toBe(15_000);
  });
});

describe("arguments", () => {
  it("has the issue's defaults", () => {
    const o = parseBenchArgs([]);
    expect(o).toMatchObject({ n: 100_000, reps: 3, listClaims: 1_000_000, requests: 200, baselineRows: 10_000 });
    expect(o.only).toEqual([
      "run",
      "sweep",
      "upload",
      "baseline",
      "claims-list",
      "hostile-uploads",
      "reconciliation",
      "cycle",
      "enrolment",
      "journey",
    ]);
  });

  it("reads counts with separators and caps the baseline at n", () => {
    expect(parseBenchArgs(["--n", "1_000_000"]).n).toBe(1_000_000);
    expect(parseBenchArgs(["--n", "2000"]).baselineRows).toBe(2000);
    expect(parseBenchArgs(["--only", "run,sweep"]).only).toEqual(["run", "sweep"]);
  });

  it("refuses what it cannot use", () => {
    expect(() => parseBenchArgs(["--n", "0"])).toThrow(/--n must be/);
    expect(() => parseBenchArgs(["--n", "1e5"])).toThrow(/--n must be/);
    expect(() => parseBenchArgs(["--only", "everything"])).toThrow(/unknown: everything/);
    expect(() => parseBenchArgs(["--fast"])).toThrow();
  });
});

describe("local databases only", () => {
  it("accepts loopback hosts and unix sockets", () => {
    for (const url of [
      "postgresql://postgres@127.0.0.1:5432/x",
      "postgres://u:p@localhost/x",
      "postgresql://postgres@[::1]:5432/x",
      "postgresql:///x",
      "postgresql:///x?host=/var/run/postgresql",
      "postgresql://%2Fvar%2Frun%2Fpostgresql/x",
    ]) {
      expect(() => assertLocalDatabase(url), url).not.toThrow();
    }
    expect(isLocalHost("/tmp")).toBe(true);
  });

  it("refuses any other host with a sentence naming it", () => {
    expect(() => assertLocalDatabase("postgresql://u@db.example.gov.uk/x")).toThrow(/points at db\.example\.gov\.uk/);
    expect(() => assertLocalDatabase("postgresql://u@127.0.0.1/x?host=10.0.0.5")).toThrow(/10\.0\.0\.5/);
    expect(() => assertLocalDatabase("mysql://u@127.0.0.1/x")).toThrow(/postgresql:\/\//);
    expect(databaseHost("postgresql://u@LOCALHOST:5432/x")).toBe("LOCALHOST");
    expect(isLocalHost("LOCALHOST")).toBe(true);
  });

  it("names sibling databases on the same server", () => {
    expect(databaseUrl("postgresql://u:p@127.0.0.1:5432/main?sslmode=disable", "main_bench")).toBe(
      "postgresql://u:p@127.0.0.1:5432/main_bench?sslmode=disable",
    );
    expect(databaseName("postgresql://u@127.0.0.1/main")).toBe("main");
    expect(databaseName("postgresql://u@127.0.0.1")).toBeUndefined();
  });
});

describe("results", () => {
  const input: BenchInput = {
    date: "2026-12-01T10:00:00.000Z",
    machine: { cores: 2, memoryMB: 24000, cpu: "test", node: "v22", postgres: "17.10", database: "embedded" },
    n: 100_000,
    reps: 3,
    baselineRows: 10_000,
    setupMs: {},
    pairs: {
      run: { product: [ok(300, 400), ok(100, 300), ok(200, 350)], limit: [ok(40), ok(50), ok(60)] },
      upload: { product: [ok(20), { ok: false, error: "boom" }, ok(10)], limit: [ok(5), ok(5), ok(5)] },
    },
    baseline: [ok(1000, 90, { scaledMs: 150 }), ok(1000, 90, { scaledMs: 300 }), ok(1000, 90, { scaledMs: 450 })],
    claimsList: {
      claims: 1_000_000,
      requests: 200,
      p50Ms: 3,
      p95Ms: 12,
      maxMs: 40,
      homeCountsMs: 90,
      slowest: "x",
      explain: "y",
    },
    checks: [],
  };

  it("takes ratios of medians and the peak RSS of the product's children", () => {
    const r = buildResults(input);
    expect(r.ratios).toEqual({ runToLimit: 4, sweepToLimit: null, uploadToLimit: 3, baselineToUpload: 20 });
    expect(r.runPeakRssMB).toBe(400);
    expect(r.measurements.upload?.product.errors).toEqual(["boom"]);
    expect(r.claimsListP95Ms).toBe(12);
    expect(r.homeCountsMs).toBe(90);
  });

  it("prints one table with every measurement and the failures", () => {
    const table = resultsTable(buildResults(input));
    expect(table).toMatch(/direct-payments run +100 ms +200 ms +40 ms +50 ms +4\.00x +400 MB/);
    expect(table).toContain("failed-payments upload failed: boom");
    expect(table).toContain("p95 12 ms");
  });

  it("pads columns and right-aligns numbers", () => {
    expect(formatTable(["a", "bb"], [["long", "1"]])).toBe("a     bb\n----  --\nlong   1");
  });

  it("reports p50, p95 and max, and tables the product and limit left differently", () => {
    expect(latencies([1, 2, 3, 4])).toEqual({ p50Ms: 2, p95Ms: 4, maxMs: 4 });
    expect(countDifferences("run", { AuditLog: 3, Payment: 2 }, { AuditLog: 2, Payment: 2 })).toEqual([
      "run: AuditLog has 3 rows after the product, 2 after the limit",
    ]);
  });
});
