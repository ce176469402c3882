import { NotifyClient } from "notifications-node-client";
import type { NotifyFailure } from "./rules/notify-failure";

/**
 * The calls the sender makes to GOV.UK Notify, through the official client. Every failure is
 * rethrown as a NotifyRequestError carrying what judgeFailure needs (status, Notify's body, or
 * the network error's code), so the decision to retry stays pure.
 */

export type NotifyType = "email" | "sms" | "letter";

export interface NotifyGateway {
  sendEmail(templateId: string, to: string, personalisation: Record<string, unknown>, reference: string): Promise<{ id: string }>;
  sendSms(templateId: string, to: string, personalisation: Record<string, unknown>, reference: string): Promise<{ id: string }>;
  sendPrecompiledLetter(reference: string, pdf: Uint8Array): Promise<{ id: string }>;
  /** The notification Notify holds with this reference (its last 7 days), or null. */
  findByReference(type: NotifyType, reference: string): Promise<{ id: string; status: string; createdAt: string | null } | null>;
  /** A file for an email's personalisation: Notify stores it and the email shows a link to it. */
  prepareUpload(pdf: Uint8Array, filename: string): unknown;
}

export class NotifyRequestError extends Error {
  constructor(readonly failure: NotifyFailure) {
    super(failure.message);
    this.name = "NotifyRequestError";
  }
}

type AxiosLike = { isAxiosError?: boolean; code?: string; message?: string; response?: { status?: number; data?: unknown } };

export function toNotifyFailure(error: unknown): NotifyFailure {
  const e = (typeof error === "object" && error !== null ? error : {}) as AxiosLike;
  const message = error instanceof Error ? error.message : String(error);
  if (e.isAxiosError !== true) return { message };
  if (e.response?.status !== undefined) return { status: e.response.status, body: e.response.data, message };
  return { networkCode: e.code ?? "NETWORK_ERROR", message };
}

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw new NotifyRequestError(toNotifyFailure(error));
  }
}

type RestClient = (options: Record<string, unknown>) => Promise<unknown>;

export function createNotifyGateway(options: { apiKey: string; baseUrl?: string; timeoutMs: number }): NotifyGateway {
  const client = options.baseUrl ? new NotifyClient(options.baseUrl, options.apiKey) : new NotifyClient(options.apiKey);
  // The client sets no timeout, and a request that hangs would hold its message's claim for ever:
  // its own HTTP function is wrapped to add one (an abandoned request is looked up by reference
  // before its message is sent again, so a slow success is never sent twice).
  const inner = (client as unknown as { apiClient: { restClient: RestClient } }).apiClient.restClient;
  client.setClient(((request: Record<string, unknown>) => inner({ ...request, timeout: options.timeoutMs })) as never);

  return {
    async sendEmail(templateId, to, personalisation, reference) {
      const response = await call(() => client.sendEmail(templateId, to, { personalisation, reference }));
      return { id: response.data.id };
    },
    async sendSms(templateId, to, personalisation, reference) {
      const response = await call(() => client.sendSms(templateId, to, { personalisation, reference }));
      return { id: response.data.id };
    },
    async sendPrecompiledLetter(reference, pdf) {
      const response = await call(() => client.sendPrecompiledLetter(reference, Buffer.from(pdf)));
      return { id: response.data.id };
    },
    async findByReference(type, reference) {
      const response = await call(() => client.getNotifications(type, undefined, reference));
      const found = response.data.notifications.find((n) => n.reference === reference);
      return found ? { id: found.id, status: found.status, createdAt: found.created_at ?? null } : null;
    },
    prepareUpload(pdf, filename) {
      return client.prepareUpload(Buffer.from(pdf), { filename, confirmEmailBeforeDownload: true });
    },
  };
}
