// The email support gets for an alert (template "support-alert"; docs/domain.md#alerts).
// raiseAlerts builds the same words in SQL from these parts, so they are written once, here.

/** Alert kinds the portal raises, with the words the email's subject uses. */
export const alertKindTitles: Readonly<Record<string, string>> = {
  "run-failed": "a run failed",
  "delivery-failed": "a Payout delivery keeps failing",
  "codes-overdue": "Payout payment codes not uploaded",
};

export const OTHER_ALERT_TITLE = "something needs attention";
export const ALERT_SUBJECT_PREFIX = "Disburse alert: ";
export const ALERT_BODY_FOOTER = "\n\nOpen alerts are listed on the Runs page of the portal until they are dealt with.";

export function alertTitle(kind: string): string {
  return Object.hasOwn(alertKindTitles, kind) ? alertKindTitles[kind] : OTHER_ALERT_TITLE;
}

export function alertEmail(kind: string, message: string): { subject: string; body: string } {
  return { subject: ALERT_SUBJECT_PREFIX + alertTitle(kind), body: message + ALERT_BODY_FOOTER };
}
