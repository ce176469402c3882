// `npm run create-admin -- --email <address> [--name "Full Name"]`: makes an administrator with a
// one-time password, printed once, that must be changed at first sign-in. The way to get the
// first admin in production, where no demo users exist: the bootstrap, run on the server, so it is
// approved at once (every account made in the portal waits for a second admin instead).
import { parseArgs } from "node:util";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client.ts";
import { createBootstrapAdmin } from "../lib/users/create-bootstrap-admin.ts";
import { createUserSchema } from "../lib/users/schemas.ts";
import { isAppError } from "../lib/errors.ts";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
if (!process.env.DATABASE_URL) {
  console.error("DATABASE_URL is required: the database to create the administrator in.");
  process.exit(1);
}
const parsed = createUserSchema.safeParse({ email: values.email ?? "", name: values.name ?? "Administrator", role: "ADMIN" });
if (!parsed.success) {
  console.error(`Cannot create the administrator: ${parsed.error.issues.map((i) => i.message).join("; ")}.`);
  console.error('Usage: npm run create-admin -- --email <address> [--name "Full Name"]');
  process.exit(1);
}

const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });
try {
  const { oneTimePassword } = await createBootstrapAdmin({ db, email: parsed.data.email, name: parsed.data.name });
  console.log(`Administrator ${parsed.data.email} created.`);
  console.log(`One-time password (shown once; it must be changed at first sign-in): ${oneTimePassword}`);
} catch (error) {
  if (isAppError(error)) {
    console.error(`Cannot create the administrator: ${error.message}.`);
    process.exitCode = 1;
  } else throw error;
} finally {
  await db.$disconnect();
}
