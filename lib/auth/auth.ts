import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { prisma } from "@/lib/db";
import { log, type LogEntry } from "@/lib/log";
import { authDebugEntry, authErrorEntry, authWarnEntry } from "@/lib/log/auth-log-entry";
import { authConfig } from "./auth.config";
import { verifyCredentials } from "./verify-credentials";

export class LockedSignIn extends CredentialsSignin {
  code = "locked";
}

// next-auth's own logging goes through pino as single JSON lines: a refused sign-in is one
// `info` line ("sign-in refused"), other auth errors `error` lines (lib/log/auth-log-entry.ts).
const write = (entry: LogEntry) => log[entry.level](entry.fields, entry.msg);

const credentialsSchema = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) });

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  logger: {
    error: (error) => write(authErrorEntry(error)),
    warn: (code) => write(authWarnEntry(code)),
    debug: (message, metadata) => write(authDebugEntry(message, metadata)),
  },
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
