import { decryptBankDetails, maskAccountNumber, maskSortCode } from "@/lib/crypto/bank-details-cipher";
import type { Db } from "@/lib/db";

// Everything the person page (/claimants/<id>) shows about one person: their details, bank details
// masked (never in full here: the claim page's bank-details section is where a checker sees them),
// every claim with its totals, every payment, the messages sent to them and their enrolments.
// Read only; no audit entry, as the claim page's masked details have none.

export type PersonPage = NonNullable<Awaited<ReturnType<typeof getPersonPage>>>;

const MAX_ROWS = 200;

export async function getPersonPage(db: Db, id: string, key: Buffer) {
  const person = await db.claimant.findUnique({
    where: { id },
    include: {
      bankDetails: { select: { ciphertext: true } },
      mergedInto: { select: { id: true, firstName: true, lastName: true, reference: true } },
      claims: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: MAX_ROWS,
        select: {
          id: true,
          reference: true,
          status: true,
          eventDate: true,
          createdAt: true,
          paymentMethod: true,
          expenses: { select: { claimedPence: true, approvedPence: true } },
        },
      },
      payments: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: MAX_ROWS,
        select: {
          id: true,
          reference: true,
          method: true,
          amountPence: true,
          status: true,
          createdAt: true,
          claim: { select: { reference: true } },
        },
      },
      notifications: {
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: MAX_ROWS,
        select: {
          id: true,
          channel: true,
          template: true,
          status: true,
          createdAt: true,
          sentAt: true,
          claim: { select: { reference: true } },
        },
      },
      enrolments: {
        orderBy: { enrolledFrom: "desc" },
        select: { id: true, enrolledFrom: true, enrolledTo: true, benefitPlan: { select: { code: true, name: true } } },
      },
    },
  });
  if (!person) return null;
  const { bankDetails, claims, ...rest } = person;
  const plain = bankDetails && !person.erasedAt ? decryptBankDetails(bankDetails.ciphertext, key) : null;
  return {
    ...rest,
    bankDetails: plain && {
      nameOnAccount: plain.nameOnAccount,
      sortCode: maskSortCode(plain.sortCode),
      accountNumber: maskAccountNumber(plain.accountNumber),
    },
    claims: claims.map(({ expenses, ...claim }) => ({
      ...claim,
      claimedPence: expenses.reduce((sum, l) => sum + l.claimedPence, 0),
      approvedPence: expenses.some((l) => l.approvedPence !== null)
        ? expenses.reduce((sum, l) => sum + (l.approvedPence ?? 0), 0)
        : null,
    })),
    /** True when a list was cut at MAX_ROWS. */
    truncated: claims.length === MAX_ROWS || person.payments.length === MAX_ROWS || person.notifications.length === MAX_ROWS,
  };
}
