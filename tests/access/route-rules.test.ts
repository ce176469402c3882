// Every staff route handler takes its roles from the access table, by a key that exists there, and
// the roles there are the ones the specification lists (tests/access/expected-access.ts): a new
// route cannot slip in with roles of its own, nor an access rule outlive its route.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { routes } from "@/lib/auth/access";
import { expectedRoutes } from "./expected-access";

const root = path.resolve(import.meta.dirname, "../..");

function routeFile(pattern: string): string {
  return readFileSync(path.join(root, "app", ...pattern.split("/").filter(Boolean), "route.ts"), "utf8");
}

const staffRoutes = expectedRoutes.filter((r) => Array.isArray(r.allowed));

describe("staff routes and the access table", () => {
  it.each(staffRoutes.map((r) => [r.pattern, r] as const))("%s takes its roles from access.ts", (_pattern, expectation) => {
    const keys = [...routeFile(expectation.pattern).matchAll(/\broutes\.(\w+)/g)].map((m) => m[1]);
    expect(keys).toHaveLength(1);
    const key = keys[0] as keyof typeof routes;
    expect(Object.keys(routes)).toContain(key);
    expect([...routes[key]].sort()).toEqual([...(expectation.allowed as string[])].sort());
  });

  it("has no access rule without a staff route", () => {
    const used = new Set(staffRoutes.flatMap((r) => [...routeFile(r.pattern).matchAll(/\broutes\.(\w+)/g)].map((m) => m[1])));
    expect(Object.keys(routes).sort()).toEqual([...used].sort());
  });
});
