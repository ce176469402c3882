import { EXIT, type ExitCode, type OpsCommand } from "../ops-command";
import { exitCodesHelp, jsonLine } from "../ops-format";
import {
  loadUndeliveredPayoutBatches,
  loadUndownloadedBankRuns,
  UNDELIVERED_LIMIT,
  undeliveredPayoutBatches,
} from "../undelivered-batches";

export const undeliveredBatchesCommand: OpsCommand = {
  name: "undelivered-batches",
  summary: "List Payout batches not delivered and bank files nobody downloaded past their day",
  help: [
    "Usage: npm run ops -- undelivered-batches --as <email> [--json]",
    "",
    "Lists, oldest first:",
    "  - Payout batches not delivered to the Post Office: STORED (the file is stored, its delivery",
    "    failed), DELIVERY_UNCERTAIN, or any other with a delivery error, with the error and what to do;",
    "  - bank runs of the last 20 working days whose AccessPay or ADI file nobody has downloaded,",
    "    once the day the run made them has passed (the Bank Admin banner's rule).",
    "Read-only.",
    "",
    "Options:",
    "  --as <email>  a user with the role SSCL finance or Administrator",
    "  --json        print { payout: [...], bank: [...] } as JSON",
    "",
    exitCodesHelp({ 0: "listed (empty lists too)", 1: null, 4: null, 5: null }),
    "",
    "Example:",
    "  npm run ops -- undelivered-batches --as fiona.finance@example.gov.uk --json",
  ].join("\n"),
  options: { json: { type: "boolean" } },
  validate: ({ positionals }) => (positionals.length ? `undelivered-batches takes no arguments, got "${positionals[0]}".` : null),
  async run(ctx, { values }): Promise<ExitCode> {
    const payout = undeliveredPayoutBatches(await loadUndeliveredPayoutBatches(ctx.db), ctx.now);
    const bank = await loadUndownloadedBankRuns(ctx.db, ctx.now);
    if (values.json) {
      ctx.out(
        jsonLine({
          payout: payout.map(({ line: _line, createdAt, ...b }) => ({ ...b, createdAt: createdAt.toISOString() })),
          bank: bank.map(({ line: _line, ...r }) => r),
        }),
      );
      return EXIT.OK;
    }
    if (payout.length === 0) ctx.out("Payout: no batch is waiting to be delivered.");
    else ctx.out(`Payout: ${payout.length} ${payout.length === 1 ? "batch is" : "batches are"} not delivered:`);
    for (const batch of payout) {
      ctx.out(batch.line);
      ctx.out(`  What to do: ${batch.advice}`);
    }
    if (payout.length === UNDELIVERED_LIMIT) ctx.out(`Only the oldest ${UNDELIVERED_LIMIT} are listed.`);
    if (bank.length === 0) ctx.out("Bank: every file made before today has been downloaded.");
    else ctx.out(`Bank: ${bank.length} ${bank.length === 1 ? "run's files are" : "runs' files are"} not downloaded:`);
    for (const run of bank) {
      ctx.out(run.line);
      ctx.out(`  What to do: ${run.advice}`);
    }
    return EXIT.OK;
  },
};
