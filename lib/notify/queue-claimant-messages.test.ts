import { describe, expect, it } from "vitest";
import { claimantMessage } from "./claimant-messages";
import { messageTemplate } from "./queue-claimant-messages";

/** PostgreSQL's format() for the %n$s and %% the templates use. */
function format(template: string, ...args: (string | null)[]): string {
  return template.replace(/%(%|(\d+)\$s)/g, (_m, all: string, n?: string) => (all === "%" ? "%" : (args[Number(n) - 1] ?? "")));
}

describe("messageTemplate", () => {
  it.each([
    ["Ada", "7KQ2M9X", "Account closed"],
    ["100% Ada", "7KQ2M9X", "50% off; %1$s is not a placeholder"],
    ["Zoë", "8ABCD23, 9XYZ234", "Account closed; No account"],
  ])("fills in to claimantMessage's words: %s", (firstName, claimReference, reason) => {
    const withReason = messageTemplate("PAYMENT_FAILED", true);
    expect(format(withReason.body, firstName, claimReference, reason)).toBe(
      claimantMessage("PAYMENT_FAILED", { firstName, claimReference, reason }).body,
    );
    const withoutReason = messageTemplate("PAYMENT_FAILED", false);
    expect(format(withoutReason.body, firstName, claimReference, null)).toBe(
      claimantMessage("PAYMENT_FAILED", { firstName, claimReference }).body,
    );
    expect(withReason.subject).toBe(claimantMessage("PAYMENT_FAILED", { firstName, claimReference }).subject);
  });
});
