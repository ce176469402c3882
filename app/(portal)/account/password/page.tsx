import type { Metadata } from "next";
import { PageHeading } from "@/components/page-heading";
import { requirePage } from "@/lib/auth/guards";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "Change your password" };
export const dynamic = "force-dynamic";

export default async function ChangePasswordPage() {
  const user = await requirePage("changePassword");
  return (
    <div className="max-w-xl">
      <PageHeading>Change your password</PageHeading>
      {user.mustChangePassword && (
        <p className="mb-6">You signed in with a one-time password. Choose your own password to continue.</p>
      )}
      <ChangePasswordForm minLength={MIN_PASSWORD_LENGTH} />
    </div>
  );
}
