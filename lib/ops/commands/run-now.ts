import { runDirectPaymentsNow } from "@/lib/direct-payments/run-direct-payments-now";
import { formatPence } from "@/lib/money";
import { runPayoutPaymentsNow } from "@/lib/payout/run-payout-payments-now";
import { plural } from "@/lib/plural";
import type { RunSummary } from "@/lib/runs/run-summary";
import { EXIT, type ExitCode, type OpsCommand } from "../ops-command";
import { exitCodesHelp, jsonLine } from "../ops-format";

// "Run now" on /runs, from the command line: the same entry point the button and the schedule call
// (docs/runs.md#what-a-run-is), with the --as user's email as the run's triggeredBy, as the button
// gives the signed-in user's.

const KINDS = { bank: runDirectPaymentsNow, payout: runPayoutPaymentsNow } as const;
type Kind = keyof typeof KINDS;
const isKind = (value: string | undefined): value is Kind => value === "bank" || value === "payout";

const NOT_SENT = {
  bank: "Nothing was marked as sent.",
  payout: "No payment was marked as sent that was not delivered.",
} as const;
const NONE = { DIRECT_PAYMENTS: "bank payments", PAYOUT: "cash (Payout) payments" } as const;

/** The run's summary as plain lines: status, count and total, what was held, the files. Pure. */
export function runSummaryLines(summary: RunSummary): string[] {
  const kind = summary.kind === "PAYOUT" ? "Payout" : "Bank";
  const head = `${kind} run ${summary.runId ?? "(none)"}`;
  if (summary.status === "EMPTY") return [`${head}: no ${NONE[summary.kind]} were waiting. No files were made.`];
  const lines = [
    `${head}: ${summary.status}${summary.resumed ? ` (resumed, attempt ${summary.attempts})` : ""}`,
    `Payments: ${plural(summary.payments, "payment")}, ${formatPence(summary.totalPence)}`,
    `Held: ${summary.held.length}`,
    ...summary.held.map((h) => `  held ${h.reference}: ${h.reason}${h.detail ? ` (${h.detail})` : ""}`),
    `Files: ${summary.files.length}`,
    ...summary.files.map(
      (f) => `  ${f.kind} ${f.fileName}: ${plural(f.lineCount, "line")}, ${formatPence(f.totalPence)}, sha256 ${f.sha256}`,
    ),
  ];
  // Where the batch is seen: Bank Admin's entry for the run, or each Payout batch's page.
  for (const id of summary.batchIds) {
    lines.push(`Batch ${id}: ${summary.kind === "PAYOUT" ? `/payout/batches/${id}` : `/bank-admin#run-${summary.runId}`}`);
  }
  const cleaned = summary.warnings.filter((w) => w.kind === "VALUE_CLEANED").length;
  if (cleaned) lines.push(`Names cleaned for the bank file: ${cleaned} (see the run on /runs)`);
  return lines;
}

export const runNowCommand: OpsCommand = {
  name: "run-now",
  summary: 'Run a bank or Payout batch now, as "Run now" on /runs does',
  help: [
    "Usage: npm run ops -- run-now bank|payout --as <email> [--json]",
    "",
    'Runs the direct-payments (bank) or Payout (cash) run now, exactly as "Run now" on /runs: the same',
    "selection, holds, files and audit; a crashed or failed run of the kind is finished first. Prints the",
    "run's summary: its payments and total, the payments held and why, and its files.",
    "",
    "Options:",
    "  --as <email>  a user with the role SSCL finance or Administrator",
    "  --json        print the run summary as JSON (the cron route's shape) instead of lines",
    "",
    exitCodesHelp({
      0: "the run finished (SUCCEEDED, or EMPTY: nothing was waiting)",
      1: "the run failed (its error on stderr; nothing was marked as sent)",
      4: null,
      5: "a run of this kind is already running: look again when it has finished",
    }),
    "",
    "Example:",
    "  npm run ops -- run-now bank --as fiona.finance@example.gov.uk",
  ].join("\n"),
  options: { json: { type: "boolean" } },
  validate({ positionals }) {
    if (positionals.length !== 1 || !isKind(positionals[0])) return "Say which run: run-now bank or run-now payout.";
    return null;
  },
  async run(ctx, { values, positionals }): Promise<ExitCode> {
    const kind = positionals[0] as Kind;
    const summary = await KINDS[kind]({ triggeredBy: ctx.actor.email, now: ctx.now });
    if (values.json) ctx.out(jsonLine(summary));
    switch (summary.status) {
      case "BUSY":
        ctx.err(
          `A ${kind} run is already running${summary.runId ? ` (run ${summary.runId})` : ""}. Try again when it has finished.`,
        );
        return EXIT.BUSY;
      case "FAILED":
        if (!values.json) runSummaryLines(summary).forEach((line) => ctx.out(line));
        ctx.err(`The run failed: ${summary.error ?? "see it on /runs"}. ${NOT_SENT[kind]}`);
        return EXIT.FAILED;
      default:
        if (!values.json) runSummaryLines(summary).forEach((line) => ctx.out(line));
        return EXIT.OK;
    }
  },
};
