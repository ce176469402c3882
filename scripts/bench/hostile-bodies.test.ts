import { describe, expect, it } from "vitest";
import { multipartParts } from "../../lib/uploads/parse-multipart.ts";
import { hostileCases, multipartBody, noise } from "./hostile-bodies.mts";
import { changesBesidesAttempt, healthFigures, hostileSummary, type HostileUploadResult } from "./hostile-report.mts";

const LINE = "20-00-00,12345678,A LOVELACE,12.34,ABCDEFG-01,Account closed";
const MB = 1024 * 1024;
const cases = Object.fromEntries(
  hostileCases({ lines: [LINE, LINE.replace("12.34", "5.00")], maxBytes: 8 * MB }).map((c) => [c.id, c]),
);
const lines = (file: Buffer) => file.toString("latin1").split("\n");

describe("hostile upload bodies", () => {
  it("are the issue's shapes, at the issue's sizes", () => {
    expect(Object.keys(cases)).toEqual(["a", "b", "c", "d", "e", "f", "g"]);
    expect(lines(cases.a.file).filter((l) => l === LINE)).toHaveLength(2_000);
    expect(lines(cases.b.file)[0].split(",")).toHaveLength(40_000);
    expect(lines(cases.c.file).filter((l) => l === "1,2,3")).toHaveLength(130_000);
    expect(cases.d.file).toHaveLength(8 * MB + 1);
    expect(cases.e.file.equals(noise(MB))).toBe(true);
    expect(cases.f.file).toHaveLength(MB);
    expect(cases.f.file.includes(0x0a)).toBe(false);
  });

  it("sends only the valid file slowly, whole lines of the real file", () => {
    expect(
      Object.values(cases)
        .filter((c) => c.trickle)
        .map((c) => c.id),
    ).toEqual(["g"]);
    expect(cases.g.valid).toBe(true);
    expect(cases.g.file.toString().endsWith(`${LINE.replace("12.34", "5.00")}\n`)).toBe(true);
  });

  it("frames the file so the route's multipart reader gives back its exact bytes", async () => {
    const file = Buffer.concat([noise(5000), Buffer.from("\r\n--not-the-boundary\r\n")]);
    const { body, contentType } = multipartBody({ field: "file", fileName: "x.csv", file, boundary: "b0undary" });
    expect(contentType).toBe("multipart/form-data; boundary=b0undary");
    async function* chunks() {
      for (let at = 0; at < body.length; at += 777) yield body.subarray(at, at + 777);
    }
    const parts: { name: string; fileName: string | null; bytes: Buffer }[] = [];
    for await (const part of multipartParts(chunks(), "b0undary")) {
      const got: Buffer[] = [];
      for await (const chunk of part.body) got.push(Buffer.from(chunk));
      parts.push({ name: part.name, fileName: part.fileName, bytes: Buffer.concat(got) });
    }
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ name: "file", fileName: "x.csv" });
    expect(parts[0].bytes.equals(file)).toBe(true);
  });
});

describe("hostile upload figures", () => {
  it("counts as a change everything but the attempt's own records", () => {
    const before = { Upload: 1, UploadRow: 0, AuditLog: 10, "Payment.SENT": 5 };
    expect(changesBesidesAttempt(before, { Upload: 2, UploadRow: 21, AuditLog: 11, "Payment.SENT": 5 }, 1)).toEqual([]);
    expect(
      changesBesidesAttempt(before, { Upload: 2, UploadRow: 3, AuditLog: 14, "Payment.SENT": 3, "Payment.FAILED": 2 }, 1),
    ).toEqual(["AuditLog +3", "Payment.FAILED +2", "Payment.SENT -2"]);
  });

  it("takes health's percentiles and the slowest answer of the cases sent at full speed", () => {
    expect(
      healthFigures([
        { ms: 4, ok: true },
        { ms: 2, ok: true },
        { ms: 300, ok: false },
      ]),
    ).toEqual({
      polls: 3,
      p50Ms: 4,
      p95Ms: 300,
      maxMs: 300,
      failed: 1,
    });
    const result = (answerMs: number, sentSlowly: boolean) => ({ answerMs, sentSlowly }) as HostileUploadResult;
    expect(hostileSummary([result(120, false), result(5200, true), result(900, false)], [3, 5, 250])).toEqual({
      hostileUploadMaxAnswerMs: 900,
      healthDuringUploadsP95Ms: 250,
    });
  });
});
