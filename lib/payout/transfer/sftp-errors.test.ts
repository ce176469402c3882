import { describe, expect, it } from "vitest";

import { connectFailure, transferFailure, type SftpFailureContext } from "./sftp-errors";

// The cases a real sshd produces are in tests/payout/sftp-deliverer.test.ts. These are the ones a
// loopback sshd cannot: a name that does not resolve, a route that does not exist, and the exact
// split between "certain" and "uncertain" failures around the rename.

const context: SftpFailureContext = {
  server: "payout.example:2222",
  username: "disburse",
  dir: "/in",
  fileName: "disburse_payout_28112026_001.csv",
  timeoutMs: 20_000,
};
const PINNED = "SHA256:IjMfwpgIpHZCPDwX3bymdavbt4Xly8ExcHAV0DMX7CM";

function withCode(message: string, code: unknown, level?: string): Error {
  return Object.assign(new Error(message), { code, level });
}

describe("connectFailure", () => {
  it.each([
    [withCode("getaddrinfo ENOTFOUND payout.example", "ENOTFOUND", "client-dns"), "could not be looked up"],
    [withCode("connect EHOSTUNREACH", "EHOSTUNREACH", "client-socket"), "cannot be reached: no route to the host"],
    [withCode("connect ECONNREFUSED", "ECONNREFUSED", "client-socket"), "cannot be reached: the connection was refused"],
    [withCode("Timed out while waiting for handshake", undefined, "client-timeout"), "did not answer within 20 s"],
    [
      withCode("All configured authentication methods failed", undefined, "client-authentication"),
      'refused the login for user "disburse"',
    ],
    [new Error("Cannot parse privateKey: Unsupported key format"), "private key (PAYOUT_SFTP_PRIVATE_KEY_PATH) cannot be used"],
  ])("%s", (rawError, words) => {
    const failure = connectFailure({ error: new Error("getConnection: wrapped"), rawError, pinnedHostKeys: [PINNED], context });
    expect(failure.message).toContain(words);
    expect(failure.message).toContain("payout.example");
    expect(failure.uncertain).toBe(false);
  });

  it("names both host keys when the server shows another one, whatever ssh2 reported", () => {
    const other = "SHA256:r0bsyZLb8f9WRf90QGtTXvqHdy6Kc2nj5vULtYfoNwM";
    const failure = connectFailure({
      error: new Error("getConnection: Host denied (verification failed)"),
      pinnedHostKeys: [PINNED],
      presentedHostKey: other,
      context,
    });
    expect(failure.message).toMatch(
      /^The SFTP server's host key has changed \(expected SHA256:IjMf\S+, got SHA256:r0bs\S+\): delivery refused/,
    );
  });
});

describe("transferFailure", () => {
  const lost = withCode("_put: Unexpected close event", "ERR_GENERIC_CLIENT");

  it("a lost connection before the rename is certain: nothing delivered", () => {
    for (const stage of ["check", "upload", "verify"] as const) {
      const failure = transferFailure({ error: lost, stage, context });
      expect(failure.uncertain).toBe(false);
      expect(failure.message).toContain("Nothing was delivered");
    }
  });

  it("a lost connection after the rename request was sent is uncertain", () => {
    const failure = transferFailure({
      error: withCode("rename: Unexpected close event", "ERR_GENERIC_CLIENT"),
      stage: "rename",
      context,
    });
    expect(failure.uncertain).toBe(true);
    expect(failure.message).toContain("whether the file was delivered is not known");
  });

  it("a rename never sent (the connection was already gone) is certain", () => {
    const failure = transferFailure({
      error: withCode("rename: No SFTP connection available", "ERR_NOT_CONNECTED"),
      stage: "rename",
      context,
    });
    expect(failure.uncertain).toBe(false);
  });

  it("a rename the server answered with a refusal is certain", () => {
    const failure = transferFailure({ error: withCode("_rename: Failure From: a To: b", 4), stage: "rename", context });
    expect(failure.uncertain).toBe(false);
    expect(failure.message).toContain(
      "refused renaming disburse_payout_28112026_001.csv.part to disburse_payout_28112026_001.csv",
    );
  });

  it("SFTP's own 'connection lost' status is a lost connection, not a refusal", () => {
    const failure = transferFailure({ error: withCode("Connection lost", 7), stage: "rename", context });
    expect(failure.uncertain).toBe(true);
  });

  it("says 'stopped answering' when ssh2 gave up on keepalives", () => {
    const failure = transferFailure({
      error: lost,
      rawError: withCode("Keepalive timeout", undefined, "client-timeout"),
      stage: "upload",
      context,
    });
    expect(failure.message).toContain("stopped answering during the upload");
  });
});
