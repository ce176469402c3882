// Runs one measurement in a child process (step.mts) and reads its answer. A child that outlives
// the step timeout is killed (it is ours: we hold its pid) and reported as timed out.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { root } from "../lib/run-command.mts";
import type { StepResult } from "./report.mts";
import type { StepInput } from "./step-support.mts";

const RESULT_MARKER = "BENCH_RESULT ";
const KEEP_STDERR = 4000;

let running: ChildProcess | undefined;

/** Stops the measurement in progress, if any (Ctrl-C). */
export function stopRunningStep(): void {
  if (running && running.exitCode === null && running.signalCode === null) running.kill("SIGKILL");
}

export function runStep(input: StepInput, timeoutMs: number): Promise<StepResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts", "bench", "step.mts")], {
      cwd: root,
      // DATABASE_URL too, so that nothing in the product can reach any other database.
      env: { ...process.env, BENCH_STEP_INPUT: JSON.stringify(input), DATABASE_URL: input.url, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    running = child;
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr = (stderr + chunk).slice(-KEEP_STDERR)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    const finish = (result: StepResult) => {
      clearTimeout(timer);
      running = undefined;
      resolve(result);
    };
    child.on("error", (error) => finish({ ok: false, error: `could not start the step: ${error.message}` }));
    child.on("close", (code, signal) => {
      if (timedOut) return finish({ ok: false, error: `${input.step}: stopped after ${Math.round(timeoutMs / 60_000)} min` });
      const line = stdout.split("\n").find((l) => l.startsWith(RESULT_MARKER));
      if (line) return finish(JSON.parse(line.slice(RESULT_MARKER.length)) as StepResult);
      const why = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      finish({ ok: false, error: `${input.step}: the step ${why}: ${stderr.trim().split("\n").slice(-5).join(" | ")}` });
    });
  });
}
