import { formatPence } from "@/lib/money";
import type { PaymentJourney } from "./journey-types";
import { statusWords } from "./build-journey";

// The journey as the support CLI prints it: plain text, times in UK time, one step a block.

const ukTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

/** "20 Nov 2026, 08:00:00" in Europe/London. */
function when(at: Date): string {
  return ukTime.format(at);
}

/**
 * The journey as plain text, one step a line (the support CLI's `journey` command prints it):
 * a header of the payment's facts, then every step with when, who, what, its detail and links.
 */
export function journeyText(journey: PaymentJourney): string {
  const p = journey.payment;
  const lines = [
    `Payment ${p.reference} (${p.id})`,
    `  Amount:   ${formatPence(p.amountPence)} by ${p.method === "BANK" ? "bank transfer" : "Post Office voucher"}`,
    `  Status:   ${statusWords(p.status)}${p.holdReason ? ` (on hold: ${p.holdReason})` : ""}`,
    `  Person:   ${p.person.name}${p.person.reference ? ` (${p.person.reference})` : ""}`,
  ];
  if (p.claim) lines.push(`  Claim:    ${p.claim.reference}`);
  if (p.cycle) lines.push(`  Cycle:    ${p.cycle.label}`);
  if (p.bankDetailsMasked) lines.push(`  Bank:     ${p.bankDetailsMasked.sortCode} ${p.bankDetailsMasked.accountNumber}`);
  if (p.paymentCode) lines.push(`  Code:     ${p.paymentCode}`);
  if (journey.before) lines.push(`  Before:   ${journey.before.reference} (${statusWords(journey.before.status)})`);
  if (journey.after) lines.push(`  After:    ${journey.after.reference} (${statusWords(journey.after.status)})`);
  lines.push("", `Journey (${journey.steps.length} steps, UK time):`);
  for (const step of journey.steps) {
    lines.push(`${when(step.at)}  ${step.summary} — ${step.who}`);
    if (step.detail) lines.push(`    ${step.detail}`);
    for (const l of step.links) lines.push(`    ${l.label}: ${l.href}`);
  }
  return `${lines.join("\n")}\n`;
}
