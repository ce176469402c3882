import { describe, expect, it } from "vitest";
import { NEEDS_ATTENTION, statusColour, statusLabel, statusOptions } from "@/components/status";

describe("status tags", () => {
  it("tells a new claim from a payment waiting for its run, by word and colour", () => {
    expect([statusLabel("NEW", "claim"), statusColour("NEW", "claim")]).toEqual(["New", "blue"]);
    expect([statusLabel("NEW", "payment"), statusColour("NEW", "payment")]).toEqual(["Waiting for run", "lightBlue"]);
  });

  it("gives Needs attention, a rejected claim and a failed payment three different words and colours", () => {
    const tags = [
      [NEEDS_ATTENTION.label, NEEDS_ATTENTION.colour],
      [statusLabel("REJECTED", "claim"), statusColour("REJECTED", "claim")],
      [statusLabel("FAILED", "payment"), statusColour("FAILED", "payment")],
    ];
    expect(tags).toEqual([
      ["Needs attention", "orange"],
      ["Rejected", "pink"],
      ["Failed", "red"],
    ]);
  });

  it("never uses one colour for two claim statuses", () => {
    const colours = statusOptions("claim").map((o) => statusColour(o.value, "claim"));
    expect(new Set(colours).size).toBe(colours.length);
    expect(colours).not.toContain(NEEDS_ATTENTION.colour);
  });

  it("makes an unknown value readable", () => {
    expect(statusLabel("SOMETHING_ELSE")).toBe("Something else");
    expect(statusColour("SOMETHING_ELSE")).toBe("grey");
  });
});
