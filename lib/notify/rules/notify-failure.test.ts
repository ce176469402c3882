import { describe, expect, it } from "vitest";
import { judgeFailure, notifyErrorText } from "./notify-failure";

const body = (message: string, error = "BadRequestError") => ({ status_code: 400, errors: [{ error, message }] });

describe("judgeFailure", () => {
  it("stops at once on a 4xx, keeping Notify's own words", () => {
    expect(
      judgeFailure({ status: 400, body: body("Can't send to this recipient using a team-only API key"), message: "x" }),
    ).toEqual({
      kind: "permanent",
      reason: "Notify refused the message (400): BadRequestError: Can't send to this recipient using a team-only API key",
    });
    expect(judgeFailure({ status: 403, body: body("Invalid token: API key not found", "AuthError"), message: "x" }).kind).toBe(
      "permanent",
    );
  });

  it("tries again on a 5xx, a rate limit and a network failure", () => {
    expect(judgeFailure({ status: 500, body: body("Internal server error", "Exception"), message: "x" })).toEqual({
      kind: "passing",
      reason: "Notify answered 500: Exception: Internal server error",
    });
    expect(judgeFailure({ status: 503, body: "<html>", message: "Request failed with status code 503" })).toEqual({
      kind: "passing",
      reason: "Notify answered 503: Request failed with status code 503",
    });
    expect(judgeFailure({ status: 429, body: body("Exceeded rate limit", "RateLimitError"), message: "x" }).kind).toBe("passing");
    expect(judgeFailure({ networkCode: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:1" })).toEqual({
      kind: "passing",
      reason: "Could not reach Notify (ECONNREFUSED): connect ECONNREFUSED 127.0.0.1:1",
    });
  });

  it("stops on anything that never reached the network (a file too large, say)", () => {
    expect(judgeFailure({ message: "File is larger than 2MB." })).toEqual({
      kind: "permanent",
      reason: "File is larger than 2MB.",
    });
  });

  it("reads several errors and ignores bodies that are not Notify's", () => {
    expect(notifyErrorText({ errors: [{ error: "A", message: "one" }, { message: "two" }, "junk"] })).toBe("A: one; two");
    expect(notifyErrorText({ errors: [] })).toBeNull();
    expect(notifyErrorText("text")).toBeNull();
  });
});
