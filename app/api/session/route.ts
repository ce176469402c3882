// "Stay signed in" on the idle warning: the request itself marks the session used (lib/auth/sessions);
// the answer only says whether the session still stands.
import { NextResponse } from "next/server";
import { routes } from "@/lib/auth/access";
import { requireApiRole } from "@/lib/auth/guards";

export const dynamic = "force-dynamic";

export async function POST() {
  const { response } = await requireApiRole(routes.session);
  return response ?? NextResponse.json({ ok: true });
}
