import { describe, expect, it } from "vitest";
import { notifyTemplateId, templatesWithIds } from "./notify-template-id";

const ids = {
  email: "e-default",
  sms: "s-default",
  "payout-voucher:email": "e-voucher",
  "support-alert": "e-alert",
  "CLAIM_APPROVED:sms": "s-approved",
};

describe("notifyTemplateId", () => {
  it("takes the template and channel, then the template, then the channel's default", () => {
    expect(notifyTemplateId(ids, "payout-voucher", "EMAIL")).toBe("e-voucher");
    expect(notifyTemplateId(ids, "payout-voucher", "SMS")).toBe("s-default");
    expect(notifyTemplateId(ids, "support-alert", "EMAIL")).toBe("e-alert");
    expect(notifyTemplateId(ids, "CLAIM_APPROVED", "SMS")).toBe("s-approved");
    expect(notifyTemplateId(ids, "CLAIM_APPROVED", "EMAIL")).toBe("e-default");
  });

  it("has none when nothing matches", () => {
    expect(notifyTemplateId({ "support-alert": "e-alert" }, "CLAIM_APPROVED", "EMAIL")).toBeNull();
    expect(notifyTemplateId({}, "email", "SMS")).toBeNull();
  });

  it("gives the same answer as sets for SQL", () => {
    expect(templatesWithIds(ids)).toEqual({
      EMAIL: { all: true, templates: ["payout-voucher", "support-alert"] },
      SMS: { all: true, templates: ["CLAIM_APPROVED", "support-alert"] },
    });
    expect(templatesWithIds({ "support-alert": "e-alert", "payout-voucher:sms": "s" })).toEqual({
      EMAIL: { all: false, templates: ["support-alert"] },
      SMS: { all: false, templates: ["payout-voucher", "support-alert"] },
    });
  });
});
