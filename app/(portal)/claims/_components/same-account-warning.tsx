import Link from "next/link";
import { WarningText } from "@/components/warning-text";
import { mayUse, pages } from "@/lib/auth/access";
import type { Role } from "@/lib/auth/roles";
import { PAID_LOOKBACK_MONTHS, type HeldVia, type OwnAccount, type SameAccountPerson } from "@/lib/bank-details/same-account";

const VIA: Record<HeldVia, string> = {
  details: "their approved bank details",
  pending: "bank details waiting for approval",
  paid: `a bank payment in the last ${PAID_LOOKBACK_MONTHS} months`,
};

function whichAccount(shares: OwnAccount[]): string {
  if (shares.length === 2) return "the current and the proposed account";
  return shares[0] === "proposed" ? "the proposed account" : "the current account";
}

/**
 * Other people who hold this person's current or proposed account (docs/security.md#a-checker-who-can-check),
 * with links to their claims and enrolments where the viewer may open them.
 */
export function SameAccountWarning({ people, viewerRole }: { people: SameAccountPerson[]; viewerRole: Role }) {
  if (people.length === 0) return null;
  const claimLinks = mayUse(pages.claim.roles, viewerRole);
  const planLinks = mayUse(pages.beneficiary.roles, viewerRole);
  return (
    <div className="my-6 border-l-[10px] border-error bg-light-grey p-4" data-testid="same-account">
      <WarningText>
        {people.length === 1
          ? "The same account is used by another person."
          : `The same account is used by ${people.length} other people.`}
        {people.some((p) => p.shares.includes("proposed")) && " Check with the claimant before the new details are approved."}
      </WarningText>
      <ul className="list-disc space-y-3 pl-5">
        {people.map((p) => (
          <li key={p.personId}>
            <strong>
              {p.firstName} {p.lastName}
            </strong>
            {p.reference && <> (person reference {p.reference})</>}: {whichAccount(p.shares)}, in{" "}
            {p.via.map((v) => VIA[v]).join(", ")}.
            {claimLinks &&
              p.claimReferences.map((reference) => (
                <span key={reference}>
                  {" "}
                  <Link href={`/claims/${reference}`} className="text-link underline">
                    Claim {reference}
                  </Link>
                </span>
              ))}
            {planLinks &&
              p.reference &&
              p.planCodes.map((code) => (
                <span key={code}>
                  {" "}
                  <Link href={`/benefit-plans/${code}/beneficiaries/${p.reference}`} className="text-link underline">
                    Beneficiary of {code}
                  </Link>
                </span>
              ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
