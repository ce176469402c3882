import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { OpsCommandName } from "@/lib/auth/access";

// The shape of a support CLI command (docs/support-cli.md). scripts/ops.mts parses the command
// line, finds the --as user, checks the role (lib/auth/access.ts opsCommands), and calls `run`.

/** Exit codes scripts can trust. */
export const EXIT = {
  OK: 0,
  /** The command ran and the work failed (a run failed, a delivery failed, a file was rejected). */
  FAILED: 1,
  /** The command line was wrong (unknown command or option, missing argument): nothing done. */
  USAGE: 2,
  /** The --as user is unknown, disabled or lacks the role: nothing done. */
  NOT_PERMITTED: 3,
  /** What the command names does not exist (a payment, a batch, a file): nothing done. */
  NOT_FOUND: 4,
  /** Something else is in the way (a run already running, a key rotation not finished): try again later. */
  BUSY: 5,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export type OpsActor = { id: string; email: string; name: string; role: string };

export interface OpsContext {
  db: PrismaClient;
  /** The --as user, checked: exists, enabled, holds one of the command's roles. */
  actor: OpsActor;
  /** The operating-system user who ran the command (os.userInfo().username), kept in the audit. */
  osUser: string;
  now: Date;
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface OpsCommand {
  name: OpsCommandName;
  /** One line for `npm run ops -- --help`. */
  summary: string;
  /** The whole `--help` text of the command (usage, options, exit codes, an example). */
  help: string;
  /** util.parseArgs options of the command, besides the common --as and --help. */
  options: Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }>;
  /** Runs with parsed options and positionals; returns the exit code. Throws only for the unexpected. */
  run(
    ctx: OpsContext,
    args: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] },
  ): Promise<ExitCode>;
}
