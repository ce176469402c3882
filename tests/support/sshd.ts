// A real OpenSSH sshd for the SFTP tests (recipe: ../shared/STACK.md, "OpenSSH sshd for SFTP
// tests"): run as the current user on 127.0.0.1 and a free port, signed in to with a key, the built-in
// `internal-sftp` with no chroot, everything (host keys, client keys, the upload folder, the pid
// file) in a temporary folder removed at the end. CI runs as root: sshd then needs /run/sshd (its
// privilege-separation folder, made here when missing) and `PermitRootLogin prohibit-password`.
//
// Besides start and stop it can:
// - restart with another host key (a "changed host key"), or read-only (`internal-sftp -R`, so
//   writes are refused with "permission denied" even for root, whom file modes do not stop);
// - freeze (SIGSTOP) the listener: connections are accepted by the kernel but never answered,
//   which is what a hung server looks like to a client waiting for the handshake;
// - kill the per-connection sshd processes (found through the process tree under the listener),
//   which cuts every open session as a server crash would;
// - stall an upload: the file to be written is a FIFO, so the server's open of it blocks until
//   the session is killed (for a file too small for the relay below to cut in the middle);
// - put a TCP relay between a client and sshd that can hold bytes in either direction. Holding
//   the upload after N bytes makes "cut mid-upload" deterministic: the kill then always lands
//   while the upload is under way, whatever the machine's speed (a large file and a timer would
//   race the upload on a fast machine and stall a slow one).
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";

export const SSHD = "/usr/sbin/sshd";
export const SSH_KEYGEN = "/usr/bin/ssh-keygen";
const SETPRIV = "/usr/bin/setpriv";
export const hasSshd = existsSync(SSHD) && existsSync(SSH_KEYGEN);

export type KeyPair = { privateKeyPath: string; publicKey: string; fingerprint: string };

export interface StartOptions {
  /** Present the replacement host key instead of the original one. */
  replacementHostKey?: boolean;
  /** internal-sftp -R: every write is refused with "permission denied". */
  readOnly?: boolean;
}

export interface TestSshd {
  readonly host: "127.0.0.1";
  readonly port: number;
  readonly username: string;
  /** The folder the server writes into, as a local path; it is also the remote path (no chroot). */
  readonly uploadDir: string;
  /** A key pair in authorized_keys. */
  readonly clientKey: KeyPair;
  /** A key pair the server does not know. */
  readonly unknownKey: KeyPair;
  /** "SHA256:…" of the host key the server normally presents, as `ssh-keygen -lf` prints it. */
  readonly hostKeyFingerprint: string;
  readonly replacementHostKeyFingerprint: string;
  start(options?: StartOptions): Promise<void>;
  /** Stops the listener and every session; the port then refuses connections. */
  stop(): Promise<void>;
  restart(options?: StartOptions): Promise<void>;
  /** SIGSTOP / SIGCONT of the listener. */
  freeze(): void;
  thaw(): void;
  /** SIGKILLs every per-connection sshd process; resolves once they are gone, with how many there were. */
  killSessions(): Promise<number>;
  /**
   * Makes `name` in the upload folder a FIFO, so sshd's open of it for writing blocks (no reader
   * ever comes). `stalled` resolves once a session is blocked there: the client has asked to open
   * the file and waits, mid-upload, for as long as the test likes. `remove()` deletes the FIFO.
   */
  stallWritesTo(name: string): { stalled: Promise<void>; remove: () => void };
  /** A relay on another port to this sshd. */
  relay(): Promise<SshRelay>;
  /** What sshd printed (it runs with -e), for a failing test's message. */
  log(): string;
  dispose(): Promise<void>;
}

export interface SshRelay {
  readonly port: number;
  /** From now on, once `bytes` client-to-server bytes have passed in all, hold the rest; resolves when that happens. */
  holdUploadAfter(bytes: number): Promise<void>;
  /** Hold every server-to-client byte from now on: requests still reach sshd, its answers do not come back. */
  holdReplies(): void;
  /** Drops every relayed connection (both sides), as a broken network would. */
  cut(): void;
  close(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (closed again before sshd binds it; the window is tiny). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function makeKey(file: string, comment: string): KeyPair {
  execFileSync(SSH_KEYGEN, ["-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", file]);
  return {
    privateKeyPath: file,
    publicKey: readFileSync(`${file}.pub`, "utf8").trim(),
    fingerprint: fingerprintOf(`${file}.pub`),
  };
}

/** OpenSSH's own fingerprint ("256 SHA256:… comment (ED25519)" -> "SHA256:…"). */
function fingerprintOf(publicKeyFile: string): string {
  const line = execFileSync(SSH_KEYGEN, ["-l", "-E", "sha256", "-f", publicKeyFile], { encoding: "utf8" });
  const match = /\b(SHA256:[A-Za-z0-9+/]+)/.exec(line);
  if (!match?.[1]) throw new Error(`ssh-keygen printed no SHA256 fingerprint: ${line}`);
  return match[1];
}

/** Every process whose parent chain leads to `root` (not root itself), from /proc. */
function descendants(root: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // "pid (comm) state ppid …": comm may hold spaces or parentheses, so split after the last ")".
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const next: number[] = [];
    for (const [pid, ppid] of parentOf) if (frontier.includes(ppid)) next.push(pid);
    found.push(...next);
    frontier = next;
  }
  return found;
}

function waitChannel(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/wchan`, "utf8").trim();
  } catch {
    return undefined;
  }
}

/** Still running: present in /proc and not a zombie waiting for sshd to reap it. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export async function startSshd(): Promise<TestSshd> {
  const dir = mkdtempSync(path.join(tmpdir(), "disburse-sshd-"));
  const uploadDir = path.join(dir, "upload");
  mkdirSync(uploadDir);
  const username = userInfo().username;
  const asRoot = process.getuid?.() === 0;
  // sshd started by root insists on its privilege-separation folder (Debian's service makes it).
  if (asRoot) mkdirSync("/run/sshd", { recursive: true, mode: 0o755 });

  const hostKey = makeKey(path.join(dir, "ssh_host_ed25519_key"), "test-host");
  const replacementHostKey = makeKey(path.join(dir, "replacement_host_ed25519_key"), "test-host-replaced");
  const clientKey = makeKey(path.join(dir, "client_ed25519"), "disburse-test");
  const unknownKey = makeKey(path.join(dir, "unknown_ed25519"), "not-authorised");
  writeFileSync(path.join(dir, "authorized_keys"), `${clientKey.publicKey}\n`);

  const port = await freePort();
  let child: ChildProcess | undefined;
  let output = "";

  function writeConfig(options: StartOptions): string {
    const file = path.join(dir, "sshd_config");
    const lines = [
      `Port ${port}`,
      "ListenAddress 127.0.0.1",
      `HostKey ${options.replacementHostKey ? replacementHostKey.privateKeyPath : hostKey.privateKeyPath}`,
      `PidFile ${path.join(dir, "sshd.pid")}`,
      `AuthorizedKeysFile ${path.join(dir, "authorized_keys")}`,
      "PubkeyAuthentication yes",
      // Password sign-in is offered so a wrong password is really checked and refused (root may
      // never use one: prohibit-password below).
      "PasswordAuthentication yes",
      "KbdInteractiveAuthentication no",
      "UsePAM no",
      "StrictModes no", // the keys sit in a temporary folder sshd would otherwise find too open
      `AllowUsers ${username}`,
      ...(asRoot ? ["PermitRootLogin prohibit-password"] : []),
      "DisableForwarding yes",
      "PermitTTY no",
      "LogLevel VERBOSE",
      `ForceCommand internal-sftp${options.readOnly ? " -R" : ""} -d ${uploadDir}`,
      "Subsystem sftp internal-sftp",
    ];
    writeFileSync(file, `${lines.join("\n")}\n`);
    return file;
  }

  async function start(options: StartOptions = {}): Promise<void> {
    if (child) throw new Error("sshd is already running");
    const config = writeConfig(options);
    // setpriv (util-linux) has the kernel kill sshd when this process ends, even without dispose():
    // a test worker that times out or is killed leaves no sshd behind.
    const command = existsSync(SETPRIV) ? [SETPRIV, "--pdeathsig", "KILL", "--", SSHD] : [SSHD];
    const started = spawn(command[0], [...command.slice(1), "-D", "-e", "-f", config], { stdio: ["ignore", "ignore", "pipe"] });
    child = started;
    const listening = new Promise<void>((resolve, reject) => {
      started.stderr?.setEncoding("utf8");
      started.stderr?.on("data", (chunk: string) => {
        output += chunk;
        if (output.includes(`Server listening on 127.0.0.1 port ${port}`)) resolve();
      });
      started.once("exit", (code, signal) => reject(new Error(`sshd exited (${code ?? signal}) before listening:\n${output}`)));
      started.once("error", reject);
    });
    const timer = new Promise<never>((_, reject) => {
      setTimeout(() => reject(new Error(`sshd did not start listening in 10 s:\n${output}`)), 10_000).unref();
    });
    try {
      await Promise.race([listening, timer]);
    } catch (error) {
      started.kill("SIGKILL");
      child = undefined;
      throw error;
    }
  }

  async function killSessions(): Promise<number> {
    const listener = child?.pid;
    if (listener === undefined) return 0;
    const sessions = descendants(listener);
    for (const pid of sessions) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
    await waitUntil(() => sessions.every((pid) => !alive(pid)), "the killed sshd sessions to end");
    return sessions.length;
  }

  async function stop(): Promise<void> {
    const running = child;
    if (!running?.pid) return;
    const exited = new Promise<void>((resolve) => {
      if (running.exitCode !== null || running.signalCode !== null) resolve();
      else running.once("exit", () => resolve());
    });
    await killSessions();
    running.kill("SIGCONT"); // a frozen listener must be able to act on the signal below
    running.kill("SIGTERM");
    await exited;
    child = undefined;
  }

  function stallWritesTo(name: string): { stalled: Promise<void>; remove: () => void } {
    const fifo = path.join(uploadDir, name);
    execFileSync("mkfifo", [fifo]);
    // A process blocked opening a FIFO that has no reader sleeps in the kernel's wait_for_partner
    // (fs/pipe.c), which /proc shows as its wait channel.
    const blocked = () => {
      const listener = child?.pid;
      return listener !== undefined && descendants(listener).some((pid) => waitChannel(pid) === "wait_for_partner");
    };
    return {
      stalled: waitUntil(blocked, `an sshd session blocked opening ${fifo}`),
      remove: () => rmSync(fifo, { force: true }),
    };
  }

  const relays = new Set<SshRelay>();

  async function relay(): Promise<SshRelay> {
    const pairs = new Set<{ client: net.Socket; server: net.Socket }>();
    let forwarded = 0;
    let uploadLimit = Number.POSITIVE_INFINITY;
    let reachedLimit: (() => void) | undefined;
    let repliesHeld = false;

    const listener = net.createServer((client) => {
      const server = net.connect(port, "127.0.0.1");
      const pair = { client, server };
      pairs.add(pair);
      client.on("data", (chunk: Buffer) => {
        // Held bytes are never forwarded: the connection is only ever cut after a hold.
        const room = uploadLimit - forwarded;
        if (room <= 0) return;
        const pass = chunk.length <= room ? chunk : chunk.subarray(0, room);
        forwarded += pass.length;
        server.write(pass);
        if (forwarded >= uploadLimit) reachedLimit?.();
      });
      server.on("data", (chunk: Buffer) => {
        if (!repliesHeld) client.write(chunk);
      });
      const drop = () => {
        client.destroy();
        server.destroy();
        pairs.delete(pair);
      };
      client.on("close", drop);
      server.on("close", drop);
      client.on("error", drop);
      server.on("error", drop);
    });
    await new Promise<void>((resolve) => listener.listen(0, "127.0.0.1", resolve));
    const cut = () => {
      for (const { client, server } of pairs) {
        client.destroy();
        server.destroy();
      }
      pairs.clear();
    };
    const handle: SshRelay = {
      port: (listener.address() as net.AddressInfo).port,
      holdUploadAfter(bytes) {
        return new Promise<void>((resolve) => {
          uploadLimit = forwarded + bytes;
          reachedLimit = resolve;
        });
      },
      holdReplies() {
        repliesHeld = true;
      },
      cut,
      async close() {
        cut();
        relays.delete(handle);
        await new Promise<void>((resolve) => listener.close(() => resolve()));
      },
    };
    relays.add(handle);
    return handle;
  }

  await start();

  return {
    host: "127.0.0.1",
    port,
    username,
    uploadDir,
    clientKey,
    unknownKey,
    hostKeyFingerprint: hostKey.fingerprint,
    replacementHostKeyFingerprint: replacementHostKey.fingerprint,
    start,
    stop,
    async restart(options) {
      await stop();
      await start(options);
    },
    freeze: () => child?.kill("SIGSTOP"),
    thaw: () => child?.kill("SIGCONT"),
    killSessions,
    stallWritesTo,
    relay,
    log: () => output,
    async dispose() {
      for (const r of relays) await r.close(); // close() removes r: a Set iterates safely past that
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The portal's settings (lib/config/schema.ts) for delivering Payout files to this server: its
 * upload folder, signed in to with the client key, its host key pinned.
 */
export function payoutSftpEnv(server: TestSshd): Record<string, string> {
  return {
    PAYOUT_SFTP_HOST: server.host,
    PAYOUT_SFTP_PORT: String(server.port),
    PAYOUT_SFTP_USERNAME: server.username,
    PAYOUT_SFTP_PRIVATE_KEY_PATH: server.clientKey.privateKeyPath,
    PAYOUT_SFTP_HOST_KEY: server.hostKeyFingerprint,
    PAYOUT_SFTP_DIR: server.uploadDir,
  };
}
