// The Payout run end to end against a real OpenSSH sshd (tests/support/sshd.ts) with the real SFTP
// deliverer: the run's file lands in the server's folder byte for byte and only then are its
// payments SENT; a server that is down, shows another host key, or loses the connection during the
// upload leaves the payments NEW, the run FAILED and the error on the batch, and the next run sends
// the same bytes; a reply lost after the rename is found by the next run, never sent twice.
// Where /usr/sbin/sshd is missing the tests are skipped with a message; CI installs openssh-server.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

import { londonDate } from "@/lib/dates/london-date";
import { payoutFileName } from "@/lib/payout/format-payout-file";
import type { PayoutDeliverer } from "@/lib/payout/transfer/payout-deliverer";
import { sftpDeliverer } from "@/lib/payout/transfer/sftp-deliverer";
import { sha256Hex } from "@/lib/storage/file-store";
import { hasSshd } from "../support/sshd";
import { useSshd } from "../support/use-sshd";
import { useTestDatabase } from "../support/test-db";
import { dayByDay, expectSentOnce, newCashPayments, payout, SETTINGS, usePayoutPlaces } from "./run-payout-test-support";

if (!hasSshd) console.warn("Skipping the Payout run SFTP tests: /usr/sbin/sshd is missing (apt-get install -y openssh-server).");

const { db } = useTestDatabase();
const { store } = usePayoutPlaces();
const sshd = useSshd();

function sftp(port = sshd().port): PayoutDeliverer {
  const server = sshd();
  return sftpDeliverer({
    host: server.host,
    port,
    username: server.username,
    privateKeyPath: server.clientKey.privateKeyPath,
    hostKey: server.hostKeyFingerprint,
    dir: server.uploadDir,
  });
}

const nextNow = dayByDay();
/** Each test runs on a day of its own, so its file is that day's 001. */
function nextDay(): { now: Date; fileName: string } {
  const now = nextNow();
  return {
    now,
    fileName: payoutFileName({ prefix: SETTINGS.prefix, suffix: SETTINGS.suffix, londonDate: londonDate(now), sequence: 1 }),
  };
}
const later = (now: Date, minutes: number) => new Date(now.getTime() + minutes * 60_000);

const onServer = (name: string) => path.join(sshd().uploadDir, name);
const copiesOnServer = (name: string) => readdirSync(sshd().uploadDir).filter((f) => f === name || f.startsWith(`${name}.`));

/** The run's one batch and its stored file. */
async function theBatch(runId: string) {
  const batch = await db().batch.findFirstOrThrow({
    where: { runId },
    include: { files: true, deliveries: { orderBy: { attemptNo: "asc" } } },
  });
  return { batch, file: batch.files[0] };
}

/** The file on the server is the stored one, byte for byte, and the only copy. */
async function expectDeliveredAsStored(runId: string) {
  const { file } = await theBatch(runId);
  const stored = await store.get(file.storageKey);
  const delivered = readFileSync(onServer(file.fileName));
  expect(sha256Hex(delivered)).toBe(file.sha256);
  expect(delivered.equals(stored)).toBe(true);
  expect(copiesOnServer(file.fileName)).toEqual([file.fileName]);
}

async function expectNothingSent(paymentIds: string[], fileName: string) {
  expect(await db().payment.count({ where: { id: { in: paymentIds }, status: "NEW" } })).toBe(paymentIds.length);
  expect(existsSync(onServer(fileName))).toBe(false);
}

describe.skipIf(!hasSshd)("the Payout run delivering by SFTP", () => {
  afterEach(async () => {
    await sshd().restart(); // running, original host key, whatever the test did
  });

  it("delivers the file into the server's folder, then marks the payments SENT", async () => {
    const payments = (await newCashPayments(db(), 3)).map((p) => p.id);
    const { now, fileName } = nextDay();

    const summary = await payout(db(), { store, deliverer: sftp() }, { now });

    expect(summary).toMatchObject({ status: "SUCCEEDED", payments: 3 });
    const { batch, file } = await theBatch(summary.runId!);
    expect(file.fileName).toBe(fileName);
    await expectDeliveredAsStored(summary.runId!);
    await expectSentOnce(db(), payments);
    expect(batch).toMatchObject({ status: "DELIVERED", deliveryError: null });
    expect(batch.deliveries).toMatchObject([
      { attemptNo: 1, outcome: "DELIVERED", target: `sftp://127.0.0.1:${sshd().port}${sshd().uploadDir}` },
    ]);
  });

  it("server down: nothing marked sent, the run FAILED, the batch shows the error; the next run after the server is back sends identical bytes", async () => {
    const payments = (await newCashPayments(db(), 2)).map((p) => p.id);
    const { now, fileName } = nextDay();
    await sshd().stop();

    const failed = await payout(db(), { store, deliverer: sftp() }, { now });

    const unreachable = `The SFTP server at 127.0.0.1:${sshd().port} cannot be reached`;
    expect(failed).toMatchObject({ status: "FAILED", error: expect.stringContaining(unreachable) });
    const { batch, file } = await theBatch(failed.runId!);
    expect(batch).toMatchObject({ status: "STORED", deliveredAt: null, deliveryError: expect.stringContaining(unreachable) });
    expect(batch.deliveries).toMatchObject([{ outcome: "FAILED", error: expect.stringContaining(unreachable) }]);
    await expectNothingSent(payments, fileName);

    await sshd().start();
    const retried = await payout(db(), { store, deliverer: sftp() }, { now: later(now, 1) });

    expect(retried).toMatchObject({ status: "SUCCEEDED", runId: failed.runId, resumed: true, payments: 2 });
    expect((await theBatch(failed.runId!)).file.sha256).toBe(file.sha256);
    await expectDeliveredAsStored(failed.runId!);
    await expectSentOnce(db(), payments);
    expect((await theBatch(failed.runId!)).batch.deliveries.map((d) => d.outcome)).toEqual(["FAILED", "DELIVERED"]);
  });

  it("a changed host key: refused with that message, nothing sent; with the server's own key back, the next run delivers", async () => {
    const payments = (await newCashPayments(db(), 2)).map((p) => p.id);
    const { now, fileName } = nextDay();
    await sshd().restart({ replacementHostKey: true });

    const failed = await payout(db(), { store, deliverer: sftp() }, { now });

    const changed =
      `The SFTP server's host key has changed (expected ${sshd().hostKeyFingerprint}, ` +
      `got ${sshd().replacementHostKeyFingerprint}): delivery refused`;
    expect(failed).toMatchObject({ status: "FAILED", error: expect.stringContaining(changed) });
    expect((await theBatch(failed.runId!)).batch).toMatchObject({
      status: "STORED",
      deliveryError: expect.stringContaining(changed),
    });
    await expectNothingSent(payments, fileName);

    await sshd().restart();
    expect(await payout(db(), { store, deliverer: sftp() }, { now: later(now, 1) })).toMatchObject({
      status: "SUCCEEDED",
      runId: failed.runId,
    });
    await expectDeliveredAsStored(failed.runId!);
    await expectSentOnce(db(), payments);
  });

  it("the connection cut during the upload (sshd's session killed): nothing marked sent; the next run sends identical bytes", async () => {
    const payments = (await newCashPayments(db(), 2)).map((p) => p.id);
    const { now, fileName } = nextDay();
    // The file is a few hundred bytes, one write: to cut "during the upload" for certain, the
    // server's open of the .part is made to block (a FIFO), and the session is killed there.
    const stall = sshd().stallWritesTo(`${fileName}.part`);

    const running = payout(db(), { store, deliverer: sftp() }, { now });
    await stall.stalled;
    expect(await sshd().killSessions()).toBeGreaterThan(0);
    const failed = await running;

    const lost = `The connection to the SFTP server at 127.0.0.1:${sshd().port} was lost during the upload of ${fileName}. Nothing was delivered.`;
    expect(failed).toMatchObject({ status: "FAILED", error: expect.stringContaining(lost) });
    const { batch } = await theBatch(failed.runId!);
    expect(batch).toMatchObject({ status: "STORED", deliveryError: lost });
    expect(batch.deliveries).toMatchObject([{ outcome: "FAILED" }]);
    await expectNothingSent(payments, fileName);

    stall.remove();
    expect(await payout(db(), { store, deliverer: sftp() }, { now: later(now, 1) })).toMatchObject({
      status: "SUCCEEDED",
      runId: failed.runId,
    });
    await expectDeliveredAsStored(failed.runId!);
    await expectSentOnce(db(), payments);
  });

  it("the reply to the rename lost: the attempt is uncertain, and the next run finds the file: SENT once, one copy", async () => {
    const payments = (await newCashPayments(db(), 2)).map((p) => p.id);
    const { now, fileName } = nextDay();
    const relay = await sshd().relay();
    const direct = sftp(relay.port);
    let renamedThenCut: Promise<void> | undefined;
    // The real deliverer through a relay; once the run has recorded the rename, sshd's answers are
    // held back, and the connection is cut as soon as sshd has renamed: the client never hears.
    const losesTheReply: PayoutDeliverer = {
      target: direct.target,
      local: false,
      find: (name) => direct.find(name),
      deliver: (file, beforeRename) =>
        direct.deliver(file, async () => {
          await beforeRename();
          relay.holdReplies();
          renamedThenCut = waitFor(() => existsSync(onServer(fileName))).then(() => relay.cut());
        }),
    };

    const failed = await payout(db(), { store, deliverer: losesTheReply }, { now });
    await renamedThenCut;
    await relay.close();

    expect(failed).toMatchObject({
      status: "FAILED",
      error: expect.stringContaining("whether the file was delivered is not known"),
    });
    expect(await db().payment.count({ where: { id: { in: payments }, status: "NEW" } })).toBe(2);
    expect((await theBatch(failed.runId!)).batch.deliveries.map((d) => d.outcome)).toEqual(["UNCERTAIN"]);

    const next = await payout(db(), { store, deliverer: sftp() }, { now: later(now, 1) });
    expect(next).toMatchObject({ status: "SUCCEEDED", runId: failed.runId });
    expect((await theBatch(failed.runId!)).batch.deliveries.map((d) => d.outcome)).toEqual(["UNCERTAIN", "ALREADY_DELIVERED"]);
    await expectDeliveredAsStored(failed.runId!);
    await expectSentOnce(db(), payments);
  });
});

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!check()) throw new Error("timed out waiting for the rename on the server");
}
