// journey through the CLI's core: the journey page's own loader and text (lib/journey), found by
// payment reference (any case) or UUID, bank details masked, exit 4 when there is no such payment.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { EXIT } from "@/lib/ops/ops-command";
import { approveClaim } from "../support/approve-claim";
import { makeClaim, VALID_BANK } from "../support/make-claim";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import type { RouteEnv } from "../support/fresh-routes";
import { opsAuditRows, opsEnv, useOps } from "./ops-test-support";

const { db, url } = useTestDatabase();
const key = Buffer.alloc(32, 3);
let env: RouteEnv | undefined;
const ops = useOps(() => (env ??= opsEnv(url(), key)));

let payment: { id: string; reference: string };
let caseworker: { id: string; email: string; name: string };
beforeAll(async () => {
  caseworker = await makeUser(db(), { role: "CASEWORKER", name: "Casey Worker" });
  const { claim } = await makeClaim(db(), key, { lines: [1240, 3000] });
  payment = await approveClaim(db(), key, claim, caseworker);
  const finance = await makeUser(db(), { role: "SSCL_FINANCE" });
  expect((await ops(["run-now", "bank", "--as", finance.email])).code).toBe(EXIT.OK);
});

describe("journey", () => {
  it("prints the payment's journey by reference (any case) or UUID, the same text, bank details masked", async () => {
    const byReference = await ops(["journey", payment.reference.toLowerCase(), "--as", caseworker.email]);
    expect([byReference.code, byReference.err]).toEqual([EXIT.OK, ""]);
    const lines = byReference.out.split("\n");
    expect(lines[0]).toBe(`Payment ${payment.reference} (${payment.id})`);
    expect(byReference.out).toContain("£42.40 by bank transfer");
    expect(byReference.out).toMatch(/Journey \(\d+ steps, UK time\):/);
    expect(byReference.out).toContain("Casey Worker");
    expect(byReference.out).not.toContain(VALID_BANK.accountNumber);
    expect(byReference.out).toMatch(/^  Bank: +[0-9*-]+ \*+\d{1,4}$/m);

    const byId = await ops(["journey", payment.id, "--as", caseworker.email]);
    expect(byId).toEqual(byReference);
    expect((await opsAuditRows(db())).at(-1)).toMatchObject({
      actorId: caseworker.id,
      action: "ops.journey",
      after: { positionals: [payment.id], exitCode: 0 },
    });
  });

  it("--json: the journey's data for scripts", async () => {
    const { code, out } = await ops(["journey", payment.reference, "--as", caseworker.email, "--json"]);
    expect(code).toBe(EXIT.OK);
    const journey = JSON.parse(out);
    expect(journey.payment).toMatchObject({ id: payment.id, reference: payment.reference, amountPence: 4240, status: "SENT" });
    expect(journey.steps.map((s: { kind: string }) => s.kind)).toEqual(expect.arrayContaining(["PAYMENT_CREATED", "IN_RUN"]));
    expect(JSON.stringify(journey)).not.toContain(VALID_BANK.accountNumber);
  });

  it("exit 4 when no payment has that reference or UUID", async () => {
    for (const key of ["ZZZZZZZ-99", randomUUID()]) {
      const { code, out, err } = await ops(["journey", key, "--as", caseworker.email]);
      expect([code, out]).toEqual([EXIT.NOT_FOUND, ""]);
      expect(err).toBe(`There is no payment with the reference or UUID ${key}.`);
    }
  });
});
