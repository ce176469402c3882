import { describe, expect, it } from "vitest";
import { queueAgeBands, queueByAge } from "./queue-ages";

describe("queueAgeBands", () => {
  it("cuts at half the target, the target and twice it", () => {
    expect(queueAgeBands(10).map((b) => [b.label, b.from, b.to, b.pastTarget])).toEqual([
      ["0 to 5 working days", 0, 5, false],
      ["6 to 10 working days", 6, 10, false],
      ["11 to 20 working days, past target", 11, 20, true],
      ["More than 20 working days, past target", 21, Number.POSITIVE_INFINITY, true],
    ]);
    expect(queueAgeBands(1).map((b) => b.label)).toEqual([
      "0 to 1 working day",
      "2 working days, past target",
      "More than 2 working days, past target",
    ]);
  });
});

describe("queueByAge", () => {
  it("ages each received date in working days (weekends and bank holidays left out) against the target", () => {
    // Today Monday 28 December 2026; 25 and 28 December are bank holidays in this calendar.
    const holidays = new Set(["2026-12-25", "2026-12-28"]);
    const result = queueByAge(
      [
        { status: "NEW", receivedOn: "2026-12-28", count: 2 }, // 0
        { status: "NEW", receivedOn: "2026-12-18", count: 1 }, // Fri 18 -> Mon 21..Thu 24 = 4
        { status: "UPDATED", receivedOn: "2026-12-17", count: 3 }, // 5
        { status: "INFORMATION_REQUESTED", receivedOn: "2026-12-16", count: 1 }, // 6
        { status: "AWAITING_SECOND_APPROVAL", receivedOn: "2026-12-01", count: 4 }, // 16
        { status: "NEW", receivedOn: "2026-10-01", count: 5 },
        // Not open: ignored.
        { status: "APPROVED", receivedOn: "2026-12-28", count: 8 },
      ],
      { today: "2026-12-28", holidays, target: 10 },
    );
    expect(result.categories).toEqual([
      "0 to 5 working days",
      "6 to 10 working days",
      "11 to 20 working days, past target",
      "More than 20 working days, past target",
    ]);
    expect(result.series).toEqual(["NEW", "UPDATED", "INFORMATION_REQUESTED", "AWAITING_SECOND_APPROVAL"]);
    expect(result.values).toEqual([
      [3, 3, 0, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 4],
      [5, 0, 0, 0],
    ]);
    expect(result.pastTarget).toBe(9);
  });
});
