import { makeClaimReference } from "@/lib/references/claim-reference";
import { encryptBankDetails, type BankDetailsPlain } from "@/lib/crypto/bank-details-cipher";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ContactPreference, PaymentMethod } from "@/lib/generated/prisma/enums";

export const VALID_BANK: BankDetailsPlain = {
  sortCode: "200000",
  accountNumber: "55779911",
  nameOnAccount: "A Lovelace",
  rollNumber: null,
};

/** A NEW claim with its claimant, (optionally) bank details and expense lines, straight into the database. */
export async function makeClaim(
  db: PrismaClient,
  key: Buffer,
  options: {
    method?: PaymentMethod;
    lines?: number[];
    bank?: BankDetailsPlain | null;
    contactPreference?: ContactPreference;
    keyedInById?: string;
    status?: "NEW" | "UPDATED" | "INFORMATION_REQUESTED";
  } = {},
) {
  const claimant = await db.claimant.create({
    data: {
      firstName: "Ada",
      lastName: "Lovelace",
      dateOfBirth: new Date("1985-12-10"),
      email: "ada@example.com",
      phone: "07700900123",
      addressLine1: "1 High Street",
      town: "Leeds",
      county: "West Yorkshire",
      postcode: "LS1 1AA",
      country: "England",
      contactPreference: options.contactPreference ?? "EMAIL",
    },
  });
  const bank = options.bank === undefined ? VALID_BANK : options.bank;
  if (bank) await db.bankDetails.create({ data: { claimantId: claimant.id, ciphertext: encryptBankDetails(bank, key) } });
  const claim = await db.claim.create({
    data: {
      reference: makeClaimReference(),
      claimantId: claimant.id,
      eventDate: new Date("2026-11-01"),
      paymentMethod: options.method ?? "BANK",
      source: options.keyedInById ? "ASSISTED_DIGITAL" : "API",
      keyedInById: options.keyedInById,
      status: options.status ?? "NEW",
      expenses: {
        create: (options.lines ?? [1240, 3000]).map((claimedPence, i) => ({
          lineNo: i + 1,
          type: "TRAIN" as const,
          description: `Journey ${i + 1}`,
          claimedPence,
        })),
      },
    },
    include: { expenses: { orderBy: { lineNo: "asc" } } },
  });
  return { claim, claimant };
}

/** A form reader for decideClaim from plain field values. */
export function formReader(fields: Record<string, string>) {
  return (name: string) => fields[name] ?? null;
}
