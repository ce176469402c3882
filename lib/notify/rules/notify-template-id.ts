// Which Notify template sends a portal message (NOTIFY_TEMPLATE_IDS, docs/domain.md#messages).
// Notify templates are per channel, while one portal template (CLAIM_APPROVED, say) goes by
// email or text message as the claimant chose, so the most specific key wins:
// "<template>:email", then "<template>", then the channel's own "email" (or "sms"): a service
// whose Notify templates all just print ((subject)) and ((body)) needs only those two.

export type TextChannel = "EMAIL" | "SMS";

const channelKey: Record<TextChannel, string> = { EMAIL: "email", SMS: "sms" };

export function notifyTemplateId(ids: Readonly<Record<string, string>>, template: string, channel: TextChannel): string | null {
  const c = channelKey[channel];
  return ids[`${template}:${c}`] ?? (template === "email" || template === "sms" ? undefined : ids[template]) ?? ids[c] ?? null;
}

/**
 * The same rule as sets for SQL: for each channel, either every template has an id (the channel's
 * default is set) or only the listed ones do.
 */
export function templatesWithIds(
  ids: Readonly<Record<string, string>>,
): Record<TextChannel, { all: boolean; templates: string[] }> {
  const result = {} as Record<TextChannel, { all: boolean; templates: string[] }>;
  for (const channel of ["EMAIL", "SMS"] as const) {
    const c = channelKey[channel];
    const templates = new Set<string>();
    for (const key of Object.keys(ids)) {
      const [template, suffix] = key.split(":", 2);
      if (suffix === c) templates.add(template);
      else if (suffix === undefined && key !== "email" && key !== "sms") templates.add(key);
    }
    result[channel] = { all: ids[c] !== undefined, templates: [...templates].sort() };
  }
  return result;
}
