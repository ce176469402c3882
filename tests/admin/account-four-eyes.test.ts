// Admins never hold a working credential of another account, and no role takes effect on one
// admin's say (security issue, finding 1). Driven through the real server actions, the database,
// the logger and a stand-in for GOV.UK Notify spoken to by the official client.
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Role } from "@/lib/auth/roles";
import { verifyCredentials } from "@/lib/auth/verify-credentials";
import { ACTIVATION_LINK_UNUSABLE, activateAccount } from "@/lib/users/activation/activate-account";
import { hashActivationToken } from "@/lib/users/activation/activation-token";
import { NO_NOTIFY_KEY_REASON } from "@/lib/users/activation/activation-delivery";
import { FakeNotify } from "../notify/fake-notify";
import { makeUser, TEST_PASSWORD } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { everyStoredText, form } from "./admin-test-support";

const captured = vi.hoisted(() => ({ lines: [] as string[] }));

// The project's logger, as lib/log builds it (same redaction), at its most talkative, into `captured`.
vi.mock("@/lib/log", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/log")>();
  const { Writable } = await import("node:stream");
  const stream = new Writable({
    write(chunk, _enc, done) {
      captured.lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { ...actual, log: actual.createLogger(stream, "trace") };
});

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { db, url } = useTestDatabase();
const notify = new FakeNotify();
const TEMPLATE_ID = "6a8b4f4e-0000-4000-8000-00000000e001";
const AUTH_URL = "http://127.0.0.1:3000";
const LINK = /http:\/\/127\.0\.0\.1:3000\/activate\/([A-Za-z0-9_-]{43})/;

type Mode = "production with Notify" | "production without Notify" | "demo without Notify";

/** The actions as a fresh server process in this mode would load them (config is read once). */
async function serverIn(mode: Mode) {
  vi.resetModules();
  delete (globalThis as { prisma?: unknown }).prisma;
  const env: Record<string, string | undefined> = {
    DISBURSE_MODE: mode.startsWith("demo") ? "demo" : "production",
    DATABASE_URL: url(),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    BANK_DETAILS_KEY: randomBytes(32).toString("base64"),
    BANK_DETAILS_LOOKUP_KEY: randomBytes(32).toString("base64"),
    AUTH_URL,
    NOTIFY_API_KEY: mode === "production with Notify" ? notify.apiKey : undefined,
    NOTIFY_BASE_URL: notify.baseUrl,
    NOTIFY_TEMPLATE_IDS: JSON.stringify({ email: TEMPLATE_ID }),
  };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  return {
    ...(await import("@/app/(portal)/admin/users/actions")),
    ...(await import("@/app/(portal)/admin/approvals/actions")),
    ...(await import("@/app/(auth)/activate/[token]/actions")),
  };
}

const as = (user: { id: string; email: string; name: string; role: Role }): CurrentUser => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  mustChangePassword: false,
});

const admin = async () => as(await makeUser(db(), { role: "ADMIN" }));
const newEmail = () => `new-${randomBytes(4).toString("hex")}@test.disburse.test`;

async function pendingGrantOf(userId: string) {
  return db().roleGrant.findFirstOrThrow({ where: { userId, status: "PENDING" } });
}

/** Every email Notify was asked to send, with the activation token its body carries. */
function emailsSent() {
  return notify.posts().map((r) => {
    const body = r.body as { email_address: string; template_id: string; personalisation: { subject: string; body: string } };
    return { ...body, token: body.personalisation.body.match(LINK)?.[1] };
  });
}

let consoleCalls: unknown[][];
beforeAll(() => notify.start());
afterAll(() => notify.stop());
beforeEach(() => {
  notify.reset();
  captured.lines.length = 0;
  consoleCalls = [];
  for (const method of ["error", "warn", "log", "info", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleCalls.push(args));
  }
});
afterEach(() => {
  vi.restoreAllMocks();
  expect(notify.problems).toEqual([]);
});

describe("the single-admin fraud path, refused at its first step", () => {
  it("an admin who creates an account gets no credential, and the account cannot sign in or be approved by them", async () => {
    const server = await serverIn("production with Notify");
    const maker = await admin();
    signedIn = maker;
    const email = newEmail();
    const created = await server.createUserAction(null, form({ name: "Mallory Stooge", email, role: "CASEWORKER" }));
    expect(created).toMatchObject({ ok: true, data: { email } });
    expect(JSON.stringify(created)).not.toMatch(/activate|password:/i);
    expect(Object.keys((created as { data: object }).data).sort()).toEqual(["email", "userId"]);

    // Nothing was sent and nothing can be used: no link exists until a second admin approves.
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    expect(user).toMatchObject({ awaitingApproval: true, role: "CASEWORKER" });
    expect(await db().userActivation.count({ where: { userId: user.id } })).toBe(0);
    expect(notify.posts()).toEqual([]);
    for (const password of [TEST_PASSWORD, "", "Disburse-demo-1"]) {
      expect(await verifyCredentials(db(), { email, password }, new Date())).toEqual({ ok: false, reason: "INVALID" });
    }

    // The maker can neither approve their own grant nor reset the account into a usable one.
    const grant = await pendingGrantOf(user.id);
    expect(await server.decideRoleGrantAction(null, form({ grantId: grant.id, decision: "APPROVE" }))).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
      message: "You proposed this role change: another administrator must approve or reject it.",
    });
    expect(await server.resetUserPasswordAction(null, form({ userId: user.id }))).toMatchObject({
      ok: false,
      code: "INVALID_STATE",
    });
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ awaitingApproval: true });
    expect((await db().roleGrant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("PENDING");
    expect(await db().userActivation.count({ where: { userId: user.id } })).toBe(0);
    expect(notify.posts()).toEqual([]);
  });

  it("a second admin's approval emails exactly one link to the user; only the user, with it, sets a password", async () => {
    const server = await serverIn("production with Notify");
    const maker = await admin();
    const checker = await admin();
    signedIn = maker;
    const email = newEmail();
    await server.createUserAction(null, form({ name: "Nia Jones", email, role: "ACCOUNTANT" }));
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    const grant = await pendingGrantOf(user.id);

    signedIn = checker;
    const approved = await server.decideRoleGrantAction(null, form({ grantId: grant.id, decision: "APPROVE" }));
    expect(approved).toMatchObject({ ok: true, message: "Approved: Nia Jones has been emailed a link to set their password." });
    const sent = emailsSent();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      email_address: email,
      template_id: TEMPLATE_ID,
      personalisation: { subject: "Set up your Disburse account" },
    });
    const token = sent[0].token!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(approved)).not.toContain(token);

    // Approved, but still no password anyone knows.
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ awaitingApproval: false });
    expect((await verifyCredentials(db(), { email, password: TEST_PASSWORD }, new Date())).ok).toBe(false);

    // Only the token's hash is stored; the link is in no table (the outbox included) and no log.
    const stored = await everyStoredText(url());
    expect(stored).not.toContain(token);
    expect(stored).toContain(hashActivationToken(token));
    expect(await db().notification.count()).toBe(0);

    signedIn = null;
    const mismatch = await server.activateAccountAction(
      null,
      form({ token, newPassword: "Nia-chooses-her-own-1", confirmPassword: "Nia-chooses-another" }),
    );
    expect(mismatch).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { confirmPassword: ["Passwords do not match"] },
    });
    const activated = await server.activateAccountAction(
      null,
      form({ token, newPassword: "Nia-chooses-her-own-1", confirmPassword: "Nia-chooses-her-own-1" }),
    );
    expect(activated).toEqual({ ok: true, message: "Your password is set. You can now sign in with it." });
    expect((await verifyCredentials(db(), { email, password: "Nia-chooses-her-own-1" }, new Date())).ok).toBe(true);
    expect(await db().auditLog.count({ where: { entityId: user.id, action: "user.activated" } })).toBe(1);

    // Used once: the same link again is refused, and the password stays as the user chose.
    const again = await server.activateAccountAction(
      null,
      form({ token, newPassword: "Someone-elses-choice-1", confirmPassword: "Someone-elses-choice-1" }),
    );
    expect(again).toEqual({ ok: false, code: "INVALID_STATE", message: ACTIVATION_LINK_UNUSABLE });
    expect((await verifyCredentials(db(), { email, password: "Nia-chooses-her-own-1" }, new Date())).ok).toBe(true);

    for (const line of captured.lines) expect(line).not.toContain(token);
    expect(JSON.stringify(consoleCalls)).not.toContain(token);
  });

  it("a reset hands the admin no password: the old one stops, and the link goes to the user's own address", async () => {
    const server = await serverIn("production with Notify");
    signedIn = await admin();
    const user = await makeUser(db(), { role: "CASEWORKER" });
    const reset = await server.resetUserPasswordAction(null, form({ userId: user.id }));
    expect(reset).toMatchObject({ ok: true, data: {} });
    expect((reset as { data: { demoLink?: string } }).data.demoLink).toBeUndefined();
    expect((await verifyCredentials(db(), { email: user.email, password: TEST_PASSWORD }, new Date())).ok).toBe(false);
    const sent = emailsSent();
    expect(sent.map((s) => [s.email_address, s.personalisation.subject])).toEqual([
      [user.email, "Choose a new Disburse password"],
    ]);
    expect(JSON.stringify(reset)).not.toContain(sent[0].token!);
    for (const line of captured.lines) expect(line).not.toContain(sent[0].token!);
  });

  it("a Notify failure leaves everything as it was: no approval without a link sent", async () => {
    const server = await serverIn("production with Notify");
    signedIn = await admin();
    const email = newEmail();
    await server.createUserAction(null, form({ name: "Sam Try", email, role: "CASEWORKER" }));
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    const grant = await pendingGrantOf(user.id);
    signedIn = await admin();
    notify.answerNextSend(500, { status_code: 500, errors: [{ error: "Exception", message: "Internal server error" }] });
    expect(await server.decideRoleGrantAction(null, form({ grantId: grant.id, decision: "APPROVE" }))).toEqual({
      ok: false,
      code: "INVALID_STATE",
      message: "GOV.UK Notify did not take the activation email (HTTP 500). Nothing was changed: try again.",
    });
    expect(await db().user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ awaitingApproval: true });
    expect((await db().roleGrant.findUniqueOrThrow({ where: { id: grant.id } })).status).toBe("PENDING");
    expect(await db().userActivation.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("role grants need a second admin", () => {
  it("nobody grants themselves a role, nor approves a grant to their own account", async () => {
    const server = await serverIn("production with Notify");
    const first = await admin();
    const second = await makeUser(db(), { role: "CASEWORKER" });
    const third = await admin();
    signedIn = first;
    expect(await server.changeUserRoleAction(null, form({ userId: first.id, role: "CASEWORKER" }))).toMatchObject({
      ok: false,
      code: "INVALID_STATE",
    });
    expect(await db().roleGrant.count({ where: { userId: first.id } })).toBe(0);

    // A caseworker proposed for admin by `first`: not approved by first, nor (once admin) by themselves.
    expect(await server.changeUserRoleAction(null, form({ userId: second.id, role: "ADMIN" }))).toMatchObject({ ok: true });
    expect((await db().user.findUniqueOrThrow({ where: { id: second.id } })).role).toBe("CASEWORKER");
    const grant = await pendingGrantOf(second.id);
    signedIn = as({ ...second, role: "ADMIN" });
    expect(await server.decideRoleGrantAction(null, form({ grantId: grant.id, decision: "APPROVE" }))).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
      message: "This role change is for your own account: another administrator must approve or reject it.",
    });
    expect((await db().user.findUniqueOrThrow({ where: { id: second.id } })).role).toBe("CASEWORKER");

    // A rejection needs a note and changes nothing; the proposer may withdraw instead.
    signedIn = third;
    expect(await server.decideRoleGrantAction(null, form({ grantId: grant.id, decision: "REJECT" }))).toMatchObject({
      ok: false,
      code: "VALIDATION",
      fieldErrors: { note: ["Enter why you are rejecting it"] },
    });
    expect(
      await server.decideRoleGrantAction(null, form({ grantId: grant.id, decision: "REJECT", note: "No business need" })),
    ).toMatchObject({ ok: true });
    expect(await db().roleGrant.findUniqueOrThrow({ where: { id: grant.id } })).toMatchObject({
      status: "REJECTED",
      decidedById: third.id,
      decisionNote: "No business need",
    });
    expect((await db().user.findUniqueOrThrow({ where: { id: second.id } })).role).toBe("CASEWORKER");

    signedIn = first;
    await server.changeUserRoleAction(null, form({ userId: second.id, role: "SSCL_FINANCE" }));
    const again = await pendingGrantOf(second.id);
    signedIn = third;
    expect(await server.withdrawRoleGrantAction(null, form({ grantId: again.id }))).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    signedIn = first;
    expect(await server.withdrawRoleGrantAction(null, form({ grantId: again.id }))).toMatchObject({ ok: true });
    expect((await db().roleGrant.findUniqueOrThrow({ where: { id: again.id } })).status).toBe("WITHDRAWN");
    expect(notify.posts()).toEqual([]);
  });

  it("two admins approving at once: the grant is decided once", async () => {
    const server = await serverIn("production with Notify");
    const maker = await admin();
    signedIn = maker;
    const email = newEmail();
    await server.createUserAction(null, form({ name: "Once Only", email, role: "CASEWORKER" }));
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    const grant = await pendingGrantOf(user.id);
    const [a, b] = [await admin(), await admin()];
    const { decideRoleGrant } = await import("@/lib/users/role-grants/decide-role-grant");
    const { activationDeliveryFor } = await import("@/lib/users/activation/activation-delivery");
    const delivery = activationDeliveryFor({
      mode: "production",
      notifyApiKey: notify.apiKey,
      notifyBaseUrl: notify.baseUrl,
      notifyTemplateIds: { email: TEMPLATE_ID },
    });
    const decide = (actor: CurrentUser) =>
      decideRoleGrant({ db: db(), actor, grantId: grant.id, decision: "APPROVE", now: new Date(), delivery, baseUrl: AUTH_URL });
    const results = await Promise.allSettled([decide(a), decide(b)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "INVALID_STATE" } });
    expect(notify.posts()).toHaveLength(1);
    expect(await db().userActivation.count({ where: { userId: user.id } })).toBe(1);
    expect(await db().auditLog.count({ where: { entityId: user.id, action: "role-grant.approved" } })).toBe(1);
  });
});

describe("activation links", () => {
  it("expire after 72 hours, and a newer link replaces an older one", async () => {
    const server = await serverIn("production with Notify");
    signedIn = await admin();
    const user = await makeUser(db());
    await server.resetUserPasswordAction(null, form({ userId: user.id }));
    await server.resetUserPasswordAction(null, form({ userId: user.id }));
    const [older, newer] = emailsSent().map((s) => s.token!);
    const refused = { code: "INVALID_STATE", message: ACTIVATION_LINK_UNUSABLE };
    await expect(
      activateAccount({ db: db(), token: older, newPassword: "Older-link-password", now: new Date() }),
    ).rejects.toMatchObject(refused);
    const issuedAt = (await db().userActivation.findFirstOrThrow({ where: { tokenHash: hashActivationToken(newer) } })).createdAt;
    const later = (hours: number) => new Date(issuedAt.getTime() + hours * 3_600_000);
    await expect(
      activateAccount({ db: db(), token: newer, newPassword: "Too-late-password", now: later(72) }),
    ).rejects.toMatchObject(refused);
    await expect(
      activateAccount({ db: db(), token: "x".repeat(43), newPassword: "Unknown-link-password", now: new Date() }),
    ).rejects.toMatchObject(refused);
    await activateAccount({ db: db(), token: newer, newPassword: "Just-in-time-password", now: later(71.9) });
    expect((await verifyCredentials(db(), { email: user.email, password: "Just-in-time-password" }, later(72))).ok).toBe(true);
  });
});

describe("without GOV.UK Notify", () => {
  it("production refuses to create or reset an account, saying why, and changes nothing", async () => {
    const server = await serverIn("production without Notify");
    signedIn = await admin();
    const email = newEmail();
    expect(await server.createUserAction(null, form({ name: "No Key", email, role: "CASEWORKER" }))).toEqual({
      ok: false,
      code: "INVALID_STATE",
      message: NO_NOTIFY_KEY_REASON,
    });
    expect(await db().user.count({ where: { email } })).toBe(0);
    const user = await makeUser(db());
    expect(await server.resetUserPasswordAction(null, form({ userId: user.id }))).toEqual({
      ok: false,
      code: "INVALID_STATE",
      message: NO_NOTIFY_KEY_REASON,
    });
    expect((await verifyCredentials(db(), { email: user.email, password: TEST_PASSWORD }, new Date())).ok).toBe(true);
    expect(notify.requests).toEqual([]);
  });

  it("demo mode shows the link once to the approving admin, marked demo only, and sends nothing", async () => {
    const server = await serverIn("demo without Notify");
    signedIn = await admin();
    const email = newEmail();
    await server.createUserAction(null, form({ name: "Demo Person", email, role: "PLAN_MANAGER" }));
    const user = await db().user.findUniqueOrThrow({ where: { email } });
    signedIn = await admin();
    const approved = await server.decideRoleGrantAction(
      null,
      form({ grantId: (await pendingGrantOf(user.id)).id, decision: "APPROVE" }),
    );
    const demoLink = (approved as { data: { demoLink: string } }).data.demoLink;
    const token = demoLink.match(LINK)![1];
    expect(await everyStoredText(url())).not.toContain(token);
    await activateAccount({ db: db(), token, newPassword: "Demo-person-password", now: new Date() });
    expect((await verifyCredentials(db(), { email, password: "Demo-person-password" }, new Date())).ok).toBe(true);
    expect(notify.requests).toEqual([]);
    for (const line of captured.lines) expect(line).not.toContain(token);
  });
});
