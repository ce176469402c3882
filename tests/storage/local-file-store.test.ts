import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WriteOnceConflictError } from "@/lib/storage/file-store";
import { LocalFileStore } from "@/lib/storage/local-file-store";
import { fileStoreContract } from "./file-store-contract";

let root = "";
let store: LocalFileStore | undefined;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), "disburse-file-store-"));
  store = new LocalFileStore(root);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const theStore = () =>
  store ??
  (() => {
    throw new Error("store not ready");
  })();

describe("LocalFileStore: FileStore contract", () => {
  fileStoreContract(theStore);
});

describe("LocalFileStore on disk", () => {
  it("creates files and folders readable by the portal's own user only (0600 and 0700), not world-readable", async () => {
    // Under the usual umask (022) files would otherwise be 0644 and folders 0755: world-readable.
    await theStore().putOnce("private/2026/11/28/r9/AccessPay.csv", Buffer.from("x"), "text/csv");
    await theStore().putStream(
      "private/2026/11/28/r9/upload.csv",
      (async function* () {
        yield Buffer.from("y");
      })(),
      "text/csv",
    );
    const mode = async (...parts: string[]) => (await stat(path.join(root, ...parts))).mode & 0o777;
    expect(await mode("private", "2026", "11", "28", "r9", "AccessPay.csv")).toBe(0o600);
    expect(await mode("private", "2026", "11", "28", "r9", "upload.csv")).toBe(0o600);
    expect(await mode("private", "2026", "11", "28", "r9", ".AccessPay.csv.meta.json")).toBe(0o600);
    for (const dir of [["private"], ["private", "2026", "11", "28", "r9"]]) expect(await mode(...dir)).toBe(0o700);
  });

  it("keeps the file at the key's path under the root, as plain bytes", async () => {
    await theStore().putOnce("plain/2026/11/22/r1/a.csv", Buffer.from("a,b\n"), "text/csv");
    expect(await readFile(path.join(root, "plain", "2026", "11", "22", "r1", "a.csv"), "utf8")).toBe("a,b\n");
  });

  it("leaves no temporary files behind after wins and conflicts; only the file and its sidecar", async () => {
    const key = "tidy/r1/a.csv";
    await theStore().putOnce(key, Buffer.from("one"), "text/csv");
    await theStore().putOnce(key, Buffer.from("one"), "text/csv");
    await expect(theStore().putOnce(key, Buffer.from("two"), "text/csv")).rejects.toBeInstanceOf(WriteOnceConflictError);
    expect((await readdir(path.join(root, "tidy", "r1"))).sort()).toEqual([".a.csv.meta.json", "a.csv"]);
    expect(await theStore().list("tidy/")).toEqual([{ key, size: 3 }]);
  });

  it("restores a missing content-type sidecar on a retry (crash between link and sidecar)", async () => {
    const key = "healed/r1/a.csv";
    await theStore().putOnce(key, Buffer.from("x"), "text/csv");
    await rm(path.join(root, "healed", "r1", ".a.csv.meta.json"));
    expect((await theStore().stat(key))?.contentType).toBe("application/octet-stream");
    expect((await theStore().putOnce(key, Buffer.from("x"), "text/csv")).status).toBe("already-stored");
    expect((await theStore().stat(key))?.contentType).toBe("text/csv");
  });

  it("lists nothing, rather than failing, before anything is stored", async () => {
    const empty = new LocalFileStore(path.join(root, "not-created-yet"));
    expect(await empty.list("")).toEqual([]);
    expect(await empty.exists("a.csv")).toBe(false);
  });
});
