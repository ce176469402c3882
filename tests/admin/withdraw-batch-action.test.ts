// The admin who asked for a void or return of a downloaded or delivered batch can take it back
// while it waits (security issue 12, leftover): only they, only while pending, audited; the batch
// stays as it is, a second admin can no longer approve it, and a new request may be made. The
// approvals page offers the button to the asker only.
import { randomBytes, randomUUID } from "node:crypto";
import { renderToStaticMarkup } from "react-dom/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Role } from "@/lib/auth/roles";
import { BATCH_ACTION_WITHDRAWN } from "@/lib/batches/batch-actions/batch-action-rules";
import { decideBatchAction } from "@/lib/batches/batch-actions/decide-batch-action";
import { requestBatchAction } from "@/lib/batches/batch-actions/request-batch-action";
import { withdrawBatchAction } from "@/lib/batches/batch-actions/withdraw-batch-action";
import { batchActionCarriers } from "@/lib/payout/batch-action-carriers";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));
vi.mock("@/lib/auth/guards", async () => {
  const { mayUse, pages } = await import("@/lib/auth/access");
  return {
    requirePage: async (page: keyof typeof pages) => {
      if (!signedIn || !mayUse(pages[page].roles, signedIn.role)) throw new Error("forbidden");
      return signedIn;
    },
  };
});
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { db, url } = useTestDatabase();
const NOW = new Date("2026-11-28T10:00:00Z");

const staff = async (role: Role = "ADMIN"): Promise<CurrentUser> => {
  const u = await makeUser(db(), { role, name: `${role} ${randomBytes(2).toString("hex")}` });
  return { id: u.id, email: u.email, name: u.name, role: u.role, mustChangePassword: false };
};

beforeAll(async () => {
  vi.resetModules();
  delete (globalThis as { prisma?: unknown }).prisma;
  Object.assign(process.env, {
    DISBURSE_MODE: "demo",
    DATABASE_URL: url(),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    BANK_DETAILS_KEY: randomBytes(32).toString("base64"),
    BANK_DETAILS_LOOKUP_KEY: randomBytes(32).toString("base64"),
  });
});

/** A stored bank batch (rows written straight in) with a void request waiting for a second admin. */
async function requestedVoid(asker: CurrentUser) {
  const run = await db().run.create({
    data: { kind: "DIRECT_PAYMENTS", status: "SUCCEEDED", startedAt: NOW, triggeredBy: "cron" },
  });
  const batch = await db().batch.create({
    data: { runId: run.id, method: "BANK", status: "STORED", paymentCount: 2, totalPence: 2500n },
  });
  const { requestId } = await db().$transaction((tx) =>
    requestBatchAction(tx, { batchId: batch.id, kind: "VOID", reason: "AccessPay rejected it", actor: asker, now: NOW }),
  );
  return { batch, requestId };
}

const withdraw = (requestId: string, actor: CurrentUser) => withdrawBatchAction({ db: db(), actor, requestId, now: NOW });

async function renderApprovals(as: CurrentUser): Promise<string> {
  signedIn = as;
  const page = (await import("@/app/(portal)/admin/approvals/page")).default as () => Promise<React.ReactElement>;
  return renderToStaticMarkup(await page())
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");
}

describe("withdrawing a batch void or return request", () => {
  it("by its asker: WITHDRAWN and audited, the batch untouched, no longer approvable, and a new request may be made", async () => {
    const asker = await staff();
    const { batch, requestId } = await requestedVoid(asker);
    expect(await withdraw(requestId, asker)).toEqual({ kind: "VOID", batchId: batch.id });

    expect(await db().batchActionRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({
      status: "WITHDRAWN",
      decidedById: asker.id,
      decidedAt: NOW,
    });
    const audit = await db().auditLog.findMany({ where: { entityId: batch.id, action: "batch-action.withdrawn" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: asker.id, entityType: "Batch", after: { requestId, kind: "VOID" } });
    expect(await db().batch.findUniqueOrThrow({ where: { id: batch.id } })).toMatchObject({ status: "STORED" });

    await expect(
      decideBatchAction({
        db: db(),
        actor: await staff(),
        requestId,
        decision: "APPROVE",
        now: NOW,
        carryOut: batchActionCarriers,
      }),
    ).rejects.toMatchObject({ code: "INVALID_STATE", message: BATCH_ACTION_WITHDRAWN });
    await expect(withdraw(requestId, asker)).rejects.toMatchObject({ code: "INVALID_STATE", message: BATCH_ACTION_WITHDRAWN });

    const again = await db().$transaction((tx) =>
      requestBatchAction(tx, { batchId: batch.id, kind: "VOID", reason: "Asked again", actor: asker, now: NOW }),
    );
    expect(again.requestId).not.toBe(requestId);
  });

  it("by anyone else is refused, and nothing changes", async () => {
    const asker = await staff();
    const { batch, requestId } = await requestedVoid(asker);
    await expect(withdraw(requestId, await staff())).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Only the administrator who asked for this can withdraw it.",
    });
    expect(await db().batchActionRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({
      status: "PENDING",
      decidedById: null,
    });
    expect(await db().auditLog.count({ where: { entityId: batch.id, action: "batch-action.withdrawn" } })).toBe(0);
  });

  it("once decided is refused: a rejected request stays rejected", async () => {
    const asker = await staff();
    const { requestId } = await requestedVoid(asker);
    await decideBatchAction({
      db: db(),
      actor: await staff(),
      requestId,
      decision: "REJECT",
      note: "The bank paid it",
      now: NOW,
      carryOut: batchActionCarriers,
    });
    await expect(withdraw(requestId, asker)).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await db().batchActionRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: "REJECTED" });
  });

  it("an unknown request is not found", async () => {
    await expect(withdraw(randomUUID(), await staff())).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("through the action: the asker withdraws; a role other than admin is refused", async () => {
    const asker = await staff();
    const { requestId } = await requestedVoid(asker);
    const { withdrawBatchActionAction } = await import("@/app/(portal)/admin/approvals/actions");
    const form = (id: string) => {
      const data = new FormData();
      data.set("requestId", id);
      return data;
    };
    signedIn = await staff("SSCL_FINANCE");
    expect(await withdrawBatchActionAction(null, form(requestId))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    signedIn = asker;
    expect(await withdrawBatchActionAction(null, form(requestId))).toEqual({
      ok: true,
      message: "Withdrawn: the batch stays as it is.",
    });
    expect(await db().batchActionRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: "WITHDRAWN" });
  });

  it("the approvals page offers 'Withdraw this request' to the asker only", async () => {
    const asker = await staff();
    const { requestId } = await requestedVoid(asker);
    const asAsker = await renderApprovals(asker);
    expect(asAsker).toContain(
      "You asked for this: another administrator must approve or reject it. You can withdraw it meanwhile.",
    );
    expect(asAsker).toContain("Withdraw this request");
    const asSecond = await renderApprovals(await staff());
    expect(asSecond).toContain("Record decision");
    expect(asSecond).not.toContain("Withdraw this request");
    await withdraw(requestId, asker);
  });
});
