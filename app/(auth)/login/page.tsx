import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { NotificationBanner } from "@/components/notification-banner";
import { getCurrentUser } from "@/lib/auth/current-user";
import { safeCallbackPath } from "@/lib/auth/safe-callback-path";
import { sessionEndMessage, type SessionEnd } from "@/lib/auth/sessions/session-rules";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; ended?: string }> }) {
  const { callbackUrl, ended } = await searchParams;
  if (await getCurrentUser()) redirect(safeCallbackPath(callbackUrl));
  const why = sessionEndMessage(ended as SessionEnd | undefined);
  return (
    <div className="max-w-xl">
      {why && (
        <NotificationBanner title="You have been signed out">
          <p>{why}</p>
        </NotificationBanner>
      )}
      <h1 className="mb-6 text-3xl font-bold sm:text-5xl">Sign in to Disburse</h1>
      <LoginForm callbackUrl={safeCallbackPath(callbackUrl)} />
    </div>
  );
}
