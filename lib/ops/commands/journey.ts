import type { Role } from "@/lib/auth/roles";
import { journeyText } from "@/lib/journey/journey-text";
import { loadPaymentJourney } from "@/lib/journey/load-payment-journey";
import { EXIT, type ExitCode, type OpsCommand } from "../ops-command";
import { exitCodesHelp, jsonLine } from "../ops-format";

// "Where is this payment?" from the command line: the journey page's own loader and its plain-text
// rendering (lib/journey, docs/payment-journey.md). Bank details are masked there for everyone.

export const journeyCommand: OpsCommand = {
  name: "journey",
  summary: "Print a payment's journey: every step in order, with who and when",
  help: [
    "Usage: npm run ops -- journey <payment reference or UUID> --as <email> [--json]",
    "",
    "Prints the journey of one payment, as /payments/<reference> shows it: the claim's decision, the",
    "payment made, held and released, its run, file and line, downloads or delivery, codes, messages,",
    "returns, PAID, and the payments before and after it (a reissue or carry-over). Bank details are",
    "masked. The reference is matched whatever its case.",
    "",
    "Options:",
    "  --as <email>  any enabled user of the portal",
    "  --json        print the journey as JSON (the page's data: payment, steps, before and after)",
    "",
    exitCodesHelp({ 1: null, 4: "there is no payment with that reference or UUID", 5: null }),
    "",
    "Example:",
    "  npm run ops -- journey 7KQ2M9X-01 --as support@example.gov.uk",
  ].join("\n"),
  options: { json: { type: "boolean" } },
  validate({ positionals }) {
    if (positionals.length !== 1 || !positionals[0].trim()) return "Name one payment: journey <reference or UUID>.";
    return null;
  },
  async run(ctx, { values, positionals }): Promise<ExitCode> {
    const key = positionals[0].trim();
    // The links the --as user would see on the page (claim and person pages only for their roles).
    const journey = await loadPaymentJourney(ctx.db, key, { viewerRole: ctx.actor.role as Role });
    if (!journey) {
      ctx.err(`There is no payment with the reference or UUID ${key}.`);
      return EXIT.NOT_FOUND;
    }
    if (values.json) ctx.out(jsonLine(journey));
    else ctx.out(journeyText(journey).replace(/\n$/, ""));
    return EXIT.OK;
  },
};
