import { bin, runCommand } from "./run-command.mts";

/**
 * Applies committed migrations to `databaseUrl`, which must be the tables' owner (in production,
 * MIGRATION_DATABASE_URL). `migrate status` (about 1 s) decides whether `migrate deploy` (which
 * always lingers about 10 s on an engine timer) is needed at all.
 */
export async function migrate(databaseUrl: string, log: (m: string) => void): Promise<void> {
  // prisma.config.ts prefers MIGRATION_DATABASE_URL: both name this database, so a setting left in
  // the environment cannot send the CLI elsewhere.
  const env = { ...process.env, DATABASE_URL: databaseUrl, MIGRATION_DATABASE_URL: databaseUrl };
  const upToDate = await runCommand(bin("prisma"), ["migrate", "status"], { quiet: true, env }).then(
    () => true,
    () => false,
  );
  if (upToDate) return;
  log("applying database migrations");
  await runCommand(bin("prisma"), ["migrate", "deploy"], { env, quiet: true });
}
