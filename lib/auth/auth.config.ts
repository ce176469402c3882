import type { NextAuthConfig } from "next-auth";
import type {} from "next-auth/jwt";
import type { Role } from "./roles";

declare module "next-auth" {
  interface User {
    role?: Role;
  }
  interface Session {
    user: { id: string; email: string; name: string; role: Role };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    role?: Role;
  }
}

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
      }
      return token;
    },
    session({ session, token }) {
      if (token.uid && token.role) {
        session.user = { ...session.user, id: token.uid, role: token.role } as typeof session.user;
      }
      return session;
    },
  },
} satisfies NextAuthConfig;
