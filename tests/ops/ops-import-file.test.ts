// import-file through the CLI's core: the same upload shell as the web's routes, as the --as user.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "@/lib/ops/ops-command";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import type { RouteEnv } from "../support/fresh-routes";
import { failedFile, failedLine, key, makeSentBatch, type SentBatch } from "../uploads/upload-test-support";
import { opsAuditRows, opsEnv, useOps } from "./ops-test-support";

const { db, url } = useTestDatabase();
let env: RouteEnv | undefined;
const ops = useOps(() => (env ??= opsEnv(url(), key)));
const dir = mkdtempSync(path.join(tmpdir(), "disburse-ops-import-"));
const NOW = new Date("2026-11-23T09:00:00.000Z");

function fileWith(name: string, bytes: Buffer | string): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

let finance: { id: string; email: string; name: string };
let batch: SentBatch;
beforeAll(async () => {
  finance = await makeUser(db(), { role: "SSCL_FINANCE", name: "Fiona Finance" });
  batch = await makeSentBatch(db(), 3, "F", new Date(NOW.getTime() - 86_400_000));
});

describe("import-file failed-payments", () => {
  it("rejects a file with an unknown payment: exit 1, errors on stderr, nothing changed", async () => {
    const file = fileWith("bad.csv", `${failedLine(batch, 1)}\n${failedLine({ tag: "Z" }, 9)}\n`);
    const { code, out, err } = await ops(["import-file", "failed-payments", file, "--as", finance.email], NOW);
    expect(code).toBe(EXIT.FAILED);
    const upload = await db().upload.findFirstOrThrow({ where: { fileName: "bad.csv" } });
    expect(out.split("\n")).toEqual([
      `Upload ${upload.id}: REJECTED`,
      "Rows: 2 (matched 1, unchanged 0, errors 1)",
      `Page: https://disburse.test/bank-admin?upload=${upload.id}#upload-result`,
    ]);
    expect(err.split("\n")[0]).toBe(
      "The file was rejected with 1 error. Nothing was changed: correct the file and import it again.",
    );
    expect(err.split("\n")[1]).toMatch(/^ {2}Line 2/);
    expect(await db().payment.count({ where: { status: "FAILED" } })).toBe(0);
  });

  it("applies the file as the --as user, as the web upload does; the same file again is a DUPLICATE", async () => {
    const file = fileWith("returns-2026-11-23.csv", failedFile(batch));
    const { code, out, err } = await ops(["import-file", "failed-payments", file, "--as", finance.email], NOW);
    expect([code, err]).toEqual([EXIT.OK, ""]);
    const upload = await db().upload.findFirstOrThrow({ where: { fileName: "returns-2026-11-23.csv" } });
    expect(upload).toMatchObject({ kind: "SSCL_FAILED_PAYMENTS", status: "APPLIED", uploadedById: finance.id, matched: 3 });
    expect(out.split("\n")).toEqual([
      `Upload ${upload.id}: APPLIED`,
      "Rows: 3 (matched 3, unchanged 0, errors 0)",
      `Page: https://disburse.test/bank-admin?upload=${upload.id}#upload-result`,
    ]);
    expect(await db().payment.count({ where: { status: "FAILED" } })).toBe(3);
    expect(await db().auditLog.findFirst({ where: { action: "upload.applied", entityId: upload.id } })).toMatchObject({
      actorId: finance.id,
      actorLabel: finance.email,
    });
    expect((await opsAuditRows(db())).at(-1)).toMatchObject({
      actorId: finance.id,
      action: "ops.import-file",
      after: { positionals: ["failed-payments", file], exitCode: 0 },
    });

    const again = await ops(["import-file", "failed-payments", file, "--as", finance.email, "--json"], NOW);
    expect(again.code).toBe(EXIT.OK);
    expect(JSON.parse(again.out)).toMatchObject({
      status: "DUPLICATE",
      previous: { uploadId: upload.id, uploadedBy: "Fiona Finance" },
      page: expect.stringContaining("/bank-admin?upload="),
    });
    expect(await db().payment.count({ where: { status: "FAILED" } })).toBe(3);
  });

  it("an empty file is refused and recorded, exit 1", async () => {
    const file = fileWith("empty.csv", "");
    const { code, err } = await ops(["import-file", "failed-payments", file, "--as", finance.email], NOW);
    expect(code).toBe(EXIT.FAILED);
    expect(err).toContain("The file was rejected with 1 error.");
    expect(await db().upload.findFirstOrThrow({ where: { fileName: "empty.csv" } })).toMatchObject({ status: "REJECTED" });
  });
});

describe("import-file enrolment", () => {
  it("needs a benefit plan that exists: exit 4 for an unknown code, nothing recorded", async () => {
    const manager = await makeUser(db(), { role: "PLAN_MANAGER" });
    const file = fileWith("enrol.csv", "reference\n");
    const uploads = await db().upload.count();
    const { code, err } = await ops(["import-file", "enrolment", file, "--plan", "NO-SUCH-PLAN", "--as", manager.email], NOW);
    expect(code).toBe(EXIT.NOT_FOUND);
    expect(err).toBe("There is no benefit plan with code NO-SUCH-PLAN. Nothing was done.");
    expect(await db().upload.count()).toBe(uploads);
  });
});
