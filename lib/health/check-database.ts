import "server-only";
import { prisma } from "@/lib/db";
import { log } from "@/lib/log";

const TIMEOUT_MS = 2_000;

export async function checkDatabase(): Promise<"ok" | "down"> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      prisma.$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("database health check timed out")), TIMEOUT_MS);
      }),
    ]);
    return "ok";
  } catch (err) {
    log.warn({ err }, "database health check failed");
    return "down";
  } finally {
    clearTimeout(timer);
  }
}
