import { describe, expect, it } from "vitest";
import { alertEmail, alertTitle } from "./alert-email";

describe("alert email", () => {
  it("names the kind in the subject and carries the message", () => {
    expect(alertEmail("codes-overdue", "Batch 2026-11-30 no. 1 has no codes.")).toEqual({
      subject: "Disburse alert: Payout payment codes not uploaded",
      body: "Batch 2026-11-30 no. 1 has no codes.\n\nOpen alerts are listed on the Runs page of the portal until they are dealt with.",
    });
  });

  it("has a general title for a kind it does not know, and is not fooled by Object's own names", () => {
    expect(alertTitle("disk-full")).toBe("something needs attention");
    expect(alertTitle("toString")).toBe("something needs attention");
  });
});
