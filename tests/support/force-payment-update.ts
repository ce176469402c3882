import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/**
 * Test set-up only: puts a payment in a state as if another writer had moved it (a failure
 * reported by hand, a cancellation during a run), past the database's guard that lets only
 * movePayments change Payment.status (docs/domain.md#what-moves-a-payment). Product code never
 * does this: the guard is what makes movePayments the one owner.
 */
export async function forcePaymentUpdate(db: PrismaClient, args: Prisma.PaymentUpdateArgs) {
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT set_config('disburse.payment_owner', 'on', true)`;
    return tx.payment.update(args);
  });
}
