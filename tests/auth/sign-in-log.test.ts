// A refused sign-in, driven through the real sign-in action, next-auth and the database,
// writes exactly one JSON `info` line through the project's logger: no password, no stack,
// and nothing from next-auth's own console logger (the old multi-line "[auth][error]" trace).
import { randomBytes } from "node:crypto";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { INVALID_MESSAGE, LOCKED_MESSAGE } from "@/lib/auth/lockout";
import { log } from "@/lib/log";
import { makeUser, TEST_PASSWORD } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const captured = vi.hoisted(() => ({ lines: [] as string[] }));

// The project's logger, as lib/log builds it (same redaction), writing into `captured.lines`.
vi.mock("@/lib/log", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/log")>();
  const { Writable } = await import("node:stream");
  const stream = new Writable({
    write(chunk, _enc, done) {
      captured.lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  return { ...actual, log: actual.createLogger(stream, "info") };
});

// What a server action sees of the request; next-auth's signIn() reads both.
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ host: "localhost:3000", "x-forwarded-proto": "http" }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {}, delete: () => {} }),
}));

const { db, url } = useTestDatabase();
type SignInAction = typeof import("@/app/(auth)/login/actions").signInAction;
let signInAction: SignInAction;

beforeAll(async () => {
  delete (globalThis as { prisma?: unknown }).prisma;
  Object.assign(process.env, {
    DATABASE_URL: url(),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    BANK_DETAILS_KEY: randomBytes(32).toString("base64"),
    BANK_DETAILS_LOOKUP_KEY: randomBytes(32).toString("base64"),
  });
  ({ signInAction } = await import("@/app/(auth)/login/actions"));
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
}

const WRONG = "Wrong-password-guess-7";
let consoleCalls: unknown[][];

beforeEach(() => {
  captured.lines.length = 0;
  log.level = "info";
  consoleCalls = [];
  for (const method of ["error", "warn", "log", "info", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleCalls.push(args));
  }
});
afterEach(() => vi.restoreAllMocks());

describe("a refused sign-in in the log", () => {
  it("a wrong password writes exactly one info line, 'sign-in refused', with no password and no stack", async () => {
    const user = await makeUser(db());
    const result = await signInAction(null, form({ email: user.email, password: WRONG }));
    // The email typed comes back so the form keeps it; the password never does.
    expect(result).toEqual({ ok: false, code: "UNAUTHENTICATED", message: INVALID_MESSAGE, data: { email: user.email } });

    expect(captured.lines).toHaveLength(1);
    const line = JSON.parse(captured.lines[0]);
    expect(line).toEqual({
      level: 30,
      time: expect.any(String),
      service: "disburse",
      component: "auth",
      code: "credentials",
      msg: "sign-in refused",
    });
    expect(captured.lines[0]).not.toContain(WRONG);
    expect(captured.lines[0]).not.toMatch(/stack|\n|\bat /);
    expect(consoleCalls).toEqual([]);
  });

  it("even with debug logging on, no line carries the password and only one is above debug", async () => {
    log.level = "debug";
    const user = await makeUser(db());
    await signInAction(null, form({ email: user.email, password: WRONG }));
    const lines = captured.lines.map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(lines.filter((l) => l.level >= 30).map((l) => [l.level, l.msg])).toEqual([[30, "sign-in refused"]]);
    for (const l of captured.lines) expect(l).not.toContain(WRONG);
    expect(consoleCalls).toEqual([]);
  });

  it("the attempt that locks the account, and each one after, is a 'locked' refusal, the right password included", async () => {
    const user = await makeUser(db());
    for (let i = 0; i < 5; i++) await signInAction(null, form({ email: user.email, password: WRONG }));
    expect(await signInAction(null, form({ email: user.email, password: TEST_PASSWORD }))).toEqual({
      ok: false,
      code: "UNAUTHENTICATED",
      message: LOCKED_MESSAGE,
      data: { email: user.email },
    });
    const codes = captured.lines.map((l) => JSON.parse(l) as { level: number; msg: string; code: string });
    expect(codes.map((l) => `${l.level} ${l.msg} ${l.code}`)).toEqual([
      ...Array(4).fill("30 sign-in refused credentials"),
      "30 sign-in refused locked",
      "30 sign-in refused locked",
    ]);
    expect(consoleCalls).toEqual([]);
  });
});
