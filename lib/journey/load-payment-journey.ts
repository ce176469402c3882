import type { Db } from "@/lib/db";
import { decryptBankDetails, maskAccountNumber, maskSortCode } from "@/lib/crypto/bank-details-cipher";
import { bankDetailsKey } from "@/lib/crypto/bank-details-key";
import type { Role } from "@/lib/auth/roles";
import { buildJourney } from "./build-journey";
import { journeyKey, journeySql } from "./journey-query";
import type { JourneyRow, PaymentRowData } from "./journey-rows";
import type { PaymentJourney } from "./journey-types";

/**
 * The journey's rows of the payment whose reference (case-insensitive) or UUID is `key`, in ONE
 * statement of the same shape for every payment (docs/payment-journey.md#one-query): the payment
 * is found by its primary key or its unique reference, and every other source is reached from it
 * through an index (EXPLAIN in tests/journey/journey-query-plan.test.ts). Bank details come back as
 * ciphertext for the caller to mask; nothing else is secret.
 */
export async function loadJourneyRows(db: Db, key: string): Promise<{ rows: JourneyRow[]; ciphertext: string | null } | null> {
  const k = journeyKey(key);
  if (!k) return null;
  const raw = await db.$queryRaw<(JourneyRow & { cipher: string | null })[]>(journeySql(k));
  if (raw.length === 0) return null;
  let ciphertext: string | null = null;
  const rows = raw.map(({ cipher, ...row }) => {
    if (row.src === "payment") ciphertext = cipher;
    return { ...row, seq: Number(row.seq) } as JourneyRow;
  });
  return { rows, ciphertext };
}

/**
 * The journey of the payment whose reference (case-insensitive) or UUID is `key`, or null when
 * there is none. One query shape whatever the payment (docs/payment-journey.md#one-query). Links
 * are those `viewerRole` may follow; without a role (the support CLI), every link is kept.
 */
export async function loadPaymentJourney(
  db: Db,
  key: string,
  options: { viewerRole?: Role | null; bankKey?: Buffer } = {},
): Promise<PaymentJourney | null> {
  const loaded = await loadJourneyRows(db, key);
  if (!loaded) return null;
  const masked = maskedBankDetails(loaded.ciphertext, options.bankKey);
  const rows = loaded.rows.map((r) =>
    r.src === "payment" ? { ...r, d: { ...r.d, bankDetailsMasked: masked } satisfies PaymentRowData } : r,
  );
  return buildJourney(rows, options.viewerRole ?? null);
}

function maskedBankDetails(ciphertext: string | null, bankKey: Buffer | undefined) {
  if (!ciphertext) return null;
  try {
    const plain = decryptBankDetails(ciphertext, bankKey ?? bankDetailsKey());
    return { sortCode: maskSortCode(plain.sortCode), accountNumber: maskAccountNumber(plain.accountNumber) };
  } catch {
    // Details under a key this process does not hold (a rotation under way): shown as not known.
    return null;
  }
}
