import { describe, expect, it } from "vitest";
import { PAYMENT_TRANSITIONS, checkMove, moveSummary, type TransitionName } from "./payment-transitions";

const names = Object.keys(PAYMENT_TRANSITIONS) as TransitionName[];

describe("the payment transition table", () => {
  it("moves a payment only along these edges (docs/domain.md#what-moves-a-payment)", () => {
    const edges = names.flatMap((name) =>
      PAYMENT_TRANSITIONS[name].from.map((from) => `${from} -> ${PAYMENT_TRANSITIONS[name].to} (${name})`),
    );
    expect(edges.sort()).toEqual([
      "NEW -> CANCELLED (cancel)",
      "NEW -> NEW (hold)",
      "NEW -> NEW (release)",
      "NEW -> SENT (send)",
      "PAID -> FAILED (fail)",
      "SENT -> FAILED (fail)",
      "SENT -> NEW (unsend)",
      "SENT -> PAID (pay)",
    ]);
  });

  it("never leaves a final status: CANCELLED, FAILED, CASHED and EXPIRED are no transition's starting point", () => {
    for (const name of names) {
      for (const final of ["CANCELLED", "FAILED", "CASHED", "EXPIRED"] as const) {
        expect(PAYMENT_TRANSITIONS[name].from).not.toContain(final);
      }
    }
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
