import type { OpsCommand } from "./ops-command";
import { exitCodesHelp } from "./ops-format";

/** `npm run ops -- --help`: every command in one line each, the common options and the exit codes. */
export function toolHelp(commands: readonly OpsCommand[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    "Usage: npm run ops -- <command> [options] --as <email>",
    "",
    "The application support team's commands. Each runs the portal's own code as the user named by",
    "--as, who must exist, be enabled and hold a role that may do the command on the web; each run",
    "is audited with that user and the operating-system user who ran it (docs/support-cli.md).",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    "",
    "Every command takes:",
    "  --as <email>  the user the command acts as (required)",
    "  --help, -h    the command's usage, options, exit codes and an example",
    "",
    "Settings: DATABASE_URL and the portal's other settings, as `npm start` has them.",
    "",
    exitCodesHelp({}),
  ].join("\n");
}
