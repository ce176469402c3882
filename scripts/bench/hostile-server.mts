// The portal as SSCL reaches it, for the hostile uploads: a production build (reused while it is
// newer than every source it is built from), `next start` on a free port, and a signed-in session
// over HTTP, the way the login page signs in.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { settingNames } from "../../lib/config/schema.ts";
import { bin, root, runCapturing } from "../lib/run-command.mts";

/** What a production build is made from; a newer file here means the build is out of date. */
const SOURCE_DIRS = ["app", "components", "lib", "types", "public"];
const SOURCE_FILES = [
  "proxy.ts",
  "instrumentation.ts",
  "instrumentation-node.ts",
  "next.config.js",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];
/** Tests and their golden files are not part of the build. */
const NOT_BUILT = /(\.test\.[cm]?tsx?$)|(^|\/)(corpus|__golden__|golden)(\/|$)/;

/** The newest file the build reads, and when it changed. */
export function newestSource(): { file: string; mtimeMs: number } {
  let newest = { file: "", mtimeMs: 0 };
  const see = (rel: string) => {
    const mtimeMs = statSync(path.join(root, rel)).mtimeMs;
    if (mtimeMs > newest.mtimeMs) newest = { file: rel, mtimeMs };
  };
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = `${dir}/${entry.name}`;
      if (NOT_BUILT.test(rel)) continue;
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile()) see(rel);
    }
  };
  for (const dir of SOURCE_DIRS) if (existsSync(path.join(root, dir))) walk(dir);
  for (const file of SOURCE_FILES) if (existsSync(path.join(root, file))) see(file);
  return newest;
}

/** The folder `next build` writes and `next start` reads (NEXT_DIST_DIR, as next.config.js reads it). */
export const distDir = () => process.env.NEXT_DIST_DIR || ".next";

/**
 * Builds the portal unless the production build in distDir is newer than every source (its
 * BUILD_ID is written last, so its time is the build's), or BENCH_REUSE_BUILD=1 says to reuse it
 * anyway (on a tree others are editing, every source is soon newer). Says which it did and why.
 */
export async function ensureBuild(env: NodeJS.ProcessEnv, log: (m: string) => void): Promise<{ built: boolean; reason: string }> {
  const buildId = path.join(root, distDir(), "BUILD_ID");
  const newest = newestSource();
  if (existsSync(buildId)) {
    const builtAt = statSync(buildId).mtimeMs;
    if (process.env.BENCH_REUSE_BUILD === "1") {
      const reason = `reused ${distDir()} (built ${new Date(builtAt).toISOString()}) as BENCH_REUSE_BUILD=1 asks; newest source ${newest.file}, ${new Date(newest.mtimeMs).toISOString()}`;
      log(reason);
      return { built: false, reason };
    }
    if (builtAt > newest.mtimeMs) {
      const reason = `reused ${distDir()} (built ${new Date(builtAt).toISOString()}, after the newest source, ${newest.file})`;
      log(reason);
      return { built: false, reason };
    }
  }
  const reason = existsSync(buildId)
    ? `built: ${newest.file} changed after the build in ${distDir()}`
    : `built: no production build in ${distDir()}`;
  log(`${reason}; running next build (a few minutes)`);
  const started = Date.now();
  try {
    await runCapturing(bin("next"), ["build"], { env });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    throw new Error(`next build failed: ${text.split("\n").slice(-25).join("\n")}`);
  }
  log(`next build: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return { built: true, reason };
}

/** A port nothing listens on now (asked of the kernel). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The environment the portal runs with: this process's, less every setting of lib/config (so no
 * setting of the shell, an Azure store or a Notify key say, leaks in), plus `settings`.
 */
export function portalEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.values(settingNames)) delete env[name];
  delete env.NEXT_PHASE;
  return { ...env, NEXT_TELEMETRY_DISABLED: "1", AUTH_TRUST_HOST: "true", ...settings };
}

export interface Portal {
  url: string;
  pid: number;
  /** Resident set of the server and its child processes now, from /proc; null off Linux. */
  rssMB(): number | null;
  /** The last of what the server printed, for error messages. */
  output(): string;
  stop(): Promise<void>;
}

const KEEP_OUTPUT = 8_000;

/** Resident set of a process and every descendant, from /proc (Linux). */
function treeRssMB(pid: number): number | null {
  try {
    let kb = 0;
    const visit = (p: number) => {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      kb += Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, "utf8").trim();
        for (const child of children ? children.split(/\s+/) : []) visit(Number(child));
      }
    };
    visit(pid);
    return kb / 1024;
  } catch {
    return null;
  }
}

/** Stops a server we started: SIGTERM to its process group, SIGKILL after the grace period. */
async function stopServer(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const signal = (s: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, s);
    } catch {
      child.kill(s);
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

let running: ChildProcess | undefined;

/** Stops the portal if one is running (Ctrl-C while the hostile uploads run). */
export function stopRunningPortal(): Promise<void> {
  return running ? stopServer(running) : Promise.resolve();
}

/** `next start` on 127.0.0.1:port with `env`; resolves once /api/health answers 200. */
export async function startPortal(env: NodeJS.ProcessEnv, port: number, log: (m: string) => void): Promise<Portal> {
  const url = `http://127.0.0.1:${port}`;
  // A process group of its own, so stopping it stops whatever next start forks.
  const next = path.join(root, "node_modules", "next", "dist", "bin", "next");
  const child = spawn(process.execPath, [next, "start", "-H", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  running = child;
  let output = "";
  const keep = (chunk: Buffer) => (output = (output + chunk.toString("utf8")).slice(-KEEP_OUTPUT));
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const portal: Portal = {
    url,
    pid: child.pid!,
    rssMB: () => treeRssMB(child.pid!),
    output: () => output,
    stop: async () => {
      await stopServer(child);
      if (running === child) running = undefined;
    },
  };
  const started = Date.now();
  while (Date.now() - started < 120_000) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `next start exited (${child.exitCode ?? child.signalCode}): ${output.trim().split("\n").slice(-10).join(" | ")}`,
      );
    }
    try {
      const response = await fetch(`${url}/api/health`);
      await response.arrayBuffer();
      if (response.ok) {
        log(`next start on ${url} (pid ${child.pid}), healthy after ${((Date.now() - started) / 1000).toFixed(1)} s`);
        return portal;
      }
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await portal.stop();
  throw new Error(`next start did not answer /api/health within 120 s: ${output.trim().split("\n").slice(-10).join(" | ")}`);
}

/** Cookies as a browser keeps them: name -> value, from each answer's Set-Cookie headers. */
function keepCookies(jar: Map<string, string>, response: Response): void {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const at = pair.indexOf("=");
    if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/**
 * Signs in as the login page does (Auth.js credentials): the CSRF token, then the credentials
 * posted with it. Answers the Cookie header of the session.
 */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const csrf = await fetch(`${url}/api/auth/csrf`);
  keepCookies(jar, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken?: string };
  if (!csrfToken) throw new Error("sign-in: /api/auth/csrf gave no token");
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookieHeader(jar) },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: `${url}/` }).toString(),
  });
  await response.arrayBuffer();
  keepCookies(jar, response);
  if (![...jar.keys()].some((name) => name.endsWith("authjs.session-token"))) {
    throw new Error(
      `sign-in as ${email} failed: HTTP ${response.status} to ${response.headers.get("location") ?? "(no redirect)"}`,
    );
  }
  const session = await fetch(`${url}/api/auth/session`, { headers: { Cookie: cookieHeader(jar) } });
  const body = (await session.json()) as { user?: { email?: string } } | null;
  if (body?.user?.email !== email) throw new Error(`sign-in as ${email}: the session does not name the user`);
  return cookieHeader(jar);
}
