import { describe, expect, it } from "vitest";
import type { NotifyGateway } from "@/lib/notify/notify-gateway";
import { NotifyRequestError } from "@/lib/notify/notify-gateway";
import { activationDeliveryFor, NO_NOTIFY_KEY_REASON, type ActivationDeliverySettings } from "./activation-delivery";

const base: ActivationDeliverySettings = {
  mode: "production",
  notifyApiKey: undefined,
  notifyBaseUrl: undefined,
  notifyTemplateIds: {},
};

function recordingGateway(sent: unknown[], fail?: Error): () => NotifyGateway {
  return () =>
    ({
      async sendEmail(templateId: string, to: string, personalisation: Record<string, unknown>, reference: string) {
        if (fail) throw fail;
        sent.push({ templateId, to, personalisation, reference });
        return { id: "n1" };
      },
    }) as unknown as NotifyGateway;
}

describe("how an activation link is delivered", () => {
  it("production without a Notify key: refused, with the reason", () => {
    expect(activationDeliveryFor(base)).toEqual({ kind: "refused", reason: NO_NOTIFY_KEY_REASON });
  });

  it("demo without a key: shown once to the admin", () => {
    expect(activationDeliveryFor({ ...base, mode: "demo" })).toEqual({ kind: "demo" });
  });

  it("a key but no email template: refused, naming the setting", () => {
    const delivery = activationDeliveryFor({ ...base, mode: "demo", notifyApiKey: "key", notifyTemplateIds: { sms: "t" } });
    expect(delivery).toMatchObject({ kind: "refused", reason: expect.stringContaining("NOTIFY_TEMPLATE_IDS") });
  });

  it("with a key: one email by the most specific template, the activation's id as Notify's reference", async () => {
    const sent: unknown[] = [];
    const delivery = activationDeliveryFor(
      { ...base, notifyApiKey: "key", notifyTemplateIds: { email: "generic", "account-activation:email": "specific" } },
      recordingGateway(sent),
    );
    if (delivery.kind !== "email") throw new Error("expected email");
    await delivery.send({ to: "a@example.gov.uk", subject: "S", body: "B", reference: "activation-1" });
    expect(sent).toEqual([
      { templateId: "specific", to: "a@example.gov.uk", personalisation: { subject: "S", body: "B" }, reference: "activation-1" },
    ]);
  });

  it("a refused send says only the status, never what was sent", async () => {
    const failure = new NotifyRequestError({ status: 400, body: { echo: "http://x/activate/SECRET" }, message: "SECRET" });
    const delivery = activationDeliveryFor(
      { ...base, notifyApiKey: "key", notifyTemplateIds: { email: "t" } },
      recordingGateway([], failure),
    );
    if (delivery.kind !== "email") throw new Error("expected email");
    const error = await delivery
      .send({ to: "a@example.gov.uk", subject: "S", body: "SECRET", reference: "r" })
      .catch((e: Error) => e);
    expect(error).toMatchObject({
      code: "INVALID_STATE",
      message: "GOV.UK Notify did not take the activation email (HTTP 400). Nothing was changed: try again.",
    });
  });
});
