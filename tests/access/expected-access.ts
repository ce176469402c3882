// The access rules of domain.md, written out literally (not derived from lib/auth/access.ts), so
// the matrix tests check the code against the specification rather than against itself.
import type { Role } from "@/lib/auth/roles";

export const EVERY_ROLE: Role[] = ["CASEWORKER", "SSCL_FINANCE", "ACCOUNTANT", "PLAN_MANAGER", "ADMIN"];

export type PageExpectation = {
  /** Route pattern as in app/ (route groups dropped). */
  pattern: string;
  /** A concrete URL to request; `{adminUserId}` is filled in by the test. */
  url: string;
  allowed: Role[] | "public";
};

export const expectedPages: PageExpectation[] = [
  { pattern: "/", url: "/", allowed: EVERY_ROLE },
  { pattern: "/login", url: "/login", allowed: "public" },
  { pattern: "/account/password", url: "/account/password", allowed: EVERY_ROLE },
  { pattern: "/admin/users", url: "/admin/users", allowed: ["ADMIN"] },
  { pattern: "/admin/users/[id]", url: "/admin/users/{adminUserId}", allowed: ["ADMIN"] },
];

export type RouteExpectation = {
  pattern: string;
  method: "GET" | "POST";
  url: string;
  /** "public": anyone; "auth": next-auth's own endpoints; roles: 401 signed out, 403 without the role. */
  allowed: Role[] | "public" | "auth";
};

export const expectedRoutes: RouteExpectation[] = [
  { pattern: "/api/health", method: "GET", url: "/api/health", allowed: "public" },
  { pattern: "/api/auth/[...nextauth]", method: "GET", url: "/api/auth/session", allowed: "auth" },
];

export type ActionExpectation = { file: string; name: string; allowed: Role[] | "public" | "self" };

export const expectedActions: ActionExpectation[] = [
  { file: "app/(auth)/login/actions.ts", name: "signInAction", allowed: "public" },
  { file: "app/sign-out-action.ts", name: "signOutAction", allowed: "self" },
  { file: "app/(portal)/account/password/actions.ts", name: "changeOwnPasswordAction", allowed: EVERY_ROLE },
  { file: "app/(portal)/admin/users/actions.ts", name: "createUserAction", allowed: ["ADMIN"] },
  { file: "app/(portal)/admin/users/actions.ts", name: "changeUserRoleAction", allowed: ["ADMIN"] },
  { file: "app/(portal)/admin/users/actions.ts", name: "setUserDisabledAction", allowed: ["ADMIN"] },
  { file: "app/(portal)/admin/users/actions.ts", name: "unlockUserAction", allowed: ["ADMIN"] },
  { file: "app/(portal)/admin/users/actions.ts", name: "resetUserPasswordAction", allowed: ["ADMIN"] },
];
