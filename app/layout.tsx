import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import { AppHeader } from "@/components/app-header";
import { SkipLink } from "@/components/skip-link";
import { Container } from "@/components/container";
import { IdleWarning } from "@/components/idle-warning";
import { navigationFor } from "@/lib/auth/access";
import { getCurrentUser } from "@/lib/auth/current-user";
import { roleLabels } from "@/lib/auth/roles";
import { IDLE_WARNING_MINUTES } from "@/lib/auth/sessions/session-rules";
import { config } from "@/lib/config";
import { isDemoMode } from "@/lib/config/is-demo";
import { CurrentNav } from "./current-nav";
import { signOutAction } from "./sign-out-action";
import { SignOutButton } from "./sign-out-button";

export const metadata: Metadata = {
  title: { default: "Disburse", template: "%s – Disburse" },
  robots: { index: false, follow: false },
};

export const dynamic = "force-dynamic";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  return (
    <html lang="en-GB">
      <body className="flex min-h-screen flex-col bg-white text-ink">
        <SkipLink />
        <AppHeader
          serviceName="Disburse"
          isDemo={isDemoMode()}
          user={user ? { name: user.name, email: user.email, roleLabel: roleLabels[user.role] } : undefined}
          signOut={user ? <SignOutButton /> : undefined}
        />
        {user && !user.mustChangePassword && <CurrentNav items={navigationFor(user.role)} />}
        {user && (
          <IdleWarning
            idleMinutes={config().sessionIdleMinutes}
            warningMinutes={IDLE_WARNING_MINUTES}
            signOutAction={signOutAction}
          />
        )}
        <Container className="flex-1 py-8">
          <main id="main-content" tabIndex={-1} className="focus:outline-none">
            {children}
          </main>
        </Container>
      </body>
    </html>
  );
}
