import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { uploaderRolesFor } from "@/lib/auth/access";
import { bankLookupKey } from "@/lib/bank-details/lookup-key";
import { bankHolidaysUpload } from "@/lib/bank-holidays/import-bank-holidays";
import { config } from "@/lib/config";
import { bankDetailsKey } from "@/lib/crypto/bank-details-key";
import { failedPaymentsUpload } from "@/lib/direct-payments/failed-payments/import-failed-payments";
import type { UploadKind } from "@/lib/generated/prisma/enums";
import { paymentCodesUpload } from "@/lib/payout/payment-codes/import-payment-codes";
import { reconciliationUpload } from "@/lib/payout/reconciliation/import-reconciliation";
import { findBenefitPlan } from "@/lib/plans/benefit-plans/load-benefit-plan";
import { enrolmentFileUpload } from "@/lib/plans/enrolments/enrolment-file/import-enrolment-file";
import { createFileStore } from "@/lib/storage";
import { processUpload, storeUpload, type UploadKindSpec, type UploadOutcome } from "@/lib/uploads/receive-upload";
import { MB } from "@/lib/uploads/upload-limits";
import { EXIT, type ExitCode, type OpsArgs, type OpsCommand, type OpsContext } from "../ops-command";
import { exitCodesHelp, jsonLine, ukTime } from "../ops-format";

// A file imported as the --as user through the same upload shell as the web's upload routes
// (app/api/uploads/*/route.ts and lib/uploads/receive-upload.ts): the bytes stream from the disk
// into the write-once store, then one transaction checks and applies them, records the Upload and
// its rows, and audits it as that user. The kind's spec is built as its route builds it.

type KindName = "failed-payments" | "payout-payment-codes" | "payout-reconciliation" | "bank-holidays" | "enrolment";

interface KindRule {
  kind: UploadKind;
  /** The spec as the kind's route makes it, or null when what the options name does not exist. */
  spec(ctx: OpsContext, values: OpsArgs["values"]): Promise<{ spec: UploadKindSpec; page: string } | null>;
}

const KINDS: Record<KindName, KindRule> = {
  "failed-payments": {
    kind: "SSCL_FAILED_PAYMENTS",
    spec: async () => ({ spec: failedPaymentsUpload(bankDetailsKey()), page: "/bank-admin" }),
  },
  "payout-payment-codes": {
    kind: "PAYOUT_PAYMENT_CODES",
    spec: async (_ctx, values) => {
      const batchId = typeof values.batch === "string" ? values.batch : null;
      return {
        spec: paymentCodesUpload({ batchId, voucherValidityDays: config().voucherValidityDays }) as UploadKindSpec,
        page: batchId ? `/payout/batches/${encodeURIComponent(batchId)}` : "/payout",
      };
    },
  },
  "payout-reconciliation": {
    kind: "PAYOUT_RECONCILIATION",
    spec: async () => ({ spec: reconciliationUpload(), page: "/payout" }),
  },
  "bank-holidays": {
    kind: "BANK_HOLIDAYS",
    spec: async () => ({ spec: bankHolidaysUpload() as UploadKindSpec, page: "/admin/bank-holidays" }),
  },
  enrolment: {
    kind: "ENROLMENT",
    spec: async (ctx, values) => {
      const plan = await findBenefitPlan(ctx.db, String(values.plan));
      if (!plan) return null;
      return {
        spec: enrolmentFileUpload({
          benefitPlanId: plan.id,
          key: bankDetailsKey(),
          lookupKey: bankLookupKey(),
        }) as UploadKindSpec,
        page: `/benefit-plans/${encodeURIComponent(plan.code)}/uploads`,
      };
    },
  },
};

const isKindName = (value: string | undefined): value is KindName => value !== undefined && Object.hasOwn(KINDS, value);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The most error lines printed; the error report (and the page) has every one. */
export const ERRORS_PRINTED = 20;

/** What the upload did, as lines for stdout (and the errors for stderr). Pure. */
export function uploadOutcomeLines(outcome: UploadOutcome, pageUrl: string): { out: string[]; err: string[] } {
  const page = `Page: ${pageUrl}`;
  switch (outcome.status) {
    case "DUPLICATE":
      return {
        out: [
          `Upload ${outcome.uploadId}: DUPLICATE`,
          `Already uploaded by ${outcome.previous.uploadedBy} on ${ukTime(outcome.previous.uploadedAt)} (upload ${outcome.previous.uploadId}). Nothing was changed.`,
          page,
        ],
        err: [],
      };
    case "APPLIED": {
      const c = outcome.counts;
      return {
        out: [
          `Upload ${outcome.uploadId}: APPLIED`,
          `Rows: ${c.rows} (matched ${c.matched}, unchanged ${c.unchanged}, errors ${c.errors})`,
          page,
        ],
        err: [],
      };
    }
    case "REJECTED": {
      const c = outcome.counts;
      const shown = outcome.errors.slice(0, ERRORS_PRINTED);
      const more = c.errors - shown.length;
      return {
        out: [
          `Upload ${outcome.uploadId}: REJECTED`,
          `Rows: ${c.rows} (matched ${c.matched}, unchanged ${c.unchanged}, errors ${c.errors})`,
          page,
        ],
        err: [
          `The file was rejected with ${c.errors} ${c.errors === 1 ? "error" : "errors"}. Nothing was changed: correct the file and import it again.`,
          ...shown.map((e) => `  ${e.message}`),
          ...(more > 0 ? [`  … and ${more} more: the page has the error report with every row.`] : []),
        ],
      };
    }
  }
}

export const importFileCommand: OpsCommand = {
  name: "import-file",
  summary: "Import a file (failed payments, Payout returns, bank holidays, enrolment) as a named user",
  help: [
    "Usage: npm run ops -- import-file <kind> <path> --as <email> [--plan <code>] [--batch <id>] [--json]",
    "",
    "Imports a file exactly as uploading it on its page would, as the --as user: the same checks, the",
    "same all-or-nothing apply, the same Upload record, audit and duplicate rule. Prints the upload's",
    "outcome (matched, unchanged, errors), its id and the page that shows it.",
    "",
    "Kinds, and who may import each (as on the web):",
    "  failed-payments        SSCL's failed-payments file            SSCL finance, Administrator",
    "  payout-payment-codes   the Post Office's payment-code file    Caseworker",
    "  payout-reconciliation  the Post Office's reconciliation file  Caseworker",
    "  bank-holidays          the England and Wales bank holidays    Administrator",
    "  enrolment              a benefit plan's enrolment file        Payment-plan manager (needs --plan)",
    "",
    "Options:",
    "  --as <email>   the user the file is imported as",
    "  --plan <code>  enrolment only: the benefit plan the file enrols into",
    "  --batch <id>   payout-payment-codes only: the batch the file answers (else read from the file)",
    "  --json         print the upload outcome as JSON",
    "",
    exitCodesHelp({
      0: "the file was applied, or was already uploaded (nothing changed: DUPLICATE)",
      1: "the file was rejected, or changed rows stopped it: nothing was changed (why on stderr)",
      4: "there is no file at the path, or no benefit plan with the --plan code",
      5: null,
    }),
    "",
    "Example:",
    "  npm run ops -- import-file failed-payments ./returns-2026-11-27.csv --as fiona.finance@example.gov.uk",
  ].join("\n"),
  options: { plan: { type: "string" }, batch: { type: "string" }, json: { type: "boolean" } },
  validate({ positionals, values }) {
    const [kind, file] = positionals;
    if (!isKindName(kind))
      return kind === undefined
        ? "Say which kind of file: import-file <kind> <path>."
        : `"${kind}" is not a kind of file: use one of ${Object.keys(KINDS).join(", ")}.`;
    if (file === undefined || positionals.length !== 2) return "Name one file: import-file <kind> <path>.";
    if (kind === "enrolment" && (typeof values.plan !== "string" || !values.plan.trim()))
      return "Say which benefit plan the enrolment file is for: --plan <code>.";
    if (kind !== "enrolment" && values.plan !== undefined) return "--plan is only for an enrolment file.";
    if (values.batch !== undefined && kind !== "payout-payment-codes") return "--batch is only for a payout-payment-codes file.";
    if (typeof values.batch === "string" && !UUID.test(values.batch)) return `"${values.batch}" is not a batch id.`;
    return null;
  },
  rolesFor({ positionals }) {
    return uploaderRolesFor(KINDS[positionals[0] as KindName].kind);
  },
  async run(ctx, { values, positionals }): Promise<ExitCode> {
    const [kindName, file] = positionals as [KindName, string];
    const found = await stat(file).catch(() => null);
    if (!found?.isFile()) {
      ctx.err(`There is no file at ${file}. Nothing was done.`);
      return EXIT.NOT_FOUND;
    }
    const made = await KINDS[kindName].spec(ctx, values);
    if (!made) {
      ctx.err(`There is no benefit plan with code ${String(values.plan)}. Nothing was done.`);
      return EXIT.NOT_FOUND;
    }
    const settings = config();
    const store = createFileStore(settings);
    const actor = { id: ctx.actor.id, email: ctx.actor.email };
    const received = await storeUpload({
      db: ctx.db,
      store,
      spec: made.spec,
      fileName: path.basename(file),
      source: createReadStream(file),
      actor,
      now: ctx.now,
      maxBytes: settings.uploadMaxMb * MB,
    });
    const outcome = received.refused ?? (await processUpload({ db: ctx.db, store, stored: received.stored }));
    const pageUrl = `${settings.authUrl.replace(/\/$/, "")}${made.page}?upload=${outcome.uploadId}#upload-result`;
    const lines = uploadOutcomeLines(outcome, pageUrl);
    if (values.json) ctx.out(jsonLine({ ...outcome, page: pageUrl }));
    else lines.out.forEach((line) => ctx.out(line));
    lines.err.forEach((line) => ctx.err(line));
    return outcome.status === "REJECTED" ? EXIT.FAILED : EXIT.OK;
  },
};
