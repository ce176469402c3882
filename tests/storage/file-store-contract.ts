// The behaviour every FileStore driver must have. Each driver's test file calls this, so the local
// folder (demo) and Azure Blob (production) cannot drift apart.
import { randomBytes } from "node:crypto";
import { expect, it } from "vitest";
import {
  FileNotFoundError,
  InvalidStorageKeyError,
  WriteOnceConflictError,
  sha256Hex,
  type FileStore,
} from "@/lib/storage/file-store";

/** A fresh top-level folder per test, so tests sharing one store never see each other's files. */
function freshPrefix(): string {
  return `t${randomBytes(6).toString("hex")}`;
}

const CSV = "text/csv";

/** The parts as a stream source, one chunk at a time, as a generator hands them out. */
async function* chunks(parts: readonly Buffer[]): AsyncGenerator<Buffer> {
  for (const part of parts) yield part;
}

export const BAD_KEYS = [
  "",
  "/2026/11/22/abs.csv",
  "2026/../secret.csv",
  "..",
  "2026/11/22/..",
  "2026\\11\\22\\a.csv",
  "2026//22/a.csv",
  "2026/11/22/",
  ".hidden/a.csv",
  "2026/.a.csv.meta.json",
  "2026/a\u0000.csv",
];

export function fileStoreContract(store: () => FileStore): void {
  it("stores bytes and reads them back exactly, with their sha256, size and content type", async () => {
    const key = `${freshPrefix()}/2026/11/22/run-1/accesspay_20261122_000000.csv`;
    const data = Buffer.from(Array.from({ length: 256 }, (_, i) => i)); // every byte value
    const result = await store().putOnce(key, data, CSV);
    expect(result).toEqual({ status: "stored", sha256: sha256Hex(data), size: 256 });
    expect(await store().exists(key)).toBe(true);
    expect((await store().get(key)).equals(data)).toBe(true);
    expect(await store().stat(key)).toEqual({ key, size: 256, sha256: sha256Hex(data), contentType: CSV });
  });

  it("stores an empty file", async () => {
    const key = `${freshPrefix()}/empty.csv`;
    expect(await store().putOnce(key, Buffer.alloc(0), CSV)).toMatchObject({ status: "stored", size: 0 });
    expect((await store().get(key)).length).toBe(0);
  });

  it("streams a file as a web ReadableStream with its size and content type", async () => {
    const key = `${freshPrefix()}/2026/11/22/run-1/report.pdf`;
    const data = randomBytes(200_000); // several chunks
    await store().putOnce(key, data, "application/pdf");
    const file = await store().stream(key);
    expect(file.size).toBe(data.length);
    expect(file.contentType).toBe("application/pdf");
    expect(file.stream).toBeInstanceOf(ReadableStream);
    const body = Buffer.from(await new Response(file.stream).arrayBuffer());
    expect(body.equals(data)).toBe(true);
  });

  it("lists by string prefix, sorted by key, with sizes", async () => {
    const p = freshPrefix();
    const files: Record<string, string> = {
      [`${p}/2026/11/22/run-b/b.csv`]: "bb",
      [`${p}/2026/11/22/run-a/a.csv`]: "a",
      [`${p}/2026/11/23/run-c/c.csv`]: "ccc",
      [`${p}/2026/12/01/run-d/d.csv`]: "dddd",
      [`${p}/uploads/2026/11/22/u1/x.csv`]: "x",
    };
    for (const [key, text] of Object.entries(files)) await store().putOnce(key, Buffer.from(text), CSV);

    expect(await store().list(`${p}/2026/11/22/`)).toEqual([
      { key: `${p}/2026/11/22/run-a/a.csv`, size: 1 },
      { key: `${p}/2026/11/22/run-b/b.csv`, size: 2 },
    ]);
    // A prefix need not end at a "/": "2026/11/2" covers the 22nd and the 23rd.
    expect((await store().list(`${p}/2026/11/2`)).map((f) => f.key)).toEqual([
      `${p}/2026/11/22/run-a/a.csv`,
      `${p}/2026/11/22/run-b/b.csv`,
      `${p}/2026/11/23/run-c/c.csv`,
    ]);
    expect(await store().list(`${p}/2026/`)).toHaveLength(4);
    expect(await store().list(`${p}/`)).toHaveLength(5);
    expect(await store().list(`${p}/2027/`)).toEqual([]);
    expect(await store().list(`${p}/2026/11/22/run-a/a.csv`)).toEqual([{ key: `${p}/2026/11/22/run-a/a.csv`, size: 1 }]);
  });

  it("treats the same bytes stored again as already stored (a retry)", async () => {
    const key = `${freshPrefix()}/retry.csv`;
    const data = Buffer.from("a,b\n1,2\n");
    expect((await store().putOnce(key, data, CSV)).status).toBe("stored");
    expect(await store().putOnce(key, Buffer.from(data), CSV)).toEqual({
      status: "already-stored",
      sha256: sha256Hex(data),
      size: data.length,
    });
  });

  it("refuses different bytes with a WriteOnceConflictError naming both sha256s, leaving the original", async () => {
    const key = `${freshPrefix()}/conflict.csv`;
    const original = Buffer.from("original\n");
    const other = Buffer.from("tampered\n");
    await store().putOnce(key, original, CSV);

    const error = await store()
      .putOnce(key, other, CSV)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteOnceConflictError);
    const conflict = error as WriteOnceConflictError;
    expect(conflict.key).toBe(key);
    expect(conflict.existingSha256).toBe(sha256Hex(original));
    expect(conflict.attemptedSha256).toBe(sha256Hex(other));
    expect(conflict.message).toContain(key);
    expect(conflict.message).toContain(sha256Hex(original));
    expect(conflict.message).toContain(sha256Hex(other));

    expect((await store().get(key)).equals(original)).toBe(true);
    expect((await store().stat(key))?.sha256).toBe(sha256Hex(original));
  });

  it("lets exactly one of 10 concurrent writers of different bytes win; the rest conflict", async () => {
    const key = `${freshPrefix()}/race.csv`;
    const contents = Array.from({ length: 10 }, (_, i) => Buffer.from(`writer ${i}\n${"x".repeat(1000 * i)}`));
    const results = await Promise.allSettled(contents.map((data) => store().putOnce(key, data, CSV)));

    const winners = results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : []));
    expect(winners).toHaveLength(1);
    expect(results[winners[0]]).toMatchObject({ status: "fulfilled", value: { status: "stored" } });
    const winner = contents[winners[0]];
    for (const r of results) {
      if (r.status === "rejected") {
        expect(r.reason).toBeInstanceOf(WriteOnceConflictError);
        expect((r.reason as WriteOnceConflictError).existingSha256).toBe(sha256Hex(winner));
      }
    }
    expect((await store().get(key)).equals(winner)).toBe(true);
    expect(await store().list(key)).toEqual([{ key, size: winner.length }]);
  });

  it("stores once when 10 concurrent writers send the same bytes; the others see already-stored", async () => {
    const key = `${freshPrefix()}/same-race.csv`;
    const data = Buffer.from("same\n");
    const results = await Promise.all(Array.from({ length: 10 }, () => store().putOnce(key, Buffer.from(data), CSV)));
    expect(results.filter((r) => r.status === "stored")).toHaveLength(1);
    expect(results.filter((r) => r.status === "already-stored")).toHaveLength(9);
    expect((await store().get(key)).equals(data)).toBe(true);
  });

  it("stores a stream write-once, chunk by chunk, with the sha256 and size of the whole", async () => {
    const key = `${freshPrefix()}/2026/11/22/run-1/streamed.csv`;
    const parts = Array.from({ length: 40 }, (_, i) => Buffer.from(`${String(i).padStart(6, "0")},${"x".repeat(5000)}\n`));
    const data = Buffer.concat(parts);
    const result = await store().putStream(key, chunks(parts), CSV);
    expect(result).toEqual({ status: "stored", sha256: sha256Hex(data), size: data.length });
    expect((await store().get(key)).equals(data)).toBe(true);
    expect(await store().stat(key)).toEqual({ key, size: data.length, sha256: sha256Hex(data), contentType: CSV });

    // The same bytes again, streamed or not, are already stored; different bytes conflict.
    expect(await store().putStream(key, chunks(parts), CSV)).toEqual({
      status: "already-stored",
      sha256: sha256Hex(data),
      size: data.length,
    });
    expect((await store().putOnce(key, data, CSV)).status).toBe("already-stored");
    const other = [...parts.slice(0, -1), Buffer.from("tampered\n")];
    const error = await store()
      .putStream(key, chunks(other), CSV)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WriteOnceConflictError);
    expect((error as WriteOnceConflictError).existingSha256).toBe(sha256Hex(data));
    expect((error as WriteOnceConflictError).attemptedSha256).toBe(sha256Hex(Buffer.concat(other)));
    expect((await store().get(key)).equals(data)).toBe(true);
  });

  it("streams an empty file", async () => {
    const key = `${freshPrefix()}/empty-stream.csv`;
    expect(await store().putStream(key, chunks([]), CSV)).toMatchObject({ status: "stored", size: 0 });
    expect((await store().get(key)).length).toBe(0);
  });

  it("stores nothing when the stream fails halfway, and passes its error on", async () => {
    const key = `${freshPrefix()}/broken-stream.csv`;
    async function* broken() {
      yield Buffer.from("first line\n");
      throw new Error("the source gave up");
    }
    await expect(store().putStream(key, broken(), CSV)).rejects.toThrow("the source gave up");
    expect(await store().exists(key)).toBe(false);
    expect(await store().list(key)).toEqual([]);
    // The name is still free for a stream that finishes.
    expect((await store().putStream(key, chunks([Buffer.from("whole\n")]), CSV)).status).toBe("stored");
  });

  it("lets exactly one of 5 concurrent streams of different bytes win; the rest conflict", async () => {
    const key = `${freshPrefix()}/stream-race.csv`;
    const contents = Array.from({ length: 5 }, (_, i) => [Buffer.from(`writer ${i}\n`), Buffer.from("x".repeat(1000 * i))]);
    const results = await Promise.allSettled(contents.map((parts) => store().putStream(key, chunks(parts), CSV)));
    const winners = results.flatMap((r, i) => (r.status === "fulfilled" ? [i] : []));
    expect(winners).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(WriteOnceConflictError);
    expect((await store().get(key)).equals(Buffer.concat(contents[winners[0]]))).toBe(true);
  });

  it("reports a missing file: get and stream throw FileNotFoundError, stat is null, exists is false", async () => {
    const key = `${freshPrefix()}/missing.csv`;
    await expect(store().get(key)).rejects.toBeInstanceOf(FileNotFoundError);
    await expect(store().stream(key)).rejects.toBeInstanceOf(FileNotFoundError);
    expect(await store().stat(key)).toBeNull();
    expect(await store().exists(key)).toBe(false);
  });

  it("treats a folder-like prefix of a stored key as no file", async () => {
    const p = freshPrefix();
    await store().putOnce(`${p}/2026/11/22/a.csv`, Buffer.from("a"), CSV);
    expect(await store().exists(`${p}/2026/11`)).toBe(false);
    expect(await store().stat(`${p}/2026/11`)).toBeNull();
    await expect(store().get(`${p}/2026/11`)).rejects.toBeInstanceOf(FileNotFoundError);
  });

  it.each(BAD_KEYS)("rejects the bad key %j in every method", async (key) => {
    const data = Buffer.from("x");
    await expect(store().putOnce(key, data, CSV)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(store().putStream(key, chunks([data]), CSV)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(store().get(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(store().stream(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(store().exists(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
    await expect(store().stat(key)).rejects.toBeInstanceOf(InvalidStorageKeyError);
  });

  it.each(["../", "/2026/", "2026\\11", "2026//", ".x/"])("rejects the bad list prefix %j", async (prefix) => {
    await expect(store().list(prefix)).rejects.toBeInstanceOf(InvalidStorageKeyError);
  });
}
