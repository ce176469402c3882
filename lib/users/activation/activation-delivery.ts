import type { AppConfig } from "@/lib/config/schema";
import { AppError } from "@/lib/errors";
import { createNotifyGateway, NotifyRequestError, type NotifyGateway } from "@/lib/notify/notify-gateway";
import { notifyTemplateId } from "@/lib/notify/rules/notify-template-id";
import { NOTIFY_REQUEST_TIMEOUT_MS } from "@/lib/notify/rules/retry-policy";

/** The portal template name of the activation email in NOTIFY_TEMPLATE_IDS. */
export const ACTIVATION_TEMPLATE = "account-activation";

export type ActivationMessage = { to: string; subject: string; body: string; reference: string };

/**
 * How an activation link reaches its user. Only by email through GOV.UK Notify, sent at once
 * (never queued in the outbox, where the link would sit in a Notification row). In demo mode
 * without a Notify key the link is handed back once for the admin to see; in production without
 * one, creating or resetting an account is refused with the reason.
 */
export type ActivationDelivery =
  { kind: "email"; send: (message: ActivationMessage) => Promise<void> } | { kind: "demo" } | { kind: "refused"; reason: string };

export type ActivationDeliverySettings = Pick<AppConfig, "mode" | "notifyApiKey" | "notifyBaseUrl" | "notifyTemplateIds">;

export const NO_NOTIFY_KEY_REASON =
  "Accounts cannot be created or reset: NOTIFY_API_KEY is not set, so the activation link cannot be emailed to the user. Nothing was changed.";

type GatewayFactory = (options: { apiKey: string; baseUrl?: string; timeoutMs: number }) => NotifyGateway;

export function activationDeliveryFor(
  settings: ActivationDeliverySettings,
  makeGateway: GatewayFactory = createNotifyGateway,
): ActivationDelivery {
  const apiKey = settings.notifyApiKey;
  if (!apiKey) return settings.mode === "demo" ? { kind: "demo" } : { kind: "refused", reason: NO_NOTIFY_KEY_REASON };
  const templateId = notifyTemplateId(settings.notifyTemplateIds, ACTIVATION_TEMPLATE, "EMAIL");
  if (!templateId) {
    return {
      kind: "refused",
      reason: `Accounts cannot be created or reset: NOTIFY_TEMPLATE_IDS has no email template for "${ACTIVATION_TEMPLATE}" (or a default "email"), so the activation link cannot be emailed. Nothing was changed.`,
    };
  }
  const gateway = makeGateway({ apiKey, baseUrl: settings.notifyBaseUrl, timeoutMs: NOTIFY_REQUEST_TIMEOUT_MS });
  return {
    kind: "email",
    async send(message) {
      try {
        await gateway.sendEmail(templateId, message.to, { subject: message.subject, body: message.body }, message.reference);
      } catch (error) {
        // Only the status: the request carried the link, and whatever Notify or the network said
        // back is not worth the risk of echoing it into a message or a log.
        const status = error instanceof NotifyRequestError ? error.failure.status : undefined;
        throw new AppError(
          "INVALID_STATE",
          `GOV.UK Notify did not take the activation email${status ? ` (HTTP ${status})` : " (no answer)"}. Nothing was changed: try again.`,
        );
      }
    },
  };
}

/** Refuses before anything is written when the link could not be delivered. */
export function assertCanDeliver(
  delivery: ActivationDelivery,
): asserts delivery is Exclude<ActivationDelivery, { kind: "refused" }> {
  if (delivery.kind === "refused") throw new AppError("INVALID_STATE", delivery.reason);
}
