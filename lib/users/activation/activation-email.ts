import { londonDate, longDate } from "@/lib/dates/london-date";
import type { ActivationPurpose } from "@/lib/generated/prisma/enums";

const londonTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/**
 * The email that carries an activation link, in the portal's own words (Notify's template only
 * prints ((subject)) and ((body)), as for every other message). Pure.
 */
export function activationEmail(options: { name: string; link: string; purpose: ActivationPurpose; expiresAt: Date }): {
  subject: string;
  body: string;
} {
  const { name, link, purpose, expiresAt } = options;
  const until = `${londonTime.format(expiresAt)} on ${longDate(londonDate(expiresAt))}`;
  const opening =
    purpose === "NEW_ACCOUNT"
      ? "An account has been set up for you in Disburse. Choose your password to start using it:"
      : "An administrator has reset your Disburse password. Choose a new password:";
  return {
    subject: purpose === "NEW_ACCOUNT" ? "Set up your Disburse account" : "Choose a new Disburse password",
    body: [
      `Dear ${name},`,
      "",
      opening,
      "",
      link,
      "",
      `The link works once, until ${until} (UK time). If it has expired, ask an administrator for a new one.`,
      "",
      "If you did not expect this email, do not use the link: tell your administrator.",
    ].join("\n"),
  };
}
