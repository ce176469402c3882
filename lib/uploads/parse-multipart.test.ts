import { describe, expect, it } from "vitest";
import { MultipartError, multipartBoundary, multipartParts } from "./parse-multipart";

const B = "----b0undary";

function body(parts: { headers: string; content: string | Buffer }[], preamble = ""): Buffer {
  const pieces: Buffer[] = [Buffer.from(preamble)];
  for (const p of parts) pieces.push(Buffer.from(`--${B}\r\n${p.headers}\r\n\r\n`), Buffer.from(p.content), Buffer.from("\r\n"));
  pieces.push(Buffer.from(`--${B}--\r\n`));
  return Buffer.concat(pieces);
}

async function* chunks(bytes: Buffer, size: number) {
  for (let at = 0; at < bytes.length; at += size) yield new Uint8Array(bytes.subarray(at, at + size));
}

async function read(bytes: Buffer, size: number) {
  const out: { name: string; fileName: string | null; contentType: string | null; content: string }[] = [];
  for await (const part of multipartParts(chunks(bytes, size), B)) {
    const got: Buffer[] = [];
    for await (const chunk of part.body) got.push(Buffer.from(chunk));
    out.push({
      name: part.name,
      fileName: part.fileName,
      contentType: part.contentType,
      content: Buffer.concat(got).toString("utf8"),
    });
  }
  return out;
}

// Content may hold anything but the delimiter itself (a browser picks a boundary the file does not contain).
const FILE = `010203,12345678,Tom,12.50,REF\r\n--${B.slice(0, 5)}not a boundary\r\n\r\n-${B}\n\u00e9\u0000`;

describe("multipartParts", () => {
  it("finds the boundary in the content type", () => {
    expect(multipartBoundary(`multipart/form-data; boundary=${B}`)).toBe(B);
    expect(multipartBoundary(`multipart/form-data; charset=utf-8; boundary="${B}"`)).toBe(B);
    expect(multipartBoundary("application/json")).toBeNull();
    expect(multipartBoundary(null)).toBeNull();
  });

  it.each([1, 2, 3, 7, 16, 64, 100_000])("reads fields and the file whatever the chunk size (%i)", async (size) => {
    const bytes = body(
      [
        { headers: 'Content-Disposition: form-data; name="note"', content: "hello" },
        {
          headers: 'Content-Disposition: form-data; name="file"; filename="a \\"b\\".csv"\r\nContent-Type: text/csv',
          content: FILE,
        },
      ],
      "preamble to ignore\r\n",
    );
    expect(await read(bytes, size)).toEqual([
      { name: "note", fileName: null, contentType: null, content: "hello" },
      { name: "file", fileName: 'a "b".csv', contentType: "text/csv", content: FILE },
    ]);
  });

  it("gives an empty file name for a file input left empty", async () => {
    const bytes = body([{ headers: 'Content-Disposition: form-data; name="file"; filename=""', content: "" }]);
    expect(await read(bytes, 5)).toEqual([{ name: "file", fileName: "", contentType: null, content: "" }]);
  });

  it("skips a part the caller does not read", async () => {
    const bytes = body([
      { headers: 'Content-Disposition: form-data; name="skip"', content: "x".repeat(1000) },
      { headers: 'Content-Disposition: form-data; name="file"; filename="f.csv"', content: "data" },
    ]);
    const names: string[] = [];
    for await (const part of multipartParts(chunks(bytes, 10), B)) {
      names.push(part.name);
      if (part.name === "file") for await (const _ of part.body) void _;
    }
    expect(names).toEqual(["skip", "file"]);
  });

  it("stops reading the source when the caller stops", async () => {
    const bytes = body([
      { headers: 'Content-Disposition: form-data; name="file"; filename="f.csv"', content: "y".repeat(10_000) },
    ]);
    let pulled = 0;
    async function* counting() {
      for await (const c of chunks(bytes, 100)) {
        pulled += c.length;
        yield c;
      }
    }
    for await (const part of multipartParts(counting(), B)) {
      for await (const _ of part.body) break;
      break;
    }
    expect(pulled).toBeLessThanOrEqual(300);
  });

  it("says when the body ends before the file does", async () => {
    const cut = body([{ headers: 'Content-Disposition: form-data; name="file"; filename="f.csv"', content: "abc" }]).subarray(
      0,
      60,
    );
    await expect(read(cut, 8)).rejects.toBeInstanceOf(MultipartError);
    await expect(read(Buffer.from("no form here"), 4)).rejects.toBeInstanceOf(MultipartError);
  });
});
