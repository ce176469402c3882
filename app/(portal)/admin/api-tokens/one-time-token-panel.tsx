import { CopyButton } from "@/components/copy-button";
import { WarningText } from "@/components/warning-text";

/** The new token, shown once: only its hash is stored, so it cannot be shown again. */
export function OneTimeTokenPanel({ name, token }: { name: string; token: string }) {
  return (
    <div role="status" className="mb-6 border-[5px] border-success p-4">
      <h2 className="mb-2 text-xl font-bold">Token &ldquo;{name}&rdquo; created</h2>
      <p className="mb-2">
        Give this token to the team that runs the service. They send it as <code>Authorization: Bearer &lt;token&gt;</code>.
      </p>
      <p className="mb-2 break-all">
        <code className="bg-light-grey px-2 py-1 text-lg font-bold" data-testid="api-token">
          {token}
        </code>
      </p>
      <p className="mb-4">
        <CopyButton value={token} label="Copy API token" />
      </p>
      <WarningText>This token will not be shown again. Copy it now; if it is lost, revoke it and create a new one.</WarningText>
    </div>
  );
}
