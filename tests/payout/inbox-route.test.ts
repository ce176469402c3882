// GET /api/cron/payout-inbox end to end: the cron bearer secret is checked; without
// PAYOUT_SFTP_INBOX (or without the SFTP server it lives on) it answers 200 "not configured" and
// touches nothing, not even the inbox actor; configured, it fetches from a real OpenSSH sshd
// (tests/support/sshd.ts) with the settings as the deployment gives them.
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PAYOUT_INBOX_EMAIL } from "@/lib/payout/inbox/inbox-actor";
import { callCron, cronRouteEnv, itChecksTheCronSecret } from "../support/cron-route";
import { useFreshRoutes, type RouteEnv } from "../support/fresh-routes";
import { hasSshd } from "../support/sshd";
import { useSshd } from "../support/use-sshd";
import { useTestDatabase } from "../support/test-db";
import { makeVoucherBatch, paymentCodeLine, voucherCode, voucherPence, voucherReference } from "./voucher-upload-support";

if (!hasSshd)
  console.warn("Skipping the Payout inbox route tests: /usr/sbin/sshd is missing (apt-get install -y openssh-server).");

const { db, url } = useTestDatabase();
const sshd = useSshd();
const secret = randomBytes(32).toString("base64url");

const freshRoutes = useFreshRoutes();
const PATH = "/api/cron/payout-inbox";
const loadRoute = (env: RouteEnv) => freshRoutes(env, () => import("@/app/api/cron/payout-inbox/route"));
const call = (GET: (r: Request) => Promise<Response>, authorization?: string) => callCron(GET, PATH, authorization);

/** Nothing the inbox would write: its actor, uploads, audit rows, alerts. */
async function footprint() {
  return {
    inboxUsers: await db().user.count({ where: { email: PAYOUT_INBOX_EMAIL } }),
    uploads: await db().upload.count(),
    audit: await db().auditLog.count(),
    alerts: await db().alert.count(),
  };
}

describe("GET /api/cron/payout-inbox", () => {
  let env: RouteEnv;
  beforeAll(() => {
    env = {
      ...cronRouteEnv({ databaseUrl: url(), key: randomBytes(32), secret }),
      PAYOUT_SFTP_HOST: undefined,
      PAYOUT_SFTP_PORT: undefined,
      PAYOUT_SFTP_USERNAME: undefined,
      PAYOUT_SFTP_PRIVATE_KEY_PATH: undefined,
      PAYOUT_SFTP_PASSWORD: undefined,
      PAYOUT_SFTP_HOST_KEY: undefined,
      PAYOUT_SFTP_INBOX: undefined,
      SUPPORT_ALERT_EMAILS: "support@example.gov.uk",
    };
  });

  itChecksTheCronSecret({
    path: PATH,
    load: loadRoute,
    env: () => env,
    secret,
    nothingDone: async () => expect(await footprint()).toEqual({ inboxUsers: 0, uploads: 0, audit: 0, alerts: 0 }),
  });

  it("without PAYOUT_SFTP_INBOX: 200 not configured, nothing done", async () => {
    const { GET } = await loadRoute(env);
    const response = await call(GET, `Bearer ${secret}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "NOT_CONFIGURED",
      message: "PAYOUT_SFTP_INBOX is not set: no return files are fetched.",
    });
    expect(await footprint()).toEqual({ inboxUsers: 0, uploads: 0, audit: 0, alerts: 0 });
  });

  it("PAYOUT_SFTP_INBOX without the SFTP server: 200 not configured, saying why, nothing done", async () => {
    const { GET } = await loadRoute({ ...env, PAYOUT_SFTP_INBOX: "/returns" });
    const response = await call(GET, `Bearer ${secret}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "NOT_CONFIGURED",
      message: "PAYOUT_SFTP_INBOX is set but PAYOUT_SFTP_HOST is not: the inbox is a folder on the Payout SFTP server.",
    });
    expect(await footprint()).toEqual({ inboxUsers: 0, uploads: 0, audit: 0, alerts: 0 });
  });

  it.skipIf(!hasSshd)("configured: fetches the inbox folder on the SFTP server and imports what it finds", async () => {
    const server = sshd();
    const inbox = path.join(server.uploadDir, "returns");
    mkdirSync(inbox);
    await makeVoucherBatch(db(), { n: 1, tag: "R", deliveredAt: new Date(Date.now() - 86_400_000), expiresOn: "2099-12-31" });
    writeFileSync(
      path.join(inbox, "codes.csv"),
      `${paymentCodeLine(voucherReference("R", 1), voucherPence(1), voucherCode("R", 1))}\n`,
    );
    const { GET } = await loadRoute({
      ...env,
      PAYOUT_SFTP_HOST: server.host,
      PAYOUT_SFTP_PORT: String(server.port),
      PAYOUT_SFTP_USERNAME: server.username,
      PAYOUT_SFTP_PRIVATE_KEY_PATH: server.clientKey.privateKeyPath,
      PAYOUT_SFTP_HOST_KEY: server.hostKeyFingerprint,
      PAYOUT_SFTP_DIR: server.uploadDir,
      PAYOUT_SFTP_INBOX: inbox,
    });

    const response = await call(GET, `Bearer ${secret}`);

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "DONE",
      target: `sftp://127.0.0.1:${server.port}${inbox}`,
      waiting: 0,
      files: [
        {
          fileName: "codes.csv",
          kind: "PAYOUT_PAYMENT_CODES",
          outcome: "APPLIED",
          uploadId: expect.any(String),
          movedTo: "processed/codes.csv",
        },
      ],
    });
    expect(readdirSync(inbox)).toEqual(["processed"]);
    const payment = await db().payment.findFirstOrThrow({ where: { reference: voucherReference("R", 1) } });
    expect(payment.paymentCode).toBe(voucherCode("R", 1));
    const upload = await db().upload.findFirstOrThrow({ where: { fileName: "codes.csv" }, include: { uploadedBy: true } });
    expect(upload.uploadedBy.email).toBe(PAYOUT_INBOX_EMAIL);
  });
});
