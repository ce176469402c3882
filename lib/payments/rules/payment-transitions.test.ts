import { describe, expect, it } from "vitest";
import {
  PAYMENT_TRANSITIONS,
  RECONCILIATION_TRANSITIONS,
  SETTLE_VOUCHER_TRANSITIONS,
  checkMove,
  moveSummary,
  type TransitionName,
} from "./payment-transitions";

const names = Object.keys(PAYMENT_TRANSITIONS) as TransitionName[];

describe("the payment transition table", () => {
  it("moves a payment only along these edges (docs/domain.md#what-moves-a-payment)", () => {
    const edges = names.flatMap((name) =>
      PAYMENT_TRANSITIONS[name].from.map((from) => `${from} -> ${PAYMENT_TRANSITIONS[name].to} (${name})`),
    );
    expect(edges.sort()).toEqual([
      "CANCELLED -> CARRIED_OVER (carry-over)",
      "CANCELLED -> CASHED (settle-voucher-cashed)",
      "CANCELLED -> EXPIRED (settle-voucher-expired)",
      "CASHED -> CANCELLED (settle-voucher-cancelled)",
      "CASHED -> EXPIRED (settle-voucher-expired)",
      "DRAFT -> CANCELLED (rebuild)",
      "DRAFT -> DRAFT (rebuild-draft)",
      "DRAFT -> NEW (release-payroll)",
      "DRAFT -> SUSPENDED (rebuild-suspend)",
      "EXPIRED -> CANCELLED (settle-voucher-cancelled)",
      "EXPIRED -> CARRIED_OVER (carry-over)",
      "EXPIRED -> CASHED (settle-voucher-cashed)",
      "FAILED -> CARRIED_OVER (carry-over)",
      "NEW -> CANCELLED (cancel)",
      "NEW -> NEW (hold)",
      "NEW -> NEW (release)",
      "NEW -> SENT (send)",
      "PAID -> FAILED (fail)",
      "SENT -> CANCELLED (voucher-cancel)",
      "SENT -> CASHED (cash)",
      "SENT -> EXPIRED (expire)",
      "SENT -> FAILED (fail)",
      "SENT -> NEW (unsend)",
      "SENT -> PAID (pay)",
      "SUSPENDED -> CANCELLED (rebuild)",
      "SUSPENDED -> CANCELLED (reject-suspended)",
      "SUSPENDED -> DRAFT (approve-suspended)",
      "SUSPENDED -> DRAFT (rebuild-draft)",
      "SUSPENDED -> SUSPENDED (rebuild-suspend)",
    ]);
  });

  it("never leaves a final status, except an admin settling a voucher with the Post Office's status, with a reason", () => {
    for (const name of names) {
      const t = PAYMENT_TRANSITIONS[name];
      const leavesFinal = t.from.some((from) => ["CANCELLED", "FAILED", "CASHED", "EXPIRED", "CARRIED_OVER"].includes(from));
      if (name === "carry-over") continue; // below
      if (!name.startsWith("settle-voucher-")) {
        expect(leavesFinal, name).toBe(false);
        continue;
      }
      expect(t.movers).toEqual(["ADMIN"]);
      expect(t.needs).toContain("reason");
      // From any other final cash status, to its own; FAILED (a bank payment's) is never settled.
      expect([...t.from, t.to].sort()).toEqual(["CANCELLED", "CASHED", "EXPIRED"]);
    }
    for (const [status, name] of Object.entries(SETTLE_VOUCHER_TRANSITIONS)) expect(PAYMENT_TRANSITIONS[name].to).toBe(status);
  });

  it("carries an unpaid payment over only from FAILED, EXPIRED or CANCELLED, by the system, into CARRIED_OVER, which is final", () => {
    const t = PAYMENT_TRANSITIONS["carry-over"];
    expect([[...t.from].sort(), t.to, t.movers]).toEqual([["CANCELLED", "EXPIRED", "FAILED"], "CARRIED_OVER", ["SYSTEM"]]);
    expect(names.filter((n) => (PAYMENT_TRANSITIONS[n].from as readonly string[]).includes("CARRIED_OVER"))).toEqual([]);
  });

  it("keeps DRAFT and SUSPENDED cycle payments in accountants' hands, and lets only a cycle's approval make them NEW", () => {
    for (const name of names) {
      const t = PAYMENT_TRANSITIONS[name];
      if (t.from.some((f) => f === "DRAFT" || f === "SUSPENDED")) expect(t.movers, name).toEqual(["ACCOUNTANT"]);
      if (t.to === "DRAFT" || t.to === "SUSPENDED")
        expect(
          t.from.every((f) => f === "DRAFT" || f === "SUSPENDED"),
          name,
        ).toBe(true);
    }
    expect(
      names.filter((n) => PAYMENT_TRANSITIONS[n].to === "NEW" && PAYMENT_TRANSITIONS[n].from.some((f) => f === "DRAFT")),
    ).toEqual(["release-payroll"]);
    expect(checkMove("approve-suspended", "SUSPENDED", "CASEWORKER")).toMatchObject({ ok: false });
    expect(checkMove("release-payroll", "SUSPENDED", "ACCOUNTANT")).toEqual({
      ok: false,
      message: "A suspended payment cannot be moved to new (release-payroll)",
    });
  });

  it("takes the Post Office's reconciliation statuses from SENT only, by the system or the caseworker who uploads the report", () => {
    for (const [status, name] of Object.entries(RECONCILIATION_TRANSITIONS)) {
      const t = PAYMENT_TRANSITIONS[name];
      expect([t.from, t.to, t.movers]).toEqual([["SENT"], status, ["SYSTEM", "CASEWORKER"]]);
      expect([...t.needs].sort()).toEqual(["date", "upload"]);
      expect(t.sets).toContain("postOfficeStatusDate=date");
    }
    // A voucher the Post Office cancelled says so; a caseworker's cancellation gives its own reason.
    expect(PAYMENT_TRANSITIONS["voucher-cancel"].sets).toContain("cancelReason=post-office");
    expect(PAYMENT_TRANSITIONS.cancel.sets).toContain("cancelReason=reason");
  });

  it("names one audit action per transition, and every move that takes a reason says so in its needs", () => {
    expect(new Set(names.map((n) => PAYMENT_TRANSITIONS[n].action)).size).toBe(names.length);
    for (const name of names) {
      const t = PAYMENT_TRANSITIONS[name];
      const usesReason = t.sets.some((c) => c.endsWith("=reason")) || /\{reason\}/.test(t.summary);
      if (usesReason && name !== "hold") expect(t.needs).toContain("reason");
    }
  });
});

describe("checkMove", () => {
  it("lets the system send a NEW payment and refuses a caseworker", () => {
    expect(checkMove("send", "NEW", "SYSTEM")).toMatchObject({ ok: true });
    expect(checkMove("send", "NEW", "CASEWORKER")).toEqual({
      ok: false,
      message: "A user with the caseworker role may not send a payment",
    });
  });

  it("refuses a move from a status the transition does not start at", () => {
    expect(checkMove("cancel", "SENT", "CASEWORKER")).toEqual({
      ok: false,
      message: "A sent payment cannot be moved to cancelled (cancel)",
    });
    expect(checkMove("fail", "PAID", "SSCL_FINANCE")).toMatchObject({ ok: true });
  });
});

describe("moveSummary (the words movePayments writes on the timeline)", () => {
  it("fills in the reference, reason and detail", () => {
    expect(moveSummary(PAYMENT_TRANSITIONS.cancel, { from: "NEW", reference: "7KQ2M9X-01", reason: "Duplicate claim" })).toBe(
      "Payment 7KQ2M9X-01 cancelled: Duplicate claim",
    );
    expect(
      moveSummary(PAYMENT_TRANSITIONS.hold, { from: "NEW", reference: "7KQ2M9X-01", detail: "Bad bank details (modulus)" }),
    ).toBe("Payment 7KQ2M9X-01 on hold: Bad bank details (modulus)");
  });

  it("calls a failure after PAID a late failure", () => {
    expect(moveSummary(PAYMENT_TRANSITIONS.fail, { from: "SENT", reference: "ABC1234-01", reason: "Account closed" })).toBe(
      "Payment ABC1234-01 failed: Account closed",
    );
    expect(moveSummary(PAYMENT_TRANSITIONS.fail, { from: "PAID", reference: "ABC1234-01", reason: "Account closed" })).toBe(
      "Payment ABC1234-01 failed after it was shown as paid (late failure): Account closed",
    );
  });
});

describe("the Payout voucher moves' words", () => {
  it("date each Post Office status in words", () => {
    const move = (name: TransitionName, from: "SENT" | "CASHED" | "EXPIRED", reason?: string) =>
      moveSummary(PAYMENT_TRANSITIONS[name], { from, reference: "7KQ2M9X-01", date: "2026-11-02", reason });
    expect(move("cash", "SENT")).toBe("Payment 7KQ2M9X-01 cashed at the Post Office on 2 November 2026");
    expect(move("expire", "SENT")).toBe("Payment 7KQ2M9X-01: the voucher expired uncashed on 2 November 2026");
    expect(move("voucher-cancel", "SENT")).toBe("Payment 7KQ2M9X-01: the Post Office cancelled the voucher on 2 November 2026");
    expect(move("settle-voucher-expired", "CASHED", "Post Office confirmed by phone")).toBe(
      "Payment 7KQ2M9X-01: the Post Office's status accepted, expired uncashed on 2 November 2026 (Post Office confirmed by phone)",
    );
  });

  it("lets a caseworker upload the report but only an admin settle a conflict", () => {
    expect(checkMove("cash", "SENT", "CASEWORKER")).toMatchObject({ ok: true });
    expect(checkMove("cash", "SENT", "SSCL_FINANCE")).toMatchObject({ ok: false });
    expect(checkMove("settle-voucher-cashed", "EXPIRED", "CASEWORKER")).toMatchObject({ ok: false });
    expect(checkMove("settle-voucher-cashed", "EXPIRED", "ADMIN")).toMatchObject({ ok: true });
    expect(checkMove("settle-voucher-cashed", "CASHED", "ADMIN")).toEqual({
      ok: false,
      message: "A cashed payment cannot be moved to cashed (settle-voucher-cashed)",
    });
  });
});
