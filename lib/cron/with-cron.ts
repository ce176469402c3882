import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { NextResponse } from "next/server";
import { config } from "@/lib/config";
import { log } from "@/lib/log";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/** Constant-time: both sides are hashed to equal length first, so neither length nor content leaks. */
export function bearerMatches(header: string | null, secret: string): boolean {
  return timingSafeEqual(digest(header ?? ""), digest(`Bearer ${secret}`));
}

/**
 * Scheduled-job routes (Vercel-style cron). The bearer secret is always checked, on Vercel or
 * not; without a configured secret the job never runs.
 */
export function withCron(job: (context: { now: Date }) => Promise<unknown>) {
  return async function GET(request: Request): Promise<Response> {
    const secret = config().cronSecret;
    if (!secret) return NextResponse.json({ error: "cron secret not configured" }, { status: 500 });
    if (!bearerMatches(request.headers.get("authorization"), secret)) {
      return NextResponse.json({ error: "A valid cron bearer secret is required" }, { status: 401 });
    }
    try {
      return NextResponse.json(await job({ now: new Date() }), { headers: { "Cache-Control": "no-store" } });
    } catch (err) {
      log.error({ err, path: new URL(request.url).pathname }, "cron job failed");
      return NextResponse.json({ error: "The job failed; see the logs" }, { status: 500 });
    }
  };
}
