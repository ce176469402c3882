import { parseArgs } from "node:util";
import { opsCommands } from "@/lib/auth/access";
import type { Role } from "@/lib/auth/roles";
import { ConfigError } from "@/lib/config/schema";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { isAppError, type ErrorCode } from "@/lib/errors";
import { checkOpsActor, findOpsUser } from "./ops-actor";
import { auditedArgs, recordOpsAudit } from "./ops-audit";
import { EXIT, type ExitCode, type OpsArgs, type OpsCommand } from "./ops-command";
import { toolHelp } from "./ops-help";

// The support CLI's core (docs/support-cli.md), the same in tests as under scripts/ops.mts: parse
// the command line, check the --as user, run the command, audit it, answer an exit code. Nothing
// here writes to the process: lines go to `out` and `err`.

export interface OpsRuntime {
  db: PrismaClient;
  commands: readonly OpsCommand[];
  /** os.userInfo().username of whoever ran the CLI. */
  osUser: string;
  now: () => Date;
  out: (line: string) => void;
  err: (line: string) => void;
}

const COMMON_OPTIONS = { as: { type: "string" }, help: { type: "boolean", short: "h" } } as const;

/** How a coded error from lib/ ends the command. */
const EXIT_FOR_CODE: Record<ErrorCode, ExitCode> = {
  NOT_FOUND: EXIT.NOT_FOUND,
  CONFLICT: EXIT.BUSY,
  FORBIDDEN: EXIT.NOT_PERMITTED,
  UNAUTHENTICATED: EXIT.NOT_PERMITTED,
  VALIDATION: EXIT.FAILED,
  STALE: EXIT.BUSY,
  INVALID_STATE: EXIT.FAILED,
  INTERNAL: EXIT.FAILED,
};

export async function runOps(argv: readonly string[], rt: OpsRuntime): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    rt.err(toolHelp(rt.commands));
    return EXIT.USAGE;
  }
  if (name === "--help" || name === "-h" || name === "help") {
    rt.out(toolHelp(rt.commands));
    return EXIT.OK;
  }
  const command = rt.commands.find((c) => c.name === name);
  if (!command) {
    rt.err(
      name.startsWith("-")
        ? `Name the command before its options: "${name}" is not a command.`
        : `There is no command "${name}".`,
    );
    rt.err("Run `npm run ops -- --help` for the list of commands.");
    return EXIT.USAGE;
  }
  const usage = (message: string): ExitCode => {
    rt.err(message);
    rt.err(`Run \`npm run ops -- ${command.name} --help\` for its usage. Nothing was done.`);
    return EXIT.USAGE;
  };

  let args: OpsArgs;
  try {
    // util.parseArgs refuses keys it does not know (and undefined ones): only type, short and multiple go in.
    const options = Object.fromEntries(
      Object.entries(command.options).map(([key, { type, short, multiple }]) => [
        key,
        { type, ...(short === undefined ? {} : { short }), ...(multiple === undefined ? {} : { multiple }) },
      ]),
    );
    const parsed = parseArgs({
      args: [...rest],
      options: { ...options, ...COMMON_OPTIONS },
      allowPositionals: true,
      strict: true,
    });
    args = { values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    return usage(error instanceof Error ? error.message : String(error));
  }
  if (args.values.help) {
    rt.out(command.help);
    return EXIT.OK;
  }
  const asEmail = typeof args.values.as === "string" ? args.values.as.trim().toLowerCase() : "";
  if (!asEmail) return usage("Say who the command acts as: --as <email> of a user of the portal.");
  const problem = command.validate?.(args);
  if (problem) return usage(problem);

  const roles = allowedRoles(opsCommands[command.name], command.rolesFor?.(args));
  const user = await findOpsUser(rt.db, asEmail);
  const now = rt.now();
  const check = checkOpsActor(asEmail, user, roles, now);
  const audit = { command: command.name, asEmail, osUser: rt.osUser, args: auditedArgs(command.options, args) };
  if (!check.ok) {
    rt.err(`${check.reason} Nothing was done.`);
    await recordOpsAudit(rt.db, { ...audit, user, exitCode: EXIT.NOT_PERMITTED, refused: check.reason });
    return EXIT.NOT_PERMITTED;
  }

  let exitCode: ExitCode = EXIT.FAILED;
  try {
    exitCode = await command.run({ db: rt.db, actor: check.actor, osUser: rt.osUser, now, out: rt.out, err: rt.err }, args);
  } catch (error) {
    exitCode = explain(error, rt.err);
  } finally {
    await recordOpsAudit(rt.db, { ...audit, user, exitCode });
  }
  return exitCode;
}

/** The command's roles, narrowed by what its arguments require (both lists must allow the role). */
export function allowedRoles(commandRoles: readonly Role[], argumentRoles: readonly Role[] | undefined): readonly Role[] {
  return argumentRoles ? commandRoles.filter((role) => argumentRoles.includes(role)) : commandRoles;
}

/** An error a command threw, told on stderr and turned into its exit code. */
function explain(error: unknown, err: (line: string) => void): ExitCode {
  if (isAppError(error)) {
    err(`${error.message}${/[.!?]$/.test(error.message) ? "" : "."}`);
    return EXIT_FOR_CODE[error.code];
  }
  if (error instanceof ConfigError || (error instanceof Error && error.name === "ConfigError")) {
    err(`The portal's settings are not complete, so this command cannot run. ${error.message}`);
    return EXIT.FAILED;
  }
  err(`The command stopped on an unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  if (error instanceof Error && error.stack) err(error.stack);
  return EXIT.FAILED;
}
