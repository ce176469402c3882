import type { Db } from "@/lib/db";
import { addCalendarDays, londonDayStart } from "@/lib/dates/london-date";
import type { Prisma } from "@/lib/generated/prisma/client";
import { beyondCursor, fetchLimit, keysetPage, keysetStart, readOrder } from "@/lib/pagination/keyset";
import type { BankAdminParams, RunPosition } from "./bank-admin-params";

export const BANK_ADMIN_PAGE_SIZE = 20;

/**
 * Direct-payments runs that made files, newest first, a page at a time by keyset on (startedAt, id):
 * the whole history stays reachable without OFFSET scans. Runs that made no files (EMPTY, or
 * FAILED before any batch) are on the run history page instead.
 */
export async function listBankAdminRuns(db: Db, params: BankAdminParams) {
  const where: Prisma.RunWhereInput = { kind: "DIRECT_PAYMENTS", batches: { some: {} } };
  const startedAt: Prisma.DateTimeFilter = {};
  if (params.from) startedAt.gte = londonDayStart(params.from);
  if (params.to) startedAt.lt = londonDayStart(addCalendarDays(params.to, 1));
  const and: Prisma.RunWhereInput[] = [{ startedAt }];
  // Newest first, so the next page (older runs) is "before" and the previous page is "after".
  const start = keysetStart({ next: params.before, previous: params.after });
  const direction = readOrder("desc", start.backwards);
  if (start.cursor) and.push(beyond(start.cursor, beyondCursor(direction)));

  const rows = await db.run.findMany({
    where: { ...where, AND: and },
    orderBy: [{ startedAt: direction }, { id: direction }],
    take: fetchLimit(BANK_ADMIN_PAGE_SIZE),
    include: {
      batches: {
        orderBy: { createdAt: "asc" },
        include: {
          files: {
            orderBy: { kind: "asc" },
            include: {
              downloads: { orderBy: { downloadedAt: "asc" }, include: { user: { select: { name: true } } } },
            },
          },
        },
      },
    },
  });
  const page = keysetPage(rows, {
    pageSize: BANK_ADMIN_PAGE_SIZE,
    start,
    cursorOf: (r): RunPosition => ({ startedAt: r.startedAt, id: r.id }),
  });
  // Batch.voidedById has no foreign key relation in the schema, so names come in one extra query.
  const voiderIds = [...new Set(page.rows.flatMap((r) => r.batches.flatMap((b) => (b.voidedById ? [b.voidedById] : []))))];
  const voiders = new Map(
    (await db.user.findMany({ where: { id: { in: voiderIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );
  return { runs: page.rows.map((r) => toItem(r, voiders)), newer: page.previous, older: page.next };
}

function beyond(p: RunPosition, op: "lt" | "gt"): Prisma.RunWhereInput {
  return { OR: [{ startedAt: { [op]: p.startedAt } }, { startedAt: p.startedAt, id: { [op]: p.id } }] };
}

type RunRow = Prisma.RunGetPayload<{
  include: {
    batches: {
      include: {
        files: { include: { downloads: { include: { user: { select: { name: true } } } } } };
      };
    };
  };
}>;

function toItem(run: RunRow, voiders: Map<string, string>) {
  return {
    id: run.id,
    startedAt: run.startedAt,
    triggeredBy: run.triggeredBy,
    batches: run.batches.map((b) => ({
      id: b.id,
      status: b.status,
      paymentCount: b.paymentCount,
      totalPence: Number(b.totalPence),
      voidReason: b.voidReason,
      voidedAt: b.voidedAt,
      voidedBy: b.voidedById ? (voiders.get(b.voidedById) ?? null) : null,
      files: b.files.map((f) => ({
        id: f.id,
        kind: f.kind,
        fileName: f.fileName,
        sha256: f.sha256,
        lineCount: f.lineCount,
        totalPence: Number(f.totalPence),
        isVoid: f.isVoid,
        downloads: f.downloads.map((d) => ({ id: d.id, at: d.downloadedAt, by: d.user.name })),
      })),
    })),
  };
}

export type BankAdminRun = Awaited<ReturnType<typeof listBankAdminRuns>>["runs"][number];
