// End-to-end tests seed what they need straight into the e2e database, so each test owns its data.
import { hash } from "@node-rs/argon2";
import { randomUUID } from "node:crypto";
import pg from "pg";

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD || "Disburse-demo-1";
export type Role = "CASEWORKER" | "SSCL_FINANCE" | "ACCOUNTANT" | "PLAN_MANAGER" | "ADMIN";

export async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

let passwordHash: Promise<string> | undefined;

/** A fresh user with the demo password, for tests that change users (lockout, disabling). */
export async function createUser(role: Role, label = role.toLowerCase()): Promise<{ id: string; email: string; name: string }> {
  passwordHash ??= hash(DEMO_PASSWORD, { memoryCost: 19_456, timeCost: 2, parallelism: 1 });
  const id = randomUUID();
  const email = `${label}-${id.slice(0, 8)}@e2e.disburse.test`;
  const name = `E2E ${label} ${id.slice(0, 4)}`;
  await sql(
    `INSERT INTO "User" (id, email, name, role, "passwordHash", "updatedAt") VALUES ($1, $2, $3, $4::"Role", $5, now())`,
    [id, email, name, role, await passwordHash],
  );
  return { id, email, name };
}

export async function userIdByEmail(email: string): Promise<string> {
  const [row] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  return row.id;
}
