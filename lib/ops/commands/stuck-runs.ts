import { EXIT, type ExitCode, type OpsCommand } from "../ops-command";
import { exitCodesHelp, jsonLine } from "../ops-format";
import { loadStuckRunRows, STUCK_RUNS_LIMIT, stuckRuns } from "../stuck-runs";

export const stuckRunsCommand: OpsCommand = {
  name: "stuck-runs",
  summary: "List runs RUNNING past their lease and failed runs that wait, with their age and what to do",
  help: [
    "Usage: npm run ops -- stuck-runs --as <email> [--json]",
    "",
    "Lists, oldest first, the bank and Payout runs that need someone (docs/runs.md#crash-failure-and-retry):",
    "  - a run RUNNING past its lease: its worker stopped; the next run of the kind takes it over;",
    "  - a FAILED run holding a batch not yet sent (the next run finishes it, up to 3 attempts; then an",
    "    administrator's Retry on /runs), or a Payout batch whose delivery is uncertain;",
    "  - a FAILED run since its kind last finished well (it holds no payments; look at its error).",
    "Each with when it started, its age, its attempt, its error and what to do. Read-only.",
    "",
    "Options:",
    "  --as <email>  a user with the role SSCL finance or Administrator",
    "  --json        print the list as JSON: [{ id, kind, status, problem, startedAt, age, attempts, error, batchIds, advice }]",
    "",
    exitCodesHelp({ 0: "listed (an empty list too)", 1: null, 4: null, 5: null }),
    "",
    "Example:",
    "  npm run ops -- stuck-runs --as fiona.finance@example.gov.uk",
  ].join("\n"),
  options: { json: { type: "boolean" } },
  validate: ({ positionals }) => (positionals.length ? `stuck-runs takes no arguments, got "${positionals[0]}".` : null),
  async run(ctx, { values }): Promise<ExitCode> {
    const rows = await loadStuckRunRows(ctx.db, ctx.now);
    const runs = stuckRuns(rows.slice(0, STUCK_RUNS_LIMIT), ctx.now);
    if (values.json) {
      ctx.out(jsonLine(runs.map(({ line: _line, ...run }) => run)));
      return EXIT.OK;
    }
    if (runs.length === 0) {
      ctx.out("No stuck runs: none is RUNNING past its lease and no failed run is waiting.");
      return EXIT.OK;
    }
    ctx.out(`${runs.length} ${runs.length === 1 ? "run needs" : "runs need"} attention:`);
    for (const run of runs) {
      ctx.out(run.line);
      ctx.out(`  What to do: ${run.advice}`);
    }
    if (rows.length > STUCK_RUNS_LIMIT) ctx.out(`Only the oldest ${STUCK_RUNS_LIMIT} are listed.`);
    return EXIT.OK;
  },
};
