// The barcode a claimant takes to the Post Office must scan back to the payment code: render each
// code to PNG with lib/payout/barcode.ts, write it to a temporary file and decode it with zbarimg
// (zbar-tools). It needs that program, not a database, which is why it lives in tests/. Where
// /usr/bin/zbarimg is missing the tests are skipped with a message; CI installs it.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

import { barcodePng } from "@/lib/payout/barcode";

const ZBARIMG = "/usr/bin/zbarimg";
const hasZbar = existsSync(ZBARIMG);
if (!hasZbar) {
  console.warn(`Skipping the barcode decode tests: ${ZBARIMG} is missing (apt-get install -y zbar-tools).`);
}

const dir = mkdtempSync(path.join(tmpdir(), "disburse-barcode-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function decode(png: Uint8Array, name: string): string {
  const file = path.join(dir, `${name}.png`);
  writeFileSync(file, png);
  return execFileSync(ZBARIMG, ["--quiet", "--nodbus", "--raw", "-Scode128.enable", file], { encoding: "utf8" }).trim();
}

describe.skipIf(!hasZbar)("Code 128 barcodes scan back to the payment code", () => {
  it.each([
    "K7QX2M9PLA4TZ", // letters and digits
    "ABCDEFGHJKMNP", // letters only
    "1234567890123", // digits only: Code 128 packs digit pairs (code set C)
    "ab12CD34ef567", // lower case too: codes are compared exactly
    "A1B2C3D4E5F6G", // alternating, no digit pairs to pack
  ])("%s", (code) => {
    expect(decode(barcodePng(code), code)).toBe(code);
  });

  it("still scans at the smallest size a letter uses (1-pixel modules, scale 1)", () => {
    expect(decode(barcodePng("K7QX2M9PLA4TZ", { moduleWidth: 1, height: 40, scale: 1 }), "small")).toBe("K7QX2M9PLA4TZ");
  });
});
