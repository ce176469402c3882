import { retryPayoutDeliveryNow } from "@/lib/payout/run-payout-payments-now";
import { EXIT, type ExitCode, type OpsCommand } from "../ops-command";
import { exitCodesHelp, jsonLine } from "../ops-format";
import { runSummaryLines } from "./run-now";

// An admin's "Retry delivery" on a Payout batch's page, from the command line: the same lib call
// (lib/payout/retry-payout-delivery.ts), which audits the retry as the --as user and refuses a batch
// that is delivered, returned, uncertain or not of a failed run.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const retryDeliveryCommand: OpsCommand = {
  name: "retry-delivery",
  summary: "Send a Payout batch's stored file to the Post Office again",
  help: [
    "Usage: npm run ops -- retry-delivery <batch id> --as <email> [--json]",
    "",
    'Retries the delivery of a Payout batch whose delivery failed, as "Retry delivery" on the batch\'s',
    "page (/payout/batches/<id>): the failed run is retried with the same file name and stored bytes,",
    "and an attempt that may have reached the Post Office is looked for, never repeated. A batch whose",
    "delivery is uncertain is settled on its page instead. `undelivered-batches` lists the candidates.",
    "",
    "Options:",
    "  --as <email>  a user with the role Administrator",
    "  --json        print { batchStatus, deliveryError, summary } as JSON",
    "",
    exitCodesHelp({
      0: "the file was delivered: the batch's payments are sent",
      1: "the delivery failed again, is now uncertain, or the batch cannot be retried (why on stderr)",
      4: "there is no batch with that id",
      5: "a Payout run is in progress: try again when it has finished",
    }),
    "",
    "Example:",
    "  npm run ops -- retry-delivery 3f1c2a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b --as admin@example.gov.uk",
  ].join("\n"),
  options: { json: { type: "boolean" } },
  validate({ positionals }) {
    if (positionals.length !== 1) return "Name one batch: retry-delivery <batch id>.";
    if (!UUID.test(positionals[0]))
      return `"${positionals[0]}" is not a batch id: it looks like 3f1c2a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b.`;
    return null;
  },
  async run(ctx, { values, positionals }): Promise<ExitCode> {
    const batchId = positionals[0].toLowerCase();
    const result = await retryPayoutDeliveryNow({ batchId, actor: { id: ctx.actor.id, email: ctx.actor.email }, now: ctx.now });
    if (values.json) ctx.out(jsonLine(result));
    else runSummaryLines(result.summary).forEach((line) => ctx.out(line));
    switch (result.batchStatus) {
      case "DELIVERED":
        if (!values.json) ctx.out(`Batch ${batchId}: DELIVERED. Its payments are sent.`);
        return EXIT.OK;
      case "DELIVERY_UNCERTAIN":
        ctx.err(
          `Batch ${batchId}: the delivery's outcome cannot be known, so it is now DELIVERY_UNCERTAIN. Ask the Post Office whether they have the file, then settle it on /payout/batches/${batchId}.`,
        );
        return EXIT.FAILED;
      default:
        ctx.err(
          `Batch ${batchId}: the delivery failed again: ${result.deliveryError ?? "see the attempts on its page"}. Nothing was sent.`,
        );
        return EXIT.FAILED;
    }
  },
};
