// The claim side of an applied failed-payments file, set-based: claims back to their caseworkers
// within the claim transition rules, a claim already waiting for new bank details only moved on a
// version, one message per claimant, and a claim the rules refuse failing the whole file.
import { beforeAll, describe, expect, it } from "vitest";
import {
  CLAIM_STATUSES_BACK_FOR_BANK_DETAILS,
  applyPaymentFailures,
} from "@/lib/direct-payments/failed-payments/apply-payment-failures";
import { failedPaymentsUpload } from "@/lib/direct-payments/failed-payments/import-failed-payments";
import { withPgTransaction } from "@/lib/db/pg-transaction";
import { receiveUpload } from "@/lib/uploads/receive-upload";
import { forcePaymentUpdate } from "../support/force-payment-update";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { useTempStore } from "../runs/run-test-support";
import { failedLine, key, makeSentBatch, paymentReference, type SentBatch } from "./upload-test-support";

const { db } = useTestDatabase();
const store = useTempStore();
const NOW = new Date("2026-11-23T09:00:00.000Z");

let actor: { id: string; email: string };
let batch: SentBatch;
const claimRef = (i: number) => paymentReference(batch, i).slice(0, 7);

beforeAll(async () => {
  const user = await makeUser(db(), { role: "SSCL_FINANCE" });
  actor = { id: user.id, email: user.email };
  batch = await makeSentBatch(db(), 5, "A", new Date(NOW.getTime() - 86_400_000));
  // Claim 2 already waits for new bank details; claim 3 was updated; claim 4 belongs to claim 1's claimant.
  await db().claim.update({
    where: { reference: claimRef(2) },
    data: { status: "INFORMATION_REQUESTED", informationRequestKind: "BANK_DETAILS", version: 3 },
  });
  await db().claim.update({ where: { reference: claimRef(3) }, data: { status: "UPDATED" } });
  const first = await db().claim.findUniqueOrThrow({ where: { reference: claimRef(1) } });
  const fourth = await db().claim.update({ where: { reference: claimRef(4) }, data: { claimantId: first.claimantId } });
  await db().payment.updateMany({ where: { claimId: fourth.id }, data: { personId: first.claimantId } });
});

async function failures(lines: number[], reason = "Account closed") {
  const rows = await db().fileLine.findMany({
    where: { batchId: batch.batchId, lineNo: { in: lines } },
    select: { id: true, paymentId: true },
  });
  return rows.map((r) => ({ paymentId: r.paymentId, fileLineId: r.id, failureReason: reason }));
}

describe("applyPaymentFailures", () => {
  it("takes the claim statuses from the claim transition rules", () => {
    expect([...CLAIM_STATUSES_BACK_FOR_BANK_DETAILS].sort()).toEqual(["APPROVED", "NEW", "UPDATED"]);
  });

  it("refuses the whole file when a claim cannot go back for bank details", async () => {
    await db().claim.update({ where: { reference: claimRef(5) }, data: { status: "REJECTED" } });
    const all = await failures([1, 5]);
    await expect(
      withPgTransaction(db(), (tx) =>
        applyPaymentFailures(tx, { failures: all, uploadId: crypto.randomUUID(), actor, now: NOW }),
      ),
    ).rejects.toMatchObject({
      code: "INVALID_STATE",
      message: `Claim ${claimRef(5)} (payment ${paymentReference(batch, 5)}) cannot ask for new bank details: This claim has already been decided`,
    });
    expect(await db().payment.count({ where: { status: "FAILED" } })).toBe(0);
  });

  it("sends claims back, bumps a waiting one, and queues one message per claimant", async () => {
    const uploadId = crypto.randomUUID();
    await withPgTransaction(db(), async (tx) =>
      applyPaymentFailures(tx, { failures: await failures([1, 2, 3, 4]), uploadId, actor, now: NOW }),
    );
    const claims = await db().claim.findMany({
      where: { reference: { in: [1, 2, 3, 4].map(claimRef) } },
      orderBy: { reference: "asc" },
    });
    expect(claims.map((c) => [c.status, c.informationRequestKind, c.version, c.needsAttention])).toEqual([
      ["INFORMATION_REQUESTED", "BANK_DETAILS", 1, true],
      ["INFORMATION_REQUESTED", "BANK_DETAILS", 4, true],
      ["INFORMATION_REQUESTED", "BANK_DETAILS", 1, true],
      ["INFORMATION_REQUESTED", "BANK_DETAILS", 1, true],
    ]);
    // The waiting claim gets no second request on its timeline or in the audit log.
    const requested = await db().claimEvent.findMany({
      where: { kind: "claim.information-requested" },
      select: { claimId: true },
    });
    expect(requested.map((e) => e.claimId).sort()).toEqual([claims[0].id, claims[2].id, claims[3].id].sort());
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "claim.information-requested", entityId: claims[2].id },
    });
    expect(audit).toMatchObject({
      actorId: actor.id,
      before: { status: "UPDATED", version: 0, informationRequestKind: null, assignedToId: null },
      after: { status: "INFORMATION_REQUESTED", version: 1, informationRequestKind: "BANK_DETAILS", uploadId },
    });

    // Claims 1 and 4 share a claimant: one message naming both claims.
    const messages = await db().notification.findMany({ orderBy: { claimId: "asc" }, include: { claim: true } });
    expect(messages).toHaveLength(3);
    const shared = messages.find((m) => m.claim?.reference === claimRef(1))!;
    expect(shared.personalisation).toMatchObject({
      claimReference: `${claimRef(1)}, ${claimRef(4)}`,
      body: expect.stringContaining(
        `Reason given by the bank: Account closed\n\nClaim reference: ${claimRef(1)}, ${claimRef(4)}`,
      ),
    });
    expect(await db().claimEvent.count({ where: { kind: "message.queued" } })).toBe(4);
  });

  it("a payment that changed while the file was checked: CONFLICT, nothing applied, the attempt recorded", async () => {
    const real = failedPaymentsUpload(key);
    const payment = await db().payment.findUniqueOrThrow({ where: { reference: paymentReference(batch, 5) } });
    await db().claim.update({ where: { reference: claimRef(5) }, data: { status: "APPROVED" } });
    const outcome = await receiveUpload({
      db: db(),
      store: store(),
      spec: {
        ...real,
        // Another writer (an admin voiding the batch, say) moves the payment once the rows are checked.
        check: async (tx, file) => {
          await real.check(tx, file);
          await forcePaymentUpdate(db(), { where: { id: payment.id }, data: { status: "NEW", sentAt: null } });
        },
      },
      fileName: "raced.csv",
      bytes: Buffer.from(`${failedLine(batch, 5)}\n`),
      actor,
      now: NOW,
    });
    expect(outcome).toMatchObject({
      status: "REJECTED",
      errors: [
        {
          lineNo: 0,
          message: expect.stringMatching(
            `^Payment ${paymentReference(batch, 5)} \\(now new\\) changed while the file was being checked`,
          ),
        },
      ],
    });
    expect(await db().upload.findUniqueOrThrow({ where: { id: outcome.uploadId } })).toMatchObject({
      status: "REJECTED",
      fileName: "raced.csv",
    });
    expect((await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("NEW");
    expect(await db().claim.findUniqueOrThrow({ where: { reference: claimRef(5) } })).toMatchObject({
      status: "APPROVED",
      version: 0,
    });
  });
});
