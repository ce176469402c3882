// The run lock is the partial unique index "Run_one_running_per_kind" (migration
// 20261122210000_run_lock): a second RUNNING run of a kind fails to insert with 23505. Prisma
// reports it as P2002 (model calls) or P2010 (raw SQL); both carry the constraint name. Only this
// constraint means "a run is in progress": any other unique violation is a real error.

const LOCK_INDEX = "Run_one_running_per_kind";

export function isRunLockConflict(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const meta = (
    error as Error & { meta?: { driverAdapterError?: { cause?: { originalCode?: string; originalMessage?: string } } } }
  ).meta;
  const cause = meta?.driverAdapterError?.cause;
  if (cause?.originalCode === "23505") return (cause.originalMessage ?? "").includes(LOCK_INDEX);
  return error.message.includes(LOCK_INDEX) && (error.message.includes("23505") || error.message.includes("Unique constraint"));
}
