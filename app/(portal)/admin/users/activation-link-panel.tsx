import { CopyButton } from "@/components/copy-button";

/**
 * Demo mode without GOV.UK Notify only: the activation link that production emails to the user
 * and never shows. Shown this once (it is in no page or record afterwards).
 */
export function ActivationLinkPanel({ link, title }: { link: string; title: string }) {
  return (
    <div role="status" className="mb-6 border-[5px] border-success p-4">
      <h2 className="mb-2 text-xl font-bold">{title}</h2>
      <p className="mb-2 font-bold">Demo only: in production this link is emailed to the user and never shown.</p>
      <p className="mb-2">
        <a href={link} className="break-all text-link underline" data-testid="activation-link">
          {link}
        </a>
      </p>
      <CopyButton value={link} label="Copy activation link" />
      <p className="mt-2 text-secondary">
        It works once, for 72 hours. Open it signed out (for example in a private window) to set the password.
      </p>
    </div>
  );
}
