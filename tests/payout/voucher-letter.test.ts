// The voucher letter checked with programs outside node_modules, so it lives in tests/: Ghostscript
// prints the PDF to an image and zbarimg scans the barcode on it (the letter's barcode, not just the
// PNG, must scan), and pdftotext (poppler-utils) reads its words the way other PDF readers will.
// Each check is skipped with a message when its program is missing.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

import type { VoucherLetter } from "@/lib/notify/letter-kit";
import { voucherPdf } from "@/lib/payout/voucher-pdf";

const GS = "/usr/bin/gs";
const ZBARIMG = "/usr/bin/zbarimg";
const PDFTOTEXT = "/usr/bin/pdftotext";
const canScan = existsSync(GS) && existsSync(ZBARIMG);
const canRead = existsSync(PDFTOTEXT);
if (!canScan) console.warn(`Skipping the letter scan test: it needs ${GS} (ghostscript) and ${ZBARIMG} (zbar-tools).`);
if (!canRead) console.warn(`Skipping the letter text test: ${PDFTOTEXT} is missing (apt-get install -y poppler-utils).`);

const GOLDEN = path.resolve(import.meta.dirname, "../../lib/payout/fixtures/golden-voucher-letter.txt");

const INPUT: VoucherLetter = {
  paymentReference: "7KQ2M9X-01",
  firstName: "Siobhan",
  lastName: "OShea",
  addressLine1: "Flat 2 10 Main Road",
  town: "Newry",
  county: "Co. Down",
  postcode: "BT34 1AB",
  amountPence: 123450,
  code: "K7QX2M9PLA4TZ",
  expiryDate: "2027-03-12",
  letterDate: "2026-11-28",
};

const dir = mkdtempSync(path.join(tmpdir(), "disburse-letter-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function letterFile(): Promise<string> {
  const file = path.join(dir, "letter.pdf");
  writeFileSync(file, await voucherPdf(INPUT));
  return file;
}

describe("the voucher letter, read by other programs", () => {
  it.skipIf(!canScan).each([100, 200])("its barcode scans back to the code when printed at %i dpi", async (dpi) => {
    const pdf = await letterFile();
    const png = path.join(dir, `letter-${dpi}.png`);
    execFileSync(GS, ["-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pnggray", `-r${dpi}`, `-sOutputFile=${png}`, pdf]);
    const decoded = execFileSync(ZBARIMG, ["--quiet", "--nodbus", "--raw", "-Scode128.enable", png], { encoding: "utf8" });
    expect(decoded.trim()).toBe(INPUT.code);
  });

  it.skipIf(!canRead)("pdftotext finds every golden line", async () => {
    const text = execFileSync(PDFTOTEXT, ["-layout", await letterFile(), "-"], { encoding: "utf8" });
    const words = text.replace(/\s+/g, " ");
    for (const line of readFileSync(GOLDEN, "utf8").trim().split("\n")) {
      expect(words).toContain(line.replace(/\s+/g, " "));
    }
  });
});
