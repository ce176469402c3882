import { bin, runCommand } from "./run-command.mts";

/**
 * Applies committed migrations. `migrate status` (about 1 s) decides whether `migrate deploy`
 * (which always lingers about 10 s on an engine timer) is needed at all.
 */
export async function migrate(databaseUrl: string, log: (m: string) => void): Promise<void> {
  const env = { ...process.env, DATABASE_URL: databaseUrl };
  const upToDate = await runCommand(bin("prisma"), ["migrate", "status"], { quiet: true, env }).then(
    () => true,
    () => false,
  );
  if (upToDate) return;
  log("applying database migrations");
  await runCommand(bin("prisma"), ["migrate", "deploy"], { env, quiet: true });
}
