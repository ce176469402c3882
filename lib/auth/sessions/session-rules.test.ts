import { describe, expect, it } from "vitest";
import { sessionEnd, shouldTouch } from "./session-rules";

const signIn = new Date("2026-11-28T09:00:00Z");
const at = (minutes: number) => new Date(signIn.getTime() + minutes * 60_000);
const row = (lastSeen: number, endedAt: Date | null = null) => ({
  createdAt: signIn,
  lastSeenAt: at(lastSeen),
  endedAt,
  version: 3,
});

describe("sessionEnd", () => {
  it("keeps a session in use alive until 8 hours after sign-in, however busy", () => {
    expect(sessionEnd(row(479), 3, at(479.5), 30)).toBeNull();
    expect(sessionEnd(row(479), 3, at(480), 30)).toBe("EXPIRED");
  });

  it("ends a session after the idle timeout with no request", () => {
    expect(sessionEnd(row(10), 3, at(39.9), 30)).toBeNull();
    expect(sessionEnd(row(10), 3, at(40), 30)).toBe("IDLE");
  });

  it("ends a signed-out session, and one signed in under an older version", () => {
    expect(sessionEnd(row(1, at(2)), 3, at(3), 30)).toBe("SIGNED_OUT");
    expect(sessionEnd(row(1), 4, at(2), 30)).toBe("REPLACED");
  });
});

describe("shouldTouch", () => {
  it("writes the last-seen time at most once a minute", () => {
    expect(shouldTouch(row(0), at(0.5))).toBe(false);
    expect(shouldTouch(row(0), at(1))).toBe(true);
  });
});
