import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback-path";

describe("safeCallbackPath", () => {
  it("keeps same-site paths", () => {
    expect(safeCallbackPath("/admin/users?x=1")).toBe("/admin/users?x=1");
  });
  it.each([
    "https://evil.test/",
    "//evil.test",
    "/\\evil.test",
    "javascript:alert(1)",
    "",
    undefined,
    "/login",
    "/api/auth/signout",
  ])("sends %s home", (value) => {
    expect(safeCallbackPath(value)).toBe("/");
  });
});
