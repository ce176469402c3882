// Documents for the tests: small real files of each allowed type, and a few that must be refused.
import { readdirSync } from "node:fs";
import path from "node:path";
import { EICAR } from "../support/clamd";

/** A 1x1 PNG. */
export const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);

/** The start of a JPEG (SOI, APP0 JFIF) and its end: enough for the type, which is all that is checked. */
export const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from("JFIF\0", "latin1"),
  Buffer.from([0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]),
]);

/** A one-page PDF with no content. */
export const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
  "latin1",
);

/** A Windows program's first bytes ("MZ"): what an .exe renamed .png starts with. */
export const EXE = Buffer.concat([Buffer.from("MZ\x90\x00\x03\x00\x00\x00", "latin1"), Buffer.alloc(120, 0)]);

/** A PNG that the test clamd knows as infected (a whole-file signature of its own). */
export const INFECTED_PNG = Buffer.concat([PNG.subarray(0, 8), EICAR]);
export const INFECTED_PNG_SIGNATURE = { name: "Test.InfectedPng", bytes: INFECTED_PNG };

export { EICAR };

/** A multipart/form-data body with `file` (and any other fields), as a browser or the online service sends it. */
export function multipart(
  file: { name: string; bytes: Uint8Array; type?: string } | null,
  fields: Record<string, string> = {},
): { body: Buffer; contentType: string } {
  const boundary = `----disburse${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`, "utf8"));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name.replace(/["\\]/g, "\\$&")}"\r\n` +
          `Content-Type: ${file.type ?? "application/octet-stream"}\r\n\r\n`,
        "utf8",
      ),
      Buffer.from(file.bytes),
      Buffer.from("\r\n", "latin1"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`, "latin1"));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Every file under `dir`, dot-files (the store's temporary files) included. */
export function filesUnder(dir: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)],
    );
  return walk(dir);
}
