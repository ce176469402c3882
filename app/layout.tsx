import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";
import { AppFooter } from "@/components/app-footer";
import { AppHeader } from "@/components/app-header";
import { SkipLink } from "@/components/skip-link";
import { Container } from "@/components/container";
import { IdleWarning } from "@/components/idle-warning";
import { PaymentSearchBox } from "@/components/payment-search-box";
import { PageMessagesProvider, PageMessagesSlot } from "@/components/page-messages";
import { mayUse, navigationFor, pageRuleForPath, pages } from "@/lib/auth/access";
import { getCurrentUser } from "@/lib/auth/current-user";
import { roleLabels } from "@/lib/auth/roles";
import { IDLE_WARNING_MINUTES } from "@/lib/auth/sessions/session-rules";
import { config } from "@/lib/config";
import { isDemoMode } from "@/lib/config/is-demo";
import { requestPath } from "@/lib/navigation/request-path";
import { FORBIDDEN_TITLE } from "./forbidden-title";
import { CurrentNav } from "./current-nav";
import { signOutAction } from "./sign-out-action";
import { SignOutButton } from "./sign-out-button";

const TITLE_TEMPLATE = "%s – Disburse";

/**
 * A page refused with 403 would keep its own title (Next.js takes metadata from the page, not
 * from forbidden.tsx, when the page itself refuses). So the layout works out the refusal too and
 * gives a template without "%s": every title below it becomes the 403 page's.
 */
export async function generateMetadata(): Promise<Metadata> {
  const user = await getCurrentUser();
  const rule = pageRuleForPath(await requestPath());
  const refused = !!user && !!rule && !user.mustChangePassword && !mayUse(rule.roles, user.role);
  const template = refused ? TITLE_TEMPLATE.replace("%s", FORBIDDEN_TITLE) : TITLE_TEMPLATE;
  return { title: { default: "Disburse", template }, robots: { index: false, follow: false } };
}

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
          user={
            user
              ? {
                  name: user.name,
                  email: user.email,
                  roleLabel: roleLabels[user.role],
                  accountHref: user.mustChangePassword ? undefined : pages.account.pattern,
                }
              : undefined
          }
          signOut={user ? <SignOutButton /> : undefined}
          search={user && !user.mustChangePassword ? <PaymentSearchBox /> : undefined}
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
            {/* The outcome of the last action goes above the page's heading (components/page-messages.tsx). */}
            <PageMessagesProvider>
              <PageMessagesSlot />
              {children}
            </PageMessagesProvider>
          </main>
        </Container>
        <AppFooter support={{ email: config().supportEmail, phone: config().supportPhone }} />
      </body>
    </html>
  );
}
