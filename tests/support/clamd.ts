// A real clamd for the document tests (recipe: ../shared/STACK.md, "ClamAV for uploaded documents"):
// run as the current user on 127.0.0.1 and a free port, with a signature database of its own (no
// internet for freshclam): one hash signature, for the EICAR test file, so EICAR is "infected" and
// everything else is clean. Everything lives in a temporary folder removed at the end. CI installs
// clamav-daemon (.ci/run); a machine without it fails here with the package to install.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export const CLAMD = "/usr/sbin/clamd";
const SETPRIV = "/usr/bin/setpriv";

/** The EICAR anti-virus test file: harmless, and detected by every scanner as a virus. */
export const EICAR = Buffer.from("X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*", "latin1");

/** The signature name clamd reports (".UNOFFICIAL": not from ClamAV's own databases). */
export const EICAR_SIGNATURE = "Test.EICAR.UNOFFICIAL";

export interface TestClamd {
  readonly host: "127.0.0.1";
  readonly port: number;
  /** "127.0.0.1:<port>", as CLAMD_HOST takes it. */
  readonly address: string;
  /** What clamd printed, for a failing test's message. */
  log(): string;
  dispose(): Promise<void>;
}

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

/** PING answers PONG once clamd has loaded its database and listens. */
function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.createConnection({ host: "127.0.0.1", port });
    let answer = "";
    socket.setTimeout(1000);
    socket.on("connect", () => socket.write("zPING\0"));
    socket.on("data", (data) => (answer += data.toString("latin1")));
    socket.on("end", () => resolve(answer.startsWith("PONG")));
    socket.on("timeout", () => socket.destroy());
    socket.on("error", () => resolve(false));
    socket.on("close", () => resolve(answer.startsWith("PONG")));
  });
}

/** A whole-file hash signature (ClamAV's .hdb format): these exact bytes are reported as `name`. */
export type TestSignature = { name: string; bytes: Uint8Array };

export async function startClamd(options: { readyWithinMs?: number; signatures?: TestSignature[] } = {}): Promise<TestClamd> {
  if (!existsSync(CLAMD)) {
    throw new Error(`${CLAMD} is missing: install it with apt-get install -y clamav-daemon clamdscan (.ci/run does)`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), "disburse-clamd-"));
  const port = await freePort();
  const signatures = [{ name: "Test.EICAR", bytes: EICAR }, ...(options.signatures ?? [])];
  const hdb = signatures.map((s) => `${createHash("md5").update(s.bytes).digest("hex")}:${s.bytes.length}:${s.name}\n`);
  writeFileSync(path.join(dir, "test.hdb"), hdb.join(""));
  const conf = path.join(dir, "clamd.conf");
  writeFileSync(
    conf,
    [
      `DatabaseDirectory ${dir}`,
      `TCPSocket ${port}`,
      "TCPAddr 127.0.0.1",
      "Foreground yes",
      `PidFile ${path.join(dir, "clamd.pid")}`,
      `TemporaryDirectory ${dir}`,
      // A little above the portal's largest document, so the portal's own limit is what refuses.
      "StreamMaxLength 30M",
      "MaxThreads 4",
      "LogTime no",
      "",
    ].join("\n"),
  );
  let output = "";
  // setpriv --pdeathsig: clamd dies with the test process even if the tests never get to dispose() (as sshd.ts does).
  const command = existsSync(SETPRIV) ? [SETPRIV, "--pdeathsig", "KILL", "--", CLAMD] : [CLAMD];
  const child: ChildProcess = spawn(command[0], [...command.slice(1), "-c", conf], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  let exited = false;
  child.once("exit", () => (exited = true));

  const deadline = Date.now() + (options.readyWithinMs ?? 60_000);
  while (!(await ping(port))) {
    if (exited || Date.now() > deadline) {
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`clamd did not start on port ${port}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    host: "127.0.0.1",
    port,
    address: `127.0.0.1:${port}`,
    log: () => output,
    async dispose() {
      if (!exited) {
        const gone = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (!exited) child.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
