import "server-only";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createDb } from "./create-db";

// One client per server process (and across `next dev` reloads). It must not throw at import:
// `next build` imports route modules without a database. The adapter connects on first query.
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };

export const prisma = globalForPrisma.prisma ?? createDb(process.env.DATABASE_URL);

globalForPrisma.prisma = prisma;

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
