import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { OpsCommandName } from "@/lib/auth/access";
import type { Role } from "@/lib/auth/roles";

// The shape of a support CLI command (docs/support-cli.md). scripts/ops.mts hands the command line
// to runOps (lib/ops/run-ops.ts), which parses it, finds the --as user, checks the role (lib/auth/access.ts
// opsCommands), calls `run` and writes the command's audit row.

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

export type OpsArgs = { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] };

export interface OpsOption {
  type: "string" | "boolean";
  short?: string;
  multiple?: boolean;
  /** Never written to the audit log (a key, a password): recorded as "[redacted]". */
  secret?: boolean;
}

export interface OpsCommand {
  name: OpsCommandName;
  /** One line for `npm run ops -- --help`. */
  summary: string;
  /** The whole `--help` text of the command (usage, options, exit codes, an example). */
  help: string;
  /** util.parseArgs options of the command, besides the common --as and --help. */
  options: Record<string, OpsOption>;
  /**
   * What is wrong with the arguments (a missing positional, an unknown kind), checked before the
   * --as user is looked up: one sentence, or null when they are fine. A problem exits 2, nothing done.
   */
  validate?(args: OpsArgs): string | null;
  /**
   * The roles the arguments further require, on top of the command's own (import-file: the roles
   * that may upload that kind of file on the web). The --as user needs one of both lists.
   */
  rolesFor?(args: OpsArgs): readonly Role[];
  /** Runs with parsed options and positionals; returns the exit code. Throws only for the unexpected. */
  run(ctx: OpsContext, args: OpsArgs): Promise<ExitCode>;
}
