// Alerts for support: one per event however often it is raised, one email per support address
// through the ordinary outbox, written in the caller's transaction; listed for /runs while open.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { listOpenAlerts } from "@/lib/notify/list-alerts";
import { raiseAlert } from "@/lib/notify/raise-alert";
import { alertEmail } from "@/lib/notify/rules/alert-email";
import { useTestDatabase } from "../support/test-db";
import { minutes, T0 } from "./notify-test-data";

const { db } = useTestDatabase();
const addresses = ["support@example.gov.uk", "oncall@example.gov.uk"];

beforeEach(async () => {
  await db().notification.deleteMany();
  await db().alert.deleteMany();
});

describe("raiseAlert", () => {
  it("raises an event once, with one message per support address, however often it is raised", async () => {
    const runId = randomUUID();
    const alert = {
      kind: "run-failed",
      eventKey: `run-failed:${runId}`,
      message: "The Payout run of 30 November 2026 failed: the SFTP server refused the login.",
      runId,
      now: T0,
      addresses,
    };
    expect(await raiseAlert(db(), alert)).toEqual({ raised: true, messages: 2 });
    expect(await raiseAlert(db(), { ...alert, now: minutes(5), message: "Again" })).toEqual({ raised: false, messages: 0 });

    expect(await db().alert.findMany()).toEqual([
      expect.objectContaining({
        kind: "run-failed",
        eventKey: alert.eventKey,
        message: alert.message,
        runId,
        batchId: null,
        createdAt: T0,
      }),
    ]);
    const messages = await db().notification.findMany({ orderBy: { recipient: "asc" } });
    expect(messages.map((m) => [m.recipient, m.dedupeKey])).toEqual([
      ["oncall@example.gov.uk", `${alert.eventKey}:oncall@example.gov.uk`],
      ["support@example.gov.uk", `${alert.eventKey}:support@example.gov.uk`],
    ]);
    for (const m of messages) {
      expect(m).toMatchObject({
        claimantId: null,
        claimId: null,
        channel: "EMAIL",
        template: "support-alert",
        status: "QUEUED",
        createdAt: T0,
      });
      expect(m.personalisation).toEqual(alertEmail("run-failed", alert.message));
    }
  });

  it("writes in the caller's transaction: rolled back, nothing was raised", async () => {
    await expect(
      db().$transaction(async (tx) => {
        await raiseAlert(tx, { kind: "run-failed", eventKey: "run-failed:rolled-back", message: "x", now: T0, addresses });
        throw new Error("the run's transaction fails");
      }),
    ).rejects.toThrow("the run's transaction fails");
    expect(await db().alert.count()).toBe(0);
    expect(await db().notification.count()).toBe(0);
  });

  it("still records the alert when no support address is configured", async () => {
    expect(
      await raiseAlert(db(), { kind: "disk-full", eventKey: "disk-full:1", message: "Full", now: T0, addresses: [] }),
    ).toEqual({
      raised: true,
      messages: 0,
    });
  });

  it("lists open alerts newest first with their title, leaving out resolved ones", async () => {
    await raiseAlert(db(), { kind: "run-failed", eventKey: "a", message: "First", now: T0, addresses });
    await raiseAlert(db(), { kind: "codes-overdue", eventKey: "b", message: "Second", now: minutes(1), addresses });
    await raiseAlert(db(), { kind: "run-failed", eventKey: "c", message: "Dealt with", now: minutes(2), addresses });
    await db().alert.update({ where: { eventKey: "c" }, data: { resolvedAt: minutes(3) } });
    const { alerts, total } = await listOpenAlerts(db());
    expect(total).toBe(2);
    expect(alerts.map((a) => [a.message, a.title])).toEqual([
      ["Second", "Payout payment codes not uploaded"],
      ["First", "a run failed"],
    ]);
  });
});
