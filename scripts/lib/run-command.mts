import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

export const root = path.resolve(import.meta.dirname, "../..");
export const bin = (name: string) => path.join(root, "node_modules", ".bin", name);

let current: ChildProcess | undefined;

export function currentChild(): ChildProcess | undefined {
  return current;
}

/** Runs a command from the project root; resolves on exit 0, rejects otherwise. */
export function runCommand(
  command: string,
  args: string[],
  options: { quiet?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: options.quiet ? "ignore" : "inherit",
      env: options.env ?? process.env,
    });
    current = child;
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (current === child) current = undefined;
      if (code === 0) resolve();
      else reject(new Error(`${path.basename(command)} ${args.join(" ")} exited with ${signal ?? code}`));
    });
  });
}

/** Like runCommand, but collects stdout and stderr together and resolves with them. */
export function runCapturing(command: string, args: string[], options: { env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: options.env ?? process.env });
    current = child;
    const chunks: Buffer[] = [];
    child.stdout!.on("data", (c: Buffer) => chunks.push(c));
    child.stderr!.on("data", (c: Buffer) => chunks.push(c));
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (current === child) current = undefined;
      const output = Buffer.concat(chunks).toString("utf8");
      if (code === 0) resolve(output);
      else reject(new Error(`${path.basename(command)} ${args.join(" ")} exited with ${signal ?? code}:\n${output}`));
    });
  });
}

export async function stopChild(child: ChildProcess | undefined, graceMs = 10_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}
