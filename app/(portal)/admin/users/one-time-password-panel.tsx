import { CopyButton } from "@/components/copy-button";

export function OneTimePasswordPanel({ password, title }: { password: string; title: string }) {
  return (
    <div role="status" className="mb-6 border-[5px] border-success p-4">
      <h2 className="mb-2 text-xl font-bold">{title}</h2>
      <p className="mb-2">
        One-time password:{" "}
        <code className="bg-light-grey px-2 py-1 text-lg font-bold tracking-wider" data-testid="one-time-password">
          {password}
        </code>
      </p>
      <CopyButton value={password} label="Copy one-time password" />
      <p className="mt-2 text-secondary">It is shown only this once. The user must choose a new password when they sign in.</p>
    </div>
  );
}
