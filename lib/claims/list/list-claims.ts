import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ClaimStatus, HoldReason, PaymentMethod, PaymentStatus } from "@/lib/generated/prisma/enums";
import { fetchLimit, keysetPage, keysetStart } from "@/lib/pagination/keyset";
import type { ClaimCursor } from "./claim-list-cursor";
import type { ClaimListParams } from "./claim-list-params";
import { claimListSql, type ResolvedSearch } from "./claim-list-sql";
import type { ClaimSort } from "./claim-list-sort";
import { classifySearch } from "./claim-search";

export type ClaimListRow = {
  id: string;
  reference: string;
  claimantId: string;
  claimantName: string;
  /** The claimant's, YYYY-MM-DD: tells two people of the same name apart. */
  dateOfBirth: string;
  postcode: string;
  /** YYYY-MM-DD. */
  eventDate: string;
  /** When the claim was received (created), ISO 8601 in UTC. */
  receivedAt: string;
  method: PaymentMethod;
  status: ClaimStatus;
  assignedToName: string | null;
  claimedPence: number;
  /** Null until a line has been decided. */
  approvedPence: number | null;
  needsAttention: boolean;
  latestPayment: { status: PaymentStatus; holdReason: HoldReason | null } | null;
};

export type ClaimListPage = { rows: ClaimListRow[]; nextCursor?: ClaimCursor; previousCursor?: ClaimCursor };

type RawRow = {
  id: string;
  reference: string;
  firstName: string;
  lastName: string;
  claimantId: string;
  dateOfBirth: string;
  postcode: string;
  receivedKey: string;
  eventDate: string;
  lastNameKey: string;
  firstNameKey: string;
  method: PaymentMethod;
  status: ClaimStatus;
  needsAttention: boolean;
  assignedToName: string | null;
  claimedPence: bigint;
  approvedPence: bigint | null;
  paymentStatus: PaymentStatus | null;
  holdReason: HoldReason | null;
};

function cursorFor(sort: ClaimSort, row: RawRow): ClaimCursor {
  const key: Record<ClaimSort, string[]> = {
    received: [row.receivedKey, row.id],
    eventDate: [row.eventDate, row.id],
    reference: [row.reference],
    claimant: [row.lastNameKey, row.firstNameKey, row.id],
  };
  return { sort, key: key[sort] };
}

function toRow(row: RawRow): ClaimListRow {
  return {
    id: row.id,
    reference: row.reference,
    claimantId: row.claimantId,
    claimantName: `${row.firstName} ${row.lastName}`,
    dateOfBirth: row.dateOfBirth,
    postcode: row.postcode,
    eventDate: row.eventDate,
    receivedAt: row.receivedKey,
    method: row.method,
    status: row.status,
    assignedToName: row.assignedToName,
    claimedPence: Number(row.claimedPence),
    approvedPence: row.approvedPence === null ? null : Number(row.approvedPence),
    needsAttention: row.needsAttention,
    latestPayment: row.paymentStatus ? { status: row.paymentStatus, holdReason: row.holdReason } : null,
  };
}

/**
 * A seven-letter reference such as BENNETT could also be a surname, and A1234BC a prison number:
 * it is a reference search only if that claim exists (one lookup on the unique index), otherwise a
 * name or prison-number search.
 */
async function resolveSearch(db: Db, q: string | undefined): Promise<ResolvedSearch | undefined> {
  if (!q) return undefined;
  const search = classifySearch(q);
  if (search.kind !== "claimReference") return search;
  const reference: ResolvedSearch = { kind: "claimReference", reference: search.reference };
  if (!search.orName && !search.orPrisonerNumber) return reference;
  const claim = await db.claim.findUnique({ where: { reference: search.reference }, select: { id: true } });
  if (claim) return reference;
  return search.orName
    ? { kind: "name", name: search.orName }
    : { kind: "prisonerNumber", prisonerNumber: search.orPrisonerNumber! };
}

type ListClaimsOptions = { db: Db; filter: ClaimListParams; userId: string; pageSize?: number };

/** The page query listClaims runs for these options (the search resolved), e.g. to EXPLAIN it. */
export async function listClaimsQuery(options: ListClaimsOptions): Promise<Prisma.Sql> {
  const { db, filter, userId, pageSize = 50 } = options;
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`pageSize must be a positive integer, got ${pageSize}`);
  const search = await resolveSearch(db, filter.q);
  return claimListSql({ params: filter, search, userId, limit: fetchLimit(pageSize) });
}

/** One page of the claim list, with cursors for the pages either side (absent at either end). */
export async function listClaims(options: ListClaimsOptions): Promise<ClaimListPage> {
  const { db, filter, pageSize = 50 } = options;
  const fetched = await db.$queryRaw<RawRow[]>(await listClaimsQuery(options));
  const start = keysetStart({ next: filter.after, previous: filter.before });
  const page = keysetPage(fetched, { pageSize, start, cursorOf: (row) => cursorFor(filter.sort, row) });
  if (page.rows.length === 0) return { rows: [] };
  return { rows: page.rows.map(toRow), nextCursor: page.next, previousCursor: page.previous };
}
