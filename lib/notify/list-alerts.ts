import type { Db } from "@/lib/db";
import { alertTitle } from "./rules/alert-email";

export interface OpenAlert {
  id: string;
  kind: string;
  /** The kind in words, as the email's subject names it. */
  title: string;
  message: string;
  createdAt: Date;
  runId: string | null;
  batchId: string | null;
}

/** Alerts nobody has marked dealt with, newest first, for /runs; `total` counts them all. */
export async function listOpenAlerts(db: Db, options: { limit?: number } = {}): Promise<{ alerts: OpenAlert[]; total: number }> {
  const where = { resolvedAt: null };
  const [rows, total] = await Promise.all([
    db.alert.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: options.limit ?? 20,
      select: { id: true, kind: true, message: true, createdAt: true, runId: true, batchId: true },
    }),
    db.alert.count({ where }),
  ]);
  return { alerts: rows.map((row) => ({ ...row, title: alertTitle(row.kind) })), total };
}
