import { describe, expect, it, vi } from "vitest";
import { useTestDatabase } from "../support/test-db";

const { url } = useTestDatabase();

async function loadRoute(databaseUrl: string) {
  vi.resetModules();
  process.env.DATABASE_URL = databaseUrl;
  delete (globalThis as { prisma?: unknown }).prisma;
  return import("@/app/api/health/route");
}

describe("GET /api/health", () => {
  it("answers 200 ok when the database answers", async () => {
    const { GET } = await loadRoute(url());
    const response = await GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });

  it("answers 503 with the database down when it does not", async () => {
    const { GET } = await loadRoute("postgresql://postgres@127.0.0.1:1/nowhere");
    const response = await GET();
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "error", database: "down" });
  });
});
