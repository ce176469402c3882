import { describe, expect, it } from "vitest";
import { requestErrorEntry } from "./request-error-entry";

const appRender = { routerKind: "App Router", routePath: "/claims/[id]", routeType: "render" } as const;

describe("requestErrorEntry", () => {
  it("logs a request error as one error line with the request, the route and the error", () => {
    const error = Object.assign(new Error("relation does not exist"), { digest: "1234567890" });
    const entry = requestErrorEntry(
      error,
      { path: "/claims/abc?tab=payments", method: "GET", headers: { cookie: "authjs.session-token=secret" } },
      { ...appRender, renderSource: "react-server-components" },
    );
    expect(entry).toEqual({
      level: "error",
      msg: "request failed",
      fields: {
        component: "next",
        path: "/claims/abc",
        method: "GET",
        routerKind: "App Router",
        routePath: "/claims/[id]",
        routeType: "render",
        renderSource: "react-server-components",
        error: { name: "Error", message: "relation does not exist", digest: "1234567890", stack: expect.any(String) },
      },
    });
    expect(JSON.stringify(entry)).not.toContain("session-token");
  });

  it("copes with a thrown value that is not an Error", () => {
    const entry = requestErrorEntry("plain text", { path: "/api/x", method: "POST" }, { ...appRender, routeType: "route" });
    expect(entry.fields.error).toEqual({ name: "string", message: "plain text" });
  });
});
