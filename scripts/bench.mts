// `npm run bench`: "payments at national scale". N claims with payments, set-based; then, at least
// three times each on fresh copies, the direct-payments run, the PAID sweep and SSCL's
// failed-payments upload, each interleaved with its limit (the same rows written with the fewest
// statements PostgreSQL needs), the row-by-row baseline, and the claim list at a million claims.
// Every measurement runs in a child process of its own (its peak RSS is its own). Then the hostile
// uploads, through the real route of a production build under `next start`
// (scripts/bench/hostile-uploads.mts), and the Payout reconciliation upload against its limit
// (scripts/bench/reconciliation.mts), and a payment cycle's payroll against its limit
// (scripts/bench/cycle.mts), and an enrolment file of N new people against its limit
// (scripts/bench/enrolment.mts). Prints one table and writes bench/results.json. What the numbers
// mean: bench/README.md.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { takeOverSignals } from "./lib/embedded-postgres.mts";
import { currentChild, root, stopChild } from "./lib/run-command.mts";
import { parseBenchArgs, USAGE, type BenchOptions } from "./bench/args.mts";
import { baseName, prepareTemplates, type Templates } from "./bench/prepare.mts";
import {
  buildResults,
  countDifferences,
  resultsTable,
  type BenchInput,
  type ClaimsListFigures,
  type StepResult,
} from "./bench/report.mts";
import { openBenchServer, type BenchServer } from "./bench/server.mts";
import { runStep, stopRunningStep } from "./bench/spawn-step.mts";
import type { StepInput, StepName } from "./bench/step-support.mts";

/** The product's "now": a Sunday, 14 working days after the sent batch's download (see mark-sent.mts). */
const NOW = "2026-11-22T10:15:30.000Z";

const t0 = Date.now();
const log = (m: string) => console.log(`[bench +${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);
let server: BenchServer | undefined;
/** Stops the portal the hostile uploads start, once they have started one. */
let stopPortal: () => Promise<void> = async () => {};
/** Stops the reconciliation measurement's child, once one has started. */
let stopReconciliation: () => void = () => {};
/** Stops the payment-cycle measurement's child, once one has started. */
let stopCycle: () => void = () => {};
/** Stops the enrolment-file measurement's child, once one has started. */
let stopEnrolment: () => void = () => {};

function options(): BenchOptions {
  try {
    return parseBenchArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : error}\n\n${USAGE}`);
    process.exit(2);
  }
}

function describe(result: StepResult): string {
  return result.ok ? `${(result.ms / 1000).toFixed(2)} s, peak RSS ${Math.round(result.maxRssMB)} MB` : `failed: ${result.error}`;
}

async function measureAll(opts: BenchOptions, templates: Templates, workDir: string) {
  let counter = 0;
  const once = async (step: StepName, template: string, extra: Partial<StepInput> = {}): Promise<StepResult> => {
    const db = `${server!.prefix}_m${++counter}`;
    const stepDir = await mkdtemp(path.join(workDir, `${step}-`));
    try {
      await server!.create(db, template);
      const input: StepInput = {
        step,
        url: server!.url(db),
        n: opts.n,
        keyBase64: templates.keyBase64,
        now: NOW,
        workDir: stepDir,
        ssclUserId: templates.ssclUserId,
        uploadFile: templates.uploadFile,
        ...extra,
      };
      return await runStep(input, opts.stepTimeoutMinutes * 60_000);
    } finally {
      await server!.drop(db);
      await rm(stepDir, { recursive: true, force: true });
    }
  };

  const pairs: BenchInput["pairs"] = {};
  const checks = new Set<string>();
  const baseline: StepResult[] = [];
  const plan = [
    { name: "run", product: "run", limit: "run-limit", template: templates.newDb },
    { name: "sweep", product: "sweep", limit: "sweep-limit", template: templates.sentDb },
    { name: "upload", product: "upload", limit: "upload-limit", template: templates.sentDb },
  ] as const;
  for (let rep = 1; rep <= opts.reps; rep++) {
    for (const p of plan.filter((p) => opts.only.includes(p.name))) {
      const results = (pairs[p.name] ??= { product: [], limit: [] });
      // Product first on odd repetitions, limit first on even ones: drift hits both alike.
      for (const which of rep % 2 === 1 ? (["product", "limit"] as const) : (["limit", "product"] as const)) {
        const result = await once(p[which], p.template!);
        results[which].push(result);
        log(`rep ${rep}/${opts.reps} ${p[which]}: ${describe(result)}`);
      }
      const [product, limit] = [results.product.at(-1)!, results.limit.at(-1)!];
      if (product.ok && limit.ok) countDifferences(p.name, product.counts, limit.counts).forEach((c) => checks.add(c));
    }
    if (opts.only.includes("baseline")) {
      const result = await once("baseline", templates.sentDb!, { baselineRows: opts.baselineRows });
      baseline.push(result);
      log(`rep ${rep}/${opts.reps} baseline (${opts.baselineRows} rows): ${describe(result)}`);
    }
  }
  return { pairs, baseline: opts.only.includes("baseline") ? baseline : undefined, checks: [...checks] };
}

async function claimsList(opts: BenchOptions, templates: Templates, workDir: string): Promise<BenchInput["claimsList"]> {
  const stepDir = await mkdtemp(path.join(workDir, "claims-list-"));
  const input: StepInput = {
    step: "claims-list",
    url: server!.url(templates.listDb!),
    n: opts.listClaims,
    keyBase64: templates.keyBase64,
    now: NOW,
    workDir: stepDir,
    ssclUserId: templates.ssclUserId,
    requests: opts.requests,
    seed: opts.seed,
  };
  const result = await runStep(input, opts.stepTimeoutMinutes * 60_000);
  log(`claims list (${opts.requests} requests): ${describe(result)}`);
  if (!result.ok) return { error: result.error };
  const d = result.detail as Omit<ClaimsListFigures, "claims" | "requests">;
  return { claims: opts.listClaims, requests: opts.requests, ...d };
}

/** The hostile uploads; a failure is reported (and kept in results.json) and the bench carries on. */
async function hostileUploads(opts: BenchOptions, templates: Templates, workDir: string) {
  const { measureHostileUploads } = await import("./bench/hostile-uploads.mts");
  const { hostileTable } = await import("./bench/hostile-report.mts");
  const { stopRunningPortal } = await import("./bench/hostile-server.mts");
  stopPortal = stopRunningPortal;
  try {
    const figures = await measureHostileUploads({ server: server!, templates, n: opts.n, workDir, log });
    return { figures, table: hostileTable(figures.hostileUploads, figures) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`hostile uploads failed: ${message}`);
    return { figures: { hostileUploadsError: message }, table: `hostile uploads failed: ${message}` };
  }
}

/** The Payout reconciliation upload and its limit, on vouchers of its own; a failure is reported and the bench carries on. */
async function reconciliation(opts: BenchOptions, workDir: string) {
  const { measureReconciliation, stopReconciliationStep } = await import("./bench/reconciliation.mts");
  stopReconciliation = stopReconciliationStep;
  try {
    const stepTimeoutMs = opts.stepTimeoutMinutes * 60_000;
    return await measureReconciliation({ server: server!, n: opts.n, reps: opts.reps, now: NOW, workDir, stepTimeoutMs, log });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`reconciliation failed: ${message}`);
    return { figures: { reconciliationError: message }, table: `reconciliation failed: ${message}` };
  }
}

/** A payment cycle's payroll and its limit, on beneficiaries of its own; a failure is reported and the bench carries on. */
async function cycle(opts: BenchOptions) {
  const { measureCycle, stopCycleStep } = await import("./bench/cycle.mts");
  stopCycle = stopCycleStep;
  try {
    return await measureCycle({
      server: server!,
      n: opts.n,
      reps: opts.reps,
      now: NOW,
      stepTimeoutMs: opts.stepTimeoutMinutes * 60_000,
      log,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`cycle failed: ${message}`);
    return { figures: { cycleError: message }, table: `cycle failed: ${message}` };
  }
}

/** An enrolment file of N new people and its limit; a failure is reported and the bench carries on. */
async function enrolment(opts: BenchOptions, workDir: string) {
  const { measureEnrolment, stopEnrolmentStep } = await import("./bench/enrolment.mts");
  stopEnrolment = stopEnrolmentStep;
  try {
    const stepTimeoutMs = opts.stepTimeoutMinutes * 60_000;
    return await measureEnrolment({ server: server!, n: opts.n, reps: opts.reps, now: NOW, workDir, stepTimeoutMs, log });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`enrolment failed: ${message}`);
    return { figures: { enrolmentError: message }, table: `enrolment failed: ${message}` };
  }
}

/** The payment journey at --list-claims payments (scripts/bench/journey.mts); a failure is reported and the bench carries on. */
async function journey(opts: BenchOptions) {
  const { measureJourney } = await import("./bench/journey.mts");
  try {
    return await measureJourney({ server: server!, payments: opts.listClaims, log });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`journey failed: ${message}`);
    return { figures: { journeyError: message }, table: `journey failed: ${message}` };
  }
}

async function main() {
  const opts = options();
  if (opts.help) return console.log(USAGE);
  takeOverSignals((code) => {
    stopRunningStep();
    stopReconciliation();
    stopCycle();
    stopEnrolment();
    void stopChild(currentChild())
      .then(() => stopPortal())
      .then(() => server?.stop())
      .finally(() => process.exit(code));
  });
  server = await openBenchServer(log);
  log(
    `PostgreSQL ${server.version} (${server.kind === "embedded" ? "embedded, .data/pg-bench" : "DATABASE_URL"}); N = ${opts.n}`,
  );
  await server.dropAll([baseName(server)]);
  const workDir = await mkdtemp(path.join(os.tmpdir(), "disburse-bench-"));
  try {
    const templates = await prepareTemplates(server, {
      n: opts.n,
      listClaims: opts.only.includes("claims-list") ? opts.listClaims : 0,
      needRunData: opts.only.includes("run"),
      needSentData: opts.only.some((m) => m === "sweep" || m === "upload" || m === "baseline" || m === "hostile-uploads"),
      workDir,
      log,
    });
    const measured = await measureAll(opts, templates, workDir);
    const list = templates.listDb ? await claimsList(opts, templates, workDir) : undefined;
    const hostile = opts.only.includes("hostile-uploads") ? await hostileUploads(opts, templates, workDir) : undefined;
    const recon = opts.only.includes("reconciliation") ? await reconciliation(opts, workDir) : undefined;
    const cycles = opts.only.includes("cycle") ? await cycle(opts) : undefined;
    const enrolments = opts.only.includes("enrolment") ? await enrolment(opts, workDir) : undefined;
    const journeys = opts.only.includes("journey") && opts.listClaims > 0 ? await journey(opts) : undefined;
    const cpus = os.cpus();
    const benchResults = buildResults({
      date: new Date().toISOString(),
      machine: {
        cores: cpus.length,
        memoryMB: Math.round(os.totalmem() / 1024 / 1024),
        cpu: cpus[0]?.model ?? "unknown",
        node: process.version,
        postgres: server.version,
        database: server.kind,
      },
      n: opts.n,
      reps: opts.reps,
      baselineRows: opts.baselineRows,
      setupMs: templates.setupMs,
      ...measured,
      claimsList: list,
    });
    const results = {
      ...benchResults,
      ...hostile?.figures,
      ...recon?.figures,
      ...cycles?.figures,
      ...enrolments?.figures,
      ...journeys?.figures,
    };
    const out = path.resolve(root, opts.out);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
    const tables = opts.only.some(
      (m) => m !== "hostile-uploads" && m !== "reconciliation" && m !== "cycle" && m !== "enrolment" && m !== "journey",
    )
      ? [resultsTable(benchResults)]
      : [];
    if (hostile) tables.push(hostile.table);
    if (recon) tables.push(recon.table);
    if (cycles) tables.push(cycles.table);
    if (enrolments) tables.push(enrolments.table);
    if (journeys) tables.push(journeys.table);
    console.log(`\n${tables.join("\n\n")}\n\nwritten to ${path.relative(root, out)}`);
  } finally {
    await rm(workDir, { recursive: true, force: true });
    if (!opts.keep) await server.dropAll([baseName(server)]);
    await server.stop();
  }
}

main().catch(async (error) => {
  console.error(`[bench] ${error instanceof Error ? error.message : error}`);
  await server?.stop();
  process.exit(1);
});
