import "server-only";
import { after } from "next/server";
import { letterKit } from "@/app/(portal)/outbox/letter-kit";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { log } from "@/lib/log";
import { sendDueMessages, type SendSummary } from "@/lib/notify/send-messages";

/** The configured sender: the cron route, and anything that has just queued messages. */
export async function sendDueMessagesNow(options: { now?: Date } = {}): Promise<SendSummary> {
  const settings = config();
  return sendDueMessages({
    db: prisma,
    now: options.now ?? new Date(),
    notify: { apiKey: settings.notifyApiKey, baseUrl: settings.notifyBaseUrl, templateIds: settings.notifyTemplateIds },
    kit: letterKit,
  });
}

/**
 * For an import that has just queued messages: a sending pass once the response has gone (inside
 * a request), or at once in the background (outside one). Never throws: a failed pass is logged
 * and the cron takes the messages five minutes later.
 */
export function sendDueMessagesAfterResponse(): void {
  if (!config().notifyApiKey) return;
  const pass = () =>
    sendDueMessagesNow().then(
      () => undefined,
      (err: unknown) => log.error({ err }, "sending messages after an import failed"),
    );
  try {
    after(pass);
  } catch {
    void pass();
  }
}
