// A filled ADI journal opens in LibreOffice, as it would in Excel. Needs LibreOffice
// (`apt-get install -y --no-install-recommends libreoffice-calc-nogui`, as .ci/run does), so it is
// an integration test; the pure checks of the filled workbook are in
// lib/direct-payments/adi-journal/fill-adi-journal.test.ts.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fillAdiJournal } from "@/lib/direct-payments/adi-journal/fill-adi-journal";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const DEMO_TEMPLATE = path.join(repoRoot, "templates", "adi-journal-demo.xlsx");
const REAL_TEMPLATE = path.resolve(repoRoot, "../shared/fixtures/apvs-adi-journal-template.xlsm");
const SOFFICE = "/usr/bin/soffice";

// 23:30 UTC on 6 July 2021 is 00:30 BST on 7 July: the London date, not the UTC one, must win.
const RUN_STARTED_AT = new Date("2021-07-06T23:30:00Z");
const JOURNAL_NAME = "578/APVU/070721/EB";
const TOTAL_PENCE = 1234567;

const HAS_REAL_TEMPLATE = existsSync(REAL_TEMPLATE);
const HAS_SOFFICE = existsSync(SOFFICE);

// Where LibreOffice is missing, the skipped block's title is the message the run shows.
describe.skipIf(!HAS_SOFFICE)(
  HAS_SOFFICE ? "a filled journal opens in LibreOffice" : `${SOFFICE} not found (LibreOffice not installed): open check skipped`,
  () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), "adi-journal-"));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const templates = [DEMO_TEMPLATE, ...(HAS_REAL_TEMPLATE ? [REAL_TEMPLATE] : [])];
    it.each(templates)("converts a journal filled from %s to CSV", async (templatePath) => {
      const ext = path.extname(templatePath);
      const file = path.join(dir, `journal-${path.basename(templatePath, ext)}${ext}`);
      writeFileSync(
        file,
        await fillAdiJournal({ template: readFileSync(templatePath), runStartedAt: RUN_STARTED_AT, totalPence: TOTAL_PENCE }),
      );
      // A private profile so a LibreOffice already running elsewhere cannot hold the lock. The
      // filter options write every sheet to its own CSV (the 12th token, -1; LibreOffice 7.2+) with
      // cells as shown (the 9th), so the check sees what a person opening the file would see.
      execFileSync(
        SOFFICE,
        [
          `-env:UserInstallation=file://${dir}/profile`,
          "--headless",
          "--convert-to",
          "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1",
          "--outdir",
          dir,
          file,
        ],
        { timeout: 120_000, stdio: "pipe" },
      );
      const csv = readFileSync(path.join(dir, `${path.basename(file, ext)}-WebADI.csv`), "utf8");
      expect(csv).toContain("07-Jul-2021");
      expect(csv.split(JOURNAL_NAME)).toHaveLength(3);
      // LibreOffice recalculates the template's SUM totals: debit and credit must balance.
      const totals = csv.split("\n").find((line) => line.includes("Totals:"));
      expect(totals?.match(/12,?345\.67/g)).toHaveLength(2);
    });
  },
);
