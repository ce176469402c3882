import { describe, expect, it } from "vitest";
import { STALE_MESSAGE, staleClaimMessage } from "./stale-claim-message";

const now = new Date("2026-07-10T15:00:00Z");
const fiona = { actorId: "u-fiona", actorName: "Fiona MacLeod" };

describe("staleClaimMessage", () => {
  it("names who changed the claim, when (UK time) and what", () => {
    const latest = { ...fiona, at: new Date("2026-07-10T13:02:00Z"), summary: "Approved" };
    expect(staleClaimMessage({ latest, viewerId: "u-other", now })).toBe(
      "Fiona MacLeod changed this claim at 14:02: Approved. Reload the page to see the change, then try again.",
    );
  });

  it("says so when the change was the viewer's own, in another tab", () => {
    const latest = { ...fiona, at: new Date("2026-07-10T13:02:00Z"), summary: "Requested: more information" };
    expect(staleClaimMessage({ latest, viewerId: "u-fiona", now })).toBe(
      "You changed this claim in another tab at 14:02: Requested: more information. Reload the page to see the change, then try again.",
    );
  });

  it("gives the date for a change on an earlier day", () => {
    const latest = { ...fiona, at: new Date("2026-07-09T08:30:00Z"), summary: "Assigned to Fiona MacLeod" };
    expect(staleClaimMessage({ latest, viewerId: "u-other", now })).toBe(
      "Fiona MacLeod changed this claim on 9 July 2026 at 09:30: Assigned to Fiona MacLeod. Reload the page to see the change, then try again.",
    );
  });

  it("does not name a person for a change nobody made (the online service)", () => {
    const latest = { actorId: null, actorName: null, at: new Date("2026-07-10T14:45:00Z"), summary: "Response received." };
    expect(staleClaimMessage({ latest, viewerId: "u-fiona", now })).toBe(
      "This claim was changed at 15:45: Response received. Reload the page to see the change, then try again.",
    );
  });

  it("falls back to a message naming nobody when the timeline is empty", () => {
    expect(staleClaimMessage({ latest: null, viewerId: "u-fiona", now })).toBe(STALE_MESSAGE);
    expect(STALE_MESSAGE).not.toMatch(/someone else/i);
  });
});
