import { Writable } from "node:stream";
import { CallbackRouteError } from "@auth/core/errors";
import { AuthError, CredentialsSignin } from "next-auth";
import { describe, expect, it } from "vitest";
import { createLogger, type LogEntry } from ".";
import { authDebugEntry, authErrorEntry, authWarnEntry } from "./auth-log-entry";

// As lib/auth/auth.ts declares it: the refusal for a locked account.
class LockedSignIn extends CredentialsSignin {
  code = "locked";
}

const PASSWORD = "hunter2-wrong-guess";

// As @auth/core wraps an error (`new CallbackRouteError(e, { provider })`): its constructor
// takes the Error at run time, though its declared type says string.
const wrapped = (err: Error, data: Record<string, unknown>) =>
  new CallbackRouteError(err as unknown as string, data as ErrorOptions);

/** The entry written through the project's logger, as the lines it printed. */
function written(entry: LogEntry): string[] {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      done();
    },
  });
  createLogger(stream, "debug")[entry.level](entry.fields, entry.msg);
  return lines;
}

describe("authErrorEntry", () => {
  it("logs a refused sign-in (CredentialsSignin) as one info line, with no stack", () => {
    const entry = authErrorEntry(new CredentialsSignin());
    expect(entry).toEqual({ level: "info", msg: "sign-in refused", fields: { component: "auth", code: "credentials" } });
    const lines = written(entry);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 30, msg: "sign-in refused", component: "auth", code: "credentials" });
    expect(lines[0]).not.toMatch(/stack|\bat /);
  });

  it("logs a locked account (a CredentialsSignin subclass) as a refusal too, with its code", () => {
    expect(authErrorEntry(new LockedSignIn())).toEqual({
      level: "info",
      msg: "sign-in refused",
      fields: { component: "auth", code: "locked" },
    });
  });

  it("logs any other error as an error line with its type, name and message, and the error it wraps", () => {
    const dbDown = new Error("connect ECONNREFUSED 127.0.0.1:5432");
    const entry = authErrorEntry(wrapped(dbDown, { provider: "credentials" }));
    expect(entry.level).toBe("error");
    expect(entry.msg).toBe("auth error");
    expect(entry.fields).toMatchObject({
      component: "auth",
      error: {
        type: "CallbackRouteError",
        name: "CallbackRouteError",
        message: expect.stringContaining("errors.authjs.dev#callbackrouteerror"),
        stack: expect.stringContaining("CallbackRouteError"),
        cause: { name: "Error", message: "connect ECONNREFUSED 127.0.0.1:5432", provider: "credentials" },
      },
    });
    const lines = written(entry);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]).level).toBe(50);
  });

  it("logs a plain Error and a thrown non-Error as error lines", () => {
    expect(authErrorEntry(new TypeError("boom")).fields.error).toMatchObject({ type: "TypeError", message: "boom" });
    expect(authErrorEntry("text").fields.error).toEqual({ type: "string", message: "text" });
    expect(authErrorEntry(new AuthError("plain")).level).toBe("error");
  });

  it("lets no password, token or secret through, however deep next-auth put it", () => {
    const error = wrapped(new Error("nope"), {
      provider: "credentials",
      body: { email: "a@b.test", password: PASSWORD, nested: { deeper: { token: "tok_abc", secret: "s3cr3t" } } },
    });
    const lines = written(authErrorEntry(error));
    expect(lines).toHaveLength(1);
    for (const secret of [PASSWORD, "tok_abc", "s3cr3t"]) expect(lines[0]).not.toContain(secret);
    expect(JSON.parse(lines[0]).error.cause.body).toMatchObject({ email: "a@b.test", password: "[redacted]" });
  });
});

describe("authWarnEntry and authDebugEntry", () => {
  it("logs a warning as a warn line with its code", () => {
    expect(authWarnEntry("csrf-disabled")).toEqual({
      level: "warn",
      msg: "auth warning",
      fields: { component: "auth", code: "csrf-disabled" },
    });
  });

  it("logs debug as a debug line, its metadata scrubbed of the password and tokens the request carried", () => {
    const entry = authDebugEntry("callback route error details", {
      method: "POST",
      query: {},
      body: { email: "a@b.test", password: PASSWORD, csrfToken: "csrf_abc", callbackUrl: "/" },
      request: new Request("http://localhost/api/auth/callback/credentials", { headers: { cookie: "x=1" } }),
    });
    expect(entry).toEqual({
      level: "debug",
      msg: "callback route error details",
      fields: {
        component: "auth",
        metadata: {
          method: "POST",
          query: {},
          body: { email: "a@b.test", password: "[redacted]", csrfToken: "[redacted]", callbackUrl: "/" },
          request: "[Request]",
        },
      },
    });
    const lines = written(entry);
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]).level).toBe(20);
    for (const secret of [PASSWORD, "csrf_abc"]) expect(lines[0]).not.toContain(secret);
  });

  it("survives circular metadata", () => {
    const a: Record<string, unknown> = { name: "a" };
    a.self = a;
    expect(authDebugEntry("loop", a).fields.metadata).toEqual({ name: "a", self: "[circular]" });
  });
});
