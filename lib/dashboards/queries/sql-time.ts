import { Prisma } from "@/lib/generated/prisma/client";

// Timestamps are stored as UTC without a zone (Prisma's DateTime): an instant goes in as UTC, and a
// stored column comes out as its London calendar date, "YYYY-MM-DD".

export function utcInstant(at: Date): Prisma.Sql {
  return Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}

export function londonDay(column: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`to_char(((${column} AT TIME ZONE 'UTC') AT TIME ZONE 'Europe/London')::date, 'YYYY-MM-DD')`;
}
