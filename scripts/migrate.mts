// `npm run db:migrate`: applies the committed migrations (prisma/migrations) as the tables' owner:
// the database in MIGRATION_DATABASE_URL, or in DATABASE_URL when that is unset (then the portal's
// role is the owner: docs/security.md#database-roles). Shows Prisma's own output. It never starts
// the embedded PostgreSQL: `npm start` migrates that one by itself, every time it starts.
import { checkAppGroupRole } from "./lib/database-roles.mts";
import { bin, runCommand } from "./lib/run-command.mts";

const url = process.env.MIGRATION_DATABASE_URL?.trim() || process.env.DATABASE_URL?.trim();
if (!url) {
  console.error(
    "MIGRATION_DATABASE_URL and DATABASE_URL are not set: npm run db:migrate applies the migrations to the database " +
      "MIGRATION_DATABASE_URL names, as the tables' owner (for example " +
      "MIGRATION_DATABASE_URL=postgresql://owner@127.0.0.1:5432/disburse npm run db:migrate), or DATABASE_URL's when " +
      "that is unset, and npm start migrates its embedded PostgreSQL by itself.",
  );
  process.exit(1);
}

try {
  await runCommand(bin("prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url, MIGRATION_DATABASE_URL: url },
  });
  const warning = await checkAppGroupRole(url);
  if (warning) console.warn(`[migrate] warning: ${warning}`);
} catch (error) {
  console.error(`[migrate] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
