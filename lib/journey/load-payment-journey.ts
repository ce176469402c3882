import type { Db } from "@/lib/db";
import type { PaymentJourney } from "./journey-types";

/**
 * The journey of the payment whose reference (case-insensitive) or UUID is `key`, or null when
 * there is none. One query shape whatever the payment (docs/payment-journey.md#one-query).
 * CONTRACT STUB: the journey helper replaces this body.
 */
export async function loadPaymentJourney(db: Db, key: string): Promise<PaymentJourney | null> {
  void db;
  void key;
  throw new Error("loadPaymentJourney: not built yet");
}
