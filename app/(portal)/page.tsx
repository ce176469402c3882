import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/page-heading";
import { statusLabel } from "@/components/status";
import { VisuallyHidden } from "@/components/visually-hidden";
import { homeSectionsFor } from "@/lib/navigation/home-sections";
import { actions, mayUse, pages } from "@/lib/auth/access";
import { requirePage } from "@/lib/auth/guards";
import { roleLabels } from "@/lib/auth/roles";
import { claimListHref, DEFAULT_CLAIM_LIST_PARAMS } from "@/lib/claims/list/claim-list-params";
import { countClaimsByStatus, type ClaimCounts } from "@/lib/claims/list/count-claims-by-status";
import { listMyOpenClaims } from "@/lib/claims/queue/my-open-claims";
import { listWaitingForMe } from "@/lib/claims/queue/waiting-for-me";
import { prisma } from "@/lib/db";
import { ClaimStatus } from "@/lib/generated/prisma/enums";
import { YourPaymentPoints } from "./payment-points/_components/your-points";
import { MyOpenClaimsPanel, WaitingForMePanel } from "./_components/caseworker-queue";

export const metadata: Metadata = { title: "Home" };
export const dynamic = "force-dynamic";

// Each number links to the claim list filtered to exactly the claims it counts.
function CountLink({ href, label, count }: { href: string; label: string; count: number }) {
  return (
    <Link href={href} className="block border-l-4 border-link bg-light-grey px-4 py-3 no-underline hover:underline">
      <span className="block">{label}</span>
      <span className="block text-3xl font-bold tabular-nums">
        {count.toLocaleString("en-GB")}
        <VisuallyHidden> {count === 1 ? "claim" : "claims"}</VisuallyHidden>
      </span>
    </Link>
  );
}

function ClaimCountsPanel({ counts }: { counts: ClaimCounts }) {
  // Every status, so each number is exactly what its link lists (the list's default is open claims only).
  const href = (changes: Parameters<typeof claimListHref>[1]) =>
    claimListHref(DEFAULT_CLAIM_LIST_PARAMS, { status: undefined, ...changes });
  return (
    <section aria-labelledby="claim-counts-heading" className="mb-10">
      <h2 id="claim-counts-heading" className="mb-4 text-2xl font-bold">
        Claims by status
      </h2>
      <ul className="mb-4 grid gap-4 sm:grid-cols-3 lg:grid-cols-5">
        {Object.values(ClaimStatus).map((status) => (
          <li key={status}>
            <CountLink href={href({ status })} label={statusLabel(status, "claim")} count={counts.byStatus[status]} />
          </li>
        ))}
      </ul>
      <ul className="grid gap-4 sm:grid-cols-3 lg:grid-cols-5">
        <li>
          <CountLink href={href({ attention: true })} label="Needs attention" count={counts.needsAttention} />
        </li>
      </ul>
    </section>
  );
}

export default async function HomePage() {
  const user = await requirePage("home");
  const sections = homeSectionsFor(user.role);
  const counts = mayUse(pages.claims.roles, user.role) ? await countClaimsByStatus({ db: prisma, userId: user.id }) : null;
  const isCaseworker = mayUse(actions.decideClaim, user.role);
  const [myOpen, waiting] = isCaseworker
    ? await Promise.all([listMyOpenClaims({ db: prisma, userId: user.id }), listWaitingForMe({ db: prisma, userId: user.id })])
    : [null, null];
  return (
    <>
      <PageHeading caption={roleLabels[user.role]}>Welcome, {user.name}</PageHeading>
      {myOpen && <MyOpenClaimsPanel claims={myOpen} />}
      {waiting && <WaitingForMePanel waiting={waiting} />}
      {counts && <ClaimCountsPanel counts={counts} />}
      <YourPaymentPoints userId={user.id} />
      <p className="mb-8 max-w-2xl">What you can do in Disburse:</p>
      <ul className="grid gap-6 sm:grid-cols-2">
        {sections.map((section) => (
          <li key={section.title} className="border-t-4 border-link pt-3">
            <h2 className="mb-2 text-xl font-bold">
              {section.href ? <Link href={section.href}>{section.title}</Link> : section.title}
            </h2>
            <p>{section.description}</p>
            {!section.href && <p className="mt-1 text-secondary">Not available yet.</p>}
          </li>
        ))}
      </ul>
    </>
  );
}
