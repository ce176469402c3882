// Liveness and database check for load balancers and the start script. Public by design.
import { NextResponse } from "next/server";
import { checkDatabase } from "@/lib/health/check-database";

export const dynamic = "force-dynamic";

export async function GET() {
  const database = await checkDatabase();
  return NextResponse.json(
    { status: database === "ok" ? "ok" : "error", database },
    { status: database === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
