// An admin marks an alert dealt with: it leaves the open alerts of /runs, keeping who and when,
// audited once; marking it again, or an alert that does not exist, changes nothing.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { listOpenAlerts } from "@/lib/notify/list-alerts";
import { raiseAlert } from "@/lib/notify/raise-alert";
import { resolveAlert } from "@/lib/notify/resolve-alert";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { minutes, T0 } from "./notify-test-data";

const { db } = useTestDatabase();

describe("resolveAlert", () => {
  it("marks an open alert dealt with by the admin, audited, and takes it off the open list", async () => {
    const admin = await makeUser(db(), { role: "ADMIN" });
    const other = await makeUser(db(), { role: "ADMIN" });
    const runId = randomUUID();
    const raise = (kind: string, eventKey: string, at: Date) =>
      raiseAlert(db(), { kind, eventKey, message: `${kind} happened`, runId, now: at, addresses: ["support@example.gov.uk"] });
    await raise("run-failed", `run-failed:${runId}`, T0);
    await raise("delivery-failed", `delivery-failed:${runId}`, minutes(1));
    const failed = await db().alert.findUniqueOrThrow({ where: { eventKey: `run-failed:${runId}` } });

    const at = minutes(30);
    expect(await resolveAlert({ db: db(), alertId: failed.id, actor: admin, now: at })).toEqual({
      alertId: failed.id,
      title: "a run failed",
    });
    expect(await db().alert.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({
      resolvedAt: at,
      resolvedById: admin.id,
    });
    const open = await listOpenAlerts(db());
    expect(open.total).toBe(1);
    expect(open.alerts.map((a) => a.kind)).toEqual(["delivery-failed"]);
    expect(await db().auditLog.findMany({ where: { entityType: "Alert" } })).toMatchObject([
      {
        action: "alert.resolved",
        entityId: failed.id,
        actorId: admin.id,
        actorLabel: admin.email,
        before: { resolvedAt: null },
        after: { kind: "run-failed", eventKey: `run-failed:${runId}`, resolvedAt: at.toISOString() },
      },
    ]);

    // A second admin a moment later is told who did it; nothing changes.
    await expect(resolveAlert({ db: db(), alertId: failed.id, actor: other, now: minutes(31) })).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: `This alert was already marked dealt with by ${admin.email}.`,
    });
    expect(await db().alert.findUniqueOrThrow({ where: { id: failed.id } })).toMatchObject({
      resolvedAt: at,
      resolvedById: admin.id,
    });
    await expect(resolveAlert({ db: db(), alertId: randomUUID(), actor: admin, now: at })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await db().auditLog.count({ where: { entityType: "Alert" } })).toBe(1);
  });
});
