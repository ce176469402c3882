import type { NextAuthConfig } from "next-auth";
import type {} from "next-auth/jwt";
import type { Role } from "./roles";

declare module "next-auth" {
  interface User {
    role?: Role;
    sessionId?: string;
  }
  interface Session {
    user: { id: string; email: string; name: string; role: Role };
    /** The UserSession row this cookie names (lib/auth/sessions). */
    sid?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
    sid?: string;
  }
}

// The cookie's own lifetime; the session row decides whether it still stands (8 hours from sign-in,
// never extended, the idle timeout, sign-out): lib/auth/sessions.
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

// The part of the configuration that needs no database, shared with proxy.ts.
export const authConfig = {
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login" },
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.sid = user.sessionId;
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid && token.role) {
        session.user = { ...session.user, id: token.uid, role: token.role } as typeof session.user;
        session.sid = token.sid;
      }
      return session;
    },
  },
} satisfies NextAuthConfig;
