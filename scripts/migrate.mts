// `npm run db:migrate`: applies the committed migrations (prisma/migrations) to the database in
// DATABASE_URL, showing Prisma's own output. It never starts the embedded PostgreSQL: `npm start`
// migrates that one by itself, every time it starts.
import { bin, runCommand } from "./lib/run-command.mts";

const url = process.env.DATABASE_URL?.trim();
if (!url) {
  console.error(
    "DATABASE_URL is not set: npm run db:migrate applies the migrations to the database it names " +
      "(for example DATABASE_URL=postgresql://user@127.0.0.1:5432/disburse npm run db:migrate), " +
      "and npm start migrates its embedded PostgreSQL by itself.",
  );
  process.exit(1);
}

try {
  await runCommand(bin("prisma"), ["migrate", "deploy"], { env: { ...process.env, DATABASE_URL: url } });
} catch (error) {
  console.error(`[migrate] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
