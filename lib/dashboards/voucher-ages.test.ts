import { describe, expect, it } from "vitest";
import { expiringNextDays, voucherAgeBands } from "./voucher-ages";

describe("voucherAgeBands", () => {
  it("puts each age in its band, edges included, every band shown", () => {
    expect(
      voucherAgeBands([
        { ageDays: -1, count: 1 },
        { ageDays: 0, count: 2 },
        { ageDays: 7, count: 3 },
        { ageDays: 8, count: 4 },
        { ageDays: 28, count: 5 },
        { ageDays: 29, count: 6 },
        { ageDays: 400, count: 7 },
      ]),
    ).toEqual([
      { band: "0 to 7 days", count: 6 },
      { band: "8 to 14 days", count: 4 },
      { band: "15 to 21 days", count: 0 },
      { band: "22 to 28 days", count: 5 },
      { band: "29 days or more", count: 13 },
    ]);
  });
});

describe("expiringNextDays", () => {
  it("today and the six days after, zeros filled, later days left out", () => {
    expect(
      expiringNextDays(
        [
          { expiresOn: "2026-11-28", count: 2 },
          { expiresOn: "2026-12-01", count: 5 },
          { expiresOn: "2026-12-05", count: 9 },
        ],
        "2026-11-28",
      ),
    ).toEqual([
      { day: "2026-11-28", count: 2 },
      { day: "2026-11-29", count: 0 },
      { day: "2026-11-30", count: 0 },
      { day: "2026-12-01", count: 5 },
      { day: "2026-12-02", count: 0 },
      { day: "2026-12-03", count: 0 },
      { day: "2026-12-04", count: 0 },
    ]);
  });
});
