import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PageHeading } from "@/components/page-heading";
import { getCurrentUser } from "@/lib/auth/current-user";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { prisma } from "@/lib/db";
import { ACTIVATION_LINK_UNUSABLE, loadActivation } from "@/lib/users/activation/activate-account";
import { ActivateForm } from "./activate-form";

export const metadata: Metadata = { title: "Set your password" };
export const dynamic = "force-dynamic";

// Public, like /login (proxy.ts lets /activate/… through signed out): the link in the user's
// email. Someone signed in is sent home, as /login does.
export default async function ActivatePage({ params }: { params: Promise<{ token: string }> }) {
  if (await getCurrentUser()) redirect("/");
  const { token } = await params;
  const activation = await loadActivation(prisma, token, new Date());
  if (!activation) {
    return (
      <div className="max-w-xl">
        <PageHeading>This link cannot be used</PageHeading>
        <p className="mb-6">{ACTIVATION_LINK_UNUSABLE}</p>
        <p>
          <Link href="/login" className="text-link underline">
            Go to sign in
          </Link>
        </p>
      </div>
    );
  }
  return (
    <div className="max-w-xl">
      <PageHeading caption={activation.email}>
        {activation.purpose === "NEW_ACCOUNT" ? "Set up your account" : "Choose a new password"}
      </PageHeading>
      <p className="mb-6">
        Choose the password you will sign in with. This link works once; nobody else, administrators included, ever sees your
        password.
      </p>
      <ActivateForm token={token} email={activation.email} minLength={MIN_PASSWORD_LENGTH} />
    </div>
  );
}
