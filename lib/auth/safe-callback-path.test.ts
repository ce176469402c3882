import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback-path";

describe("safeCallbackPath", () => {
  it("keeps same-site paths, normalised", () => {
    expect(safeCallbackPath("/admin/users?x=1")).toBe("/admin/users?x=1");
    expect(safeCallbackPath("/claims/ABC1234#payments")).toBe("/claims/ABC1234#payments");
    expect(safeCallbackPath("/claims/../runs")).toBe("/runs");
    expect(safeCallbackPath("/claims?q=é")).toBe("/claims?q=%C3%A9");
  });

  it.each([
    "https://evil.test/",
    "//evil.test",
    "/\\evil.test",
    "/\\/evil.test",
    "\\\\evil.test",
    "/\t/evil.example",
    "/%09/evil.example",
    "/\n/evil.example",
    "/\r\n/evil.example",
    "/ /evil.example",
    "/%2F/evil.example",
    "/%5C/evil.example",
    "/\u3002/evil.example",
    "//evil\u3002example",
    "/\u2215\u2215evil.example",
    "javascript:alert(1)",
    "",
    undefined,
    null,
    "/login",
    "/login?callbackUrl=https://evil.test",
    "/api/auth/signout",
  ])("never leaves the site for %j", (value) => {
    const path = safeCallbackPath(value);
    const resolved = new URL(path, "https://portal.example");
    expect(resolved.origin).toBe("https://portal.example");
    expect(path.startsWith("/")).toBe(true);
    expect(path).not.toMatch(/^\/[\\/]/);
    expect(path).not.toMatch(/[\t\n\r]/);
  });

  it("sends the sign-in machinery and anything off-site home", () => {
    for (const value of ["/login", "/api/auth/signout", "https://evil.test/", "/\t/evil.example"]) {
      expect(safeCallbackPath(value)).toBe("/");
    }
  });
});
