// SFTP delivery of Payout files against a real OpenSSH sshd (tests/support/sshd.ts): what lands in
// the server's folder, and what each failure says. No stubs: every case below is produced by sshd
// itself (stopped, frozen, restarted read-only or with another host key, its session processes
// killed) or by the TCP relay between the client and sshd (a reply withheld). The few cases
// loopback cannot produce (a name that does not resolve, no route to a host) are unit-tested on
// the error wording in lib/payout/transfer/sftp-errors.test.ts.
// It needs sshd, not a database, which is why it lives in tests/. Where /usr/sbin/sshd is missing
// the tests are skipped with a message; CI installs openssh-server.
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

import { parseConfig } from "@/lib/config/schema";
import { DeliveryError, type PayoutDeliverer } from "@/lib/payout/transfer/payout-deliverer";
import { createSftpDeliverer, sftpDeliverer, type SftpDelivererOptions } from "@/lib/payout/transfer/sftp-deliverer";
import { hasSshd } from "../support/sshd";
import { useSshd } from "../support/use-sshd";

if (!hasSshd) console.warn("Skipping the SFTP delivery tests: /usr/sbin/sshd is missing (apt-get install -y openssh-server).");

const sshd = useSshd();

function deliverer(overrides: Partial<SftpDelivererOptions> = {}): PayoutDeliverer {
  const server = sshd();
  return sftpDeliverer({
    host: server.host,
    port: server.port,
    username: server.username,
    privateKeyPath: server.clientKey.privateKeyPath,
    hostKey: server.hostKeyFingerprint,
    dir: server.uploadDir,
    ...overrides,
  });
}

let fileCount = 0;
/** A fresh final name per test, so the tests share one server folder without meeting. */
function fileName(): string {
  fileCount += 1;
  return `disburse_payout_28112026_${String(fileCount).padStart(3, "0")}.csv`;
}

const csv = (lines: number) =>
  new TextEncoder().encode(
    Array.from(
      { length: lines },
      (_, i) => `${i + 1}.00,,Ann,Lee,1 High St,Leeds,,United Kingdom,LS1 1AA,2,,,REF${i},,,,,,NOMS1086-LET-003,,,05 01 2026\n`,
    ).join(""),
  );

/** Compared by SHA-256: a deep equality of a 4 MB array element by element takes vitest minutes. */
const digest = (bytes: Uint8Array) => `${bytes.length} bytes, sha256 ${createHash("sha256").update(bytes).digest("hex")}`;

const onServer = (name: string) => path.join(sshd().uploadDir, name);
const serverFolder = () => readdirSync(sshd().uploadDir).sort();

async function refusal(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "expected a DeliveryError").toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

const neverCalled = async () => {
  throw new Error("beforeRename must not be called");
};

async function waitFor(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

describe.skipIf(!hasSshd)("SFTP delivery against OpenSSH sshd", () => {
  afterEach(async (context) => {
    // Each test leaves the server as it found it: running, original host key, writable.
    if (context.task.result?.state === "fail") console.error(sshd().log().slice(-3000));
    await sshd().restart();
  });

  it("delivers: the bytes arrive under the final name, the .part is gone, beforeRename runs before the name appears", async () => {
    const name = fileName();
    const bytes = csv(3);
    const seenAtRename: { part: number | undefined; final: boolean }[] = [];
    const result = await deliverer().deliver({ fileName: name, bytes }, async () => {
      const part = onServer(`${name}.part`);
      seenAtRename.push({ part: existsSync(part) ? readFileSync(part).length : undefined, final: existsSync(onServer(name)) });
    });

    expect(result).toEqual({ outcome: "DELIVERED" });
    expect(seenAtRename).toEqual([{ part: bytes.length, final: false }]);
    expect(digest(readFileSync(onServer(name)))).toBe(digest(bytes));
    expect(serverFolder().filter((f) => f.startsWith(name))).toEqual([name]);
  });

  it("names its target as sftp://host:port/dir, and is not the local folder", () => {
    const d = deliverer();
    expect(d.target).toBe(`sftp://127.0.0.1:${sshd().port}${sshd().uploadDir}`);
    expect(d.local).toBe(false);
  });

  it("a second delivery of the same file finds it: ALREADY_DELIVERED, one copy, no rename", async () => {
    const name = fileName();
    const bytes = csv(2);
    await deliverer().deliver({ fileName: name, bytes }, async () => {});

    expect(await deliverer().deliver({ fileName: name, bytes }, neverCalled)).toEqual({ outcome: "ALREADY_DELIVERED" });
    expect(serverFolder().filter((f) => f.startsWith(name))).toEqual([name]);
    expect(digest(readFileSync(onServer(name)))).toBe(digest(bytes));
  });

  it("a different file already under the final name is refused and left as it was", async () => {
    const name = fileName();
    writeFileSync(onServer(name), "someone else's file\n");

    const error = await refusal(deliverer().deliver({ fileName: name, bytes: csv(2) }, neverCalled));
    expect(error.message).toContain(`A different file named ${name} is already on the SFTP server at 127.0.0.1:${sshd().port}`);
    expect(error.message).toContain("nothing overwritten");
    expect(error.uncertain).toBe(false);
    expect(readFileSync(onServer(name), "utf8")).toBe("someone else's file\n");
    expect(existsSync(onServer(`${name}.part`))).toBe(false);
  });

  it("find: the final file's size when it is there, absent when not (a .part does not count)", async () => {
    const name = fileName();
    const bytes = csv(4);
    expect(await deliverer().find(name)).toEqual({ present: false });
    writeFileSync(onServer(`${name}.part`), bytes);
    expect(await deliverer().find(name)).toEqual({ present: false });
    await deliverer().deliver({ fileName: name, bytes }, async () => {});
    expect(await deliverer().find(name)).toEqual({ present: true, byteSize: bytes.length });
  });

  it("server down: a DeliveryError naming host:port, for deliver and find", async () => {
    await sshd().stop();
    const name = fileName();
    const error = await refusal(deliverer().deliver({ fileName: name, bytes: csv(1) }, neverCalled));
    expect(error.message).toBe(
      `The SFTP server at 127.0.0.1:${sshd().port} cannot be reached: the connection was refused (is the server down, or the host or port wrong?). Nothing was delivered.`,
    );
    expect(error.uncertain).toBe(false);
    expect((await refusal(deliverer().find(name))).message).toContain(`127.0.0.1:${sshd().port} cannot be reached`);

    // Back up: the same file goes through.
    await sshd().start();
    expect(await deliverer().deliver({ fileName: name, bytes: csv(1) }, async () => {})).toEqual({ outcome: "DELIVERED" });
  });

  it("a server that accepts the connection but never answers: gives up after the timeout", async () => {
    sshd().freeze();
    try {
      const error = await refusal(deliverer({ timeoutMs: 1500 }).deliver({ fileName: fileName(), bytes: csv(1) }, neverCalled));
      expect(error.message).toBe(
        `The SFTP server at 127.0.0.1:${sshd().port} did not answer within 1.5 s. Nothing was delivered.`,
      );
    } finally {
      sshd().thaw();
    }
  });

  it.each<[string, () => Partial<SftpDelivererOptions>]>([
    ["a wrong password", () => ({ privateKeyPath: undefined, password: "not-the-password" })],
    ["a key the server does not know", () => ({ privateKeyPath: sshd().unknownKey.privateKeyPath })],
    ["another user", () => ({ username: "payout-nobody" })],
  ])("%s: the server refused the login", async (_, overrides) => {
    const name = fileName();
    const options = overrides();
    const error = await refusal(deliverer(options).deliver({ fileName: name, bytes: csv(1) }, neverCalled));
    expect(error.message).toBe(
      `The SFTP server at 127.0.0.1:${sshd().port} refused the login for user "${options.username ?? sshd().username}": ` +
        "the key or password was not accepted. Nothing was delivered.",
    );
    expect(serverFolder().filter((f) => f.startsWith(name))).toEqual([]);
  });

  it("a changed host key is refused and says so, with both fingerprints as ssh-keygen prints them", async () => {
    await sshd().restart({ replacementHostKey: true });
    const name = fileName();
    const error = await refusal(deliverer().deliver({ fileName: name, bytes: csv(1) }, neverCalled));
    expect(error.message).toMatch(
      new RegExp(
        `^The SFTP server's host key has changed \\(expected ${escape(sshd().hostKeyFingerprint)}, ` +
          `got ${escape(sshd().replacementHostKeyFingerprint)}\\): delivery refused\\.`,
      ),
    );
    expect(serverFolder().filter((f) => f.startsWith(name))).toEqual([]);
    // Both keys pinned (a server with several host keys), the new one as a whole `ssh-keygen -lf` line: accepted.
    const both = `${sshd().hostKeyFingerprint}, 256 ${sshd().replacementHostKeyFingerprint} test-host-replaced (ED25519)`;
    expect(await deliverer({ hostKey: both }).deliver({ fileName: name, bytes: csv(1) }, async () => {})).toEqual({
      outcome: "DELIVERED",
    });
  });

  it("a host key setting that is not a SHA256 fingerprint refuses to connect at all", async () => {
    const error = await refusal(
      deliverer({ hostKey: "ssh-ed25519 AAAA" }).deliver({ fileName: fileName(), bytes: csv(1) }, neverCalled),
    );
    expect(error.message).toContain("PAYOUT_SFTP_HOST_KEY is not a SHA256 fingerprint");
  });

  it("permission denied (sshd's read-only SFTP refuses writes even for root)", async () => {
    await sshd().restart({ readOnly: true });
    const name = fileName();
    const error = await refusal(deliverer().deliver({ fileName: name, bytes: csv(1) }, neverCalled));
    expect(error.message).toBe(
      `The SFTP server at 127.0.0.1:${sshd().port} refused permission to write ${onServer(name)}.part (user "${sshd().username}"). Nothing was delivered.`,
    );
    expect(serverFolder().filter((f) => f.startsWith(name))).toEqual([]);
  });

  it("a remote folder that does not exist", async () => {
    const dir = path.join(sshd().uploadDir, "missing");
    const error = await refusal(deliverer({ dir }).deliver({ fileName: fileName(), bytes: csv(1) }, neverCalled));
    expect(error.message).toBe(
      `The folder ${dir} does not exist on the SFTP server at 127.0.0.1:${sshd().port} (PAYOUT_SFTP_DIR). Nothing was delivered.`,
    );
  });

  it("a private key file that cannot be read", async () => {
    const error = await refusal(
      deliverer({ privateKeyPath: "/nonexistent/payout_key" }).deliver({ fileName: fileName(), bytes: csv(1) }, neverCalled),
    );
    expect(error.message).toBe(
      "The SFTP private key file /nonexistent/payout_key (PAYOUT_SFTP_PRIVATE_KEY_PATH) cannot be read (ENOENT): nothing was delivered.",
    );
  });

  it("a .part whose size on the server is not what was sent is not renamed", async () => {
    // The server swallows the upload: its .part is a link to /dev/null, which always reads 0 bytes.
    const name = fileName();
    symlinkSync("/dev/null", onServer(`${name}.part`));
    const error = await refusal(deliverer().deliver({ fileName: name, bytes: csv(2) }, neverCalled));
    expect(error.message).toBe(
      `The SFTP server at 127.0.0.1:${sshd().port} holds 0 bytes of ${name}.part after the upload, not ${csv(2).length}: not renamed, nothing delivered.`,
    );
    expect(existsSync(onServer(name))).toBe(false);
  });

  it("connection cut mid-upload (sshd's session killed): a DeliveryError, no final file, and a retry delivers identical bytes", async () => {
    const name = fileName();
    const bytes = new Uint8Array(randomBytes(4 * 1024 * 1024));
    const relay = await sshd().relay();
    // The relay passes the handshake, the login and the first megabyte of the upload (ssh2 writes
    // in requests of about 255 KB against OpenSSH), then holds the rest, so the session is killed
    // while the upload is certainly under way.
    const held = relay.holdUploadAfter(1024 * 1024);
    const failed = refusal(deliverer({ port: relay.port }).deliver({ fileName: name, bytes }, neverCalled));
    await held;
    expect(await sshd().killSessions()).toBeGreaterThan(0);

    const error = await failed;
    expect(error.message).toBe(
      `The connection to the SFTP server at 127.0.0.1:${relay.port} was lost during the upload of ${name}. Nothing was delivered.`,
    );
    expect(error.uncertain).toBe(false);
    expect(existsSync(onServer(name))).toBe(false);
    const partial = readFileSync(onServer(`${name}.part`)).length;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(bytes.length);
    await relay.close();

    expect(await deliverer().deliver({ fileName: name, bytes }, async () => {})).toEqual({ outcome: "DELIVERED" });
    expect(digest(readFileSync(onServer(name)))).toBe(digest(bytes));
    expect(serverFolder().filter((f) => f.startsWith(name))).toEqual([name]);
  });

  it("connection lost after the rename was requested: uncertain, and a retry finds the file instead of sending it again", async () => {
    const name = fileName();
    const bytes = csv(5);
    const relay = await sshd().relay();
    let renamedOnServer: Promise<void> | undefined;
    const delivery = deliverer({ port: relay.port }).deliver({ fileName: name, bytes }, async () => {
      // The rename request still reaches sshd, which renames; its answer never comes back.
      relay.holdReplies();
      renamedOnServer = waitFor(() => existsSync(onServer(name)), "the rename on the server").then(() => relay.cut());
    });

    const error = await refusal(delivery);
    await renamedOnServer;
    expect(error.uncertain).toBe(true);
    expect(error.message).toBe(
      `The connection to the SFTP server at 127.0.0.1:${relay.port} was lost after the rename of ${name}.part to ${name} was requested: ` +
        "whether the file was delivered is not known.",
    );
    await relay.close();

    expect(await deliverer().find(name)).toEqual({ present: true, byteSize: bytes.length });
    expect(await deliverer().deliver({ fileName: name, bytes }, neverCalled)).toEqual({ outcome: "ALREADY_DELIVERED" });
    expect(digest(readFileSync(onServer(name)))).toBe(digest(bytes));
  });

  it("a failing beforeRename stops the delivery before the rename, with its own error", async () => {
    const name = fileName();
    const failure = new Error("the run lost its lease");
    await expect(
      deliverer().deliver({ fileName: name, bytes: csv(1) }, async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
    expect(existsSync(onServer(name))).toBe(false);
  });

  it("createSftpDeliverer reads the PAYOUT_SFTP_* settings", async () => {
    const server = sshd();
    const config = parseConfig({
      DATABASE_URL: "postgresql://postgres@127.0.0.1:5432/unused",
      AUTH_SECRET: "a".repeat(43),
      BANK_DETAILS_KEY: Buffer.alloc(32, 7).toString("base64"),
      BANK_DETAILS_LOOKUP_KEY: Buffer.alloc(32, 6).toString("base64"),
      PAYOUT_SFTP_HOST: server.host,
      PAYOUT_SFTP_PORT: String(server.port),
      PAYOUT_SFTP_USERNAME: server.username,
      PAYOUT_SFTP_PRIVATE_KEY_PATH: server.clientKey.privateKeyPath,
      PAYOUT_SFTP_HOST_KEY: server.hostKeyFingerprint,
      PAYOUT_SFTP_DIR: server.uploadDir,
    });
    const d = createSftpDeliverer(config);
    expect(d.target).toBe(`sftp://127.0.0.1:${server.port}${server.uploadDir}`);
    const name = fileName();
    expect(await d.deliver({ fileName: name, bytes: csv(1) }, async () => {})).toEqual({ outcome: "DELIVERED" });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
