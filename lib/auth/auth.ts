import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { authConfig } from "./auth.config";
import { authLogger } from "./auth-logger";
import { verifyCredentials } from "./verify-credentials";

export class LockedSignIn extends CredentialsSignin {
  code = "locked";
}

const credentialsSchema = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) });

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  logger: authLogger,
  providers: [
    Credentials({
      credentials: { email: { label: "Email address" }, password: { label: "Password", type: "password" } },
      async authorize(raw) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const result = await verifyCredentials(prisma, parsed.data, new Date());
        if (result.ok) return result.user;
        if (result.reason === "LOCKED") throw new LockedSignIn();
        return null;
      },
    }),
  ],
});
