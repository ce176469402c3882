import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { config } from "@/lib/config";
import { prisma } from "@/lib/db";
import { poolOf } from "@/lib/db/create-db";
import { authConfig } from "./auth.config";
import { authLogger } from "./auth-logger";
import { clientIp } from "./client-ip";
import { startSession } from "./sessions/session-store";
import { verifyCredentials } from "./verify-credentials";

/** A refusal the sign-in page words on its own; `code` travels to the page through next-auth. */
export class RefusedSignIn extends CredentialsSignin {
  constructor(readonly code: "locked" | "rate-limited" | "expired") {
    super();
  }
}

const credentialsSchema = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) });

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  logger: authLogger,
  providers: [
    Credentials({
      credentials: { email: { label: "Email address" }, password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const now = new Date();
        const ip = clientIp(request.headers.get("x-forwarded-for"), config().trustedProxyHops);
        const result = await verifyCredentials(prisma, parsed.data, now, { pool: poolOf(prisma), ip });
        if (result.ok) {
          const { sessionVersion, ...user } = result.user;
          return { ...user, sessionId: await startSession(prisma, user.id, sessionVersion, now) };
        }
        if (result.reason === "LOCKED") throw new RefusedSignIn("locked");
        if (result.reason === "RATE_LIMITED") throw new RefusedSignIn("rate-limited");
        if (result.reason === "EXPIRED") throw new RefusedSignIn("expired");
        return null;
      },
    }),
  ],
});
