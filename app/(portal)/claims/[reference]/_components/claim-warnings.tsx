import Link from "next/link";
import { formatDate } from "@/components/format-date";
import { WarningText } from "@/components/warning-text";
import { statusLabel } from "@/components/status";
import { loadClaimWarnings } from "@/lib/claims/queue/claim-warnings";
import { prisma } from "@/lib/db";

// At the top of the claim page, before anything is decided: the same bank account held by another
// person (the bank-details section lists them in full), and another claim of this person for the
// same event date (docs/caseworker-queue.md#warnings).
export async function ClaimWarnings({ claimId }: { claimId: string }) {
  const { sameAccount, sameEventDate } = await loadClaimWarnings(prisma, { claimId, now: new Date() });
  if (sameAccount.length === 0 && sameEventDate.length === 0) return null;
  return (
    <div data-testid="claim-warnings">
      {sameAccount.length > 0 && (
        <WarningText>
          {sameAccount.length === 1
            ? "This claimant's bank account is also used by another person: "
            : `This claimant's bank account is also used by ${sameAccount.length} other people: `}
          {sameAccount.map((p, i) => (
            <span key={p.personId}>
              {i > 0 && "; "}
              <Link href={`/claimants/${p.personId}`}>
                {p.firstName} {p.lastName}
              </Link>
              {p.claimReferences.length > 0 && (
                <>
                  {" "}
                  (
                  {p.claimReferences.map((reference, j) => (
                    <span key={reference}>
                      {j > 0 && ", "}
                      <Link href={`/claims/${reference}`}>claim {reference}</Link>
                    </span>
                  ))}
                  )
                </>
              )}
            </span>
          ))}
          . Check the bank details before deciding.
        </WarningText>
      )}
      {sameEventDate.length > 0 && (
        <WarningText>
          {sameEventDate.length === 1
            ? "This person has another claim for the same event date: "
            : `This person has ${sameEventDate.length} other claims for the same event date: `}
          {sameEventDate.map((c, i) => (
            <span key={c.reference}>
              {i > 0 && "; "}
              <Link href={`/claims/${c.reference}`}>claim {c.reference}</Link> ({statusLabel(c.status, "claim").toLowerCase()},
              received {formatDate(c.createdAt)})
            </span>
          ))}
          . Check it is not the same claim twice.
        </WarningText>
      )}
    </div>
  );
}
