import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { safeCallbackPath } from "@/lib/auth/safe-callback-path";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const { callbackUrl } = await searchParams;
  if (await getCurrentUser()) redirect(safeCallbackPath(callbackUrl));
  return (
    <div className="max-w-xl">
      <h1 className="mb-6 text-3xl font-bold sm:text-5xl">Sign in to Disburse</h1>
      <LoginForm callbackUrl={safeCallbackPath(callbackUrl)} />
    </div>
  );
}
