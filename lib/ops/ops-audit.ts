import { recordAudit, type AuditActor } from "@/lib/audit/record-audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ExitCode, OpsArgs, OpsOption } from "./ops-command";

// Every support CLI command that names a user leaves one AuditLog row (docs/support-cli.md#the-audit-row):
// who it acted as, the operating-system user who ran it, the command, its arguments (never a
// secret) and how it ended. A refused --as user is recorded too; a command line that did not
// parse, and --help, are not (nothing was attempted and no user named).

const SECRET_NAME = /key|secret|password|token/i;
export const REDACTED = "[redacted]";

export type AuditedArgs = { positionals: string[]; options: Record<string, string | boolean | string[]> };

/** The arguments as the audit keeps them: --as and --help left out, secrets replaced. Pure. */
export function auditedArgs(options: Record<string, OpsOption>, args: OpsArgs): AuditedArgs {
  const kept: AuditedArgs["options"] = {};
  for (const [name, value] of Object.entries(args.values)) {
    if (value === undefined || name === "as" || name === "help") continue;
    kept[name] = options[name]?.secret || SECRET_NAME.test(name) ? REDACTED : value;
  }
  return { positionals: [...args.positionals], options: kept };
}

/** "fiona@example.gov.uk via ops (os user: root)": the audit row's label, so the log reads whole. */
export function opsActorLabel(email: string, osUser: string): string {
  return `${email} via ops (os user: ${osUser})`;
}

export async function recordOpsAudit(
  db: PrismaClient,
  entry: {
    command: string;
    /** The --as user when the account exists (refused or not); null when no such user. */
    user: { id: string; email: string } | null;
    asEmail: string;
    osUser: string;
    args: AuditedArgs;
    exitCode: ExitCode;
    /** Why the --as user was refused: the row's action ends in ".refused". */
    refused?: string;
  },
): Promise<void> {
  const actor: AuditActor = entry.user
    ? // recordAudit labels a person by their email: the label names the CLI and the OS user too.
      { id: entry.user.id, email: opsActorLabel(entry.user.email, entry.osUser) }
    : { system: opsActorLabel(entry.asEmail, entry.osUser) };
  await db.$transaction((tx) =>
    recordAudit(tx, {
      actor,
      action: `ops.${entry.command}${entry.refused ? ".refused" : ""}`,
      entityType: "OpsCommand",
      entityId: entry.command,
      after: {
        command: entry.command,
        as: entry.asEmail,
        osUser: entry.osUser,
        positionals: entry.args.positionals,
        options: entry.args.options,
        exitCode: entry.exitCode,
        ...(entry.refused ? { refused: entry.refused } : {}),
      },
    }),
  );
}
