// Every page and route file under app/ must have an expectation in the access table, which the
// browser-level matrix (e2e/access-matrix.spec.ts) then requests as every role.
import { describe, expect, it } from "vitest";
import { pagePatterns, routePatterns } from "./app-files";
import { expectedPages, expectedRoutes } from "./expected-access";

describe("access table covers the app", () => {
  it("has every page", () => {
    expect(pagePatterns()).toEqual(expectedPages.map((p) => p.pattern).sort());
  });
  it("has every route handler", () => {
    expect(routePatterns()).toEqual([...new Set(expectedRoutes.map((r) => r.pattern))].sort());
  });
});
