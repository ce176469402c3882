import { describe, expect, it } from "vitest";
import { claimantMessage } from "./claimant-messages";
import { messageTemplate } from "./queue-claimant-messages";

/** PostgreSQL's format() for the %n$s and %% the templates use. */
function format(template: string, ...args: (string | null)[]): string {
  return template.replace(/%(%|(\d+)\$s)/g, (_m, all: string, n?: string) => (all === "%" ? "%" : (args[Number(n) - 1] ?? "")));
}

describe("messageTemplate", () => {
  it.each([
    ["Ada", "7KQ2M9X", "Account closed", "Claim reference"],
    ["100% Ada", "7KQ2M9X", "50% off; %1$s is not a placeholder", "Claim reference"],
    ["Zoë", "8ABCD23, 9XYZ234", "Account closed; No account", "Claim reference"],
    ["Grace", "4RMN56P-202611", "Account closed", "Payment reference"],
  ])("fills in to claimantMessage's words: %s, %s", (firstName, claimReference, reason, referenceLabel) => {
    const withReason = messageTemplate("PAYMENT_FAILED", true);
    expect(format(withReason.body, firstName, claimReference, reason, referenceLabel)).toBe(
      claimantMessage("PAYMENT_FAILED", { firstName, claimReference, reason, referenceLabel }).body,
    );
    const withoutReason = messageTemplate("PAYMENT_FAILED", false);
    expect(format(withoutReason.body, firstName, claimReference, null, referenceLabel)).toBe(
      claimantMessage("PAYMENT_FAILED", { firstName, claimReference, referenceLabel }).body,
    );
    expect(withReason.subject).toBe(claimantMessage("PAYMENT_FAILED", { firstName, claimReference }).subject);
  });

  it("ends with the claim reference unless told otherwise", () => {
    expect(claimantMessage("PAYMENT_FAILED", { firstName: "Ada", claimReference: "7KQ2M9X" }).body).toMatch(
      /\n\nClaim reference: 7KQ2M9X$/,
    );
  });
});
