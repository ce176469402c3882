import type { Metadata } from "next";
import { BackLink } from "@/components/back-link";
import { PageHeading } from "@/components/page-heading";
import { requirePage } from "@/lib/auth/guards";
import { KeyInClaimForm } from "./key-in-claim-form";

export const metadata: Metadata = { title: "Key in a claim" };
export const dynamic = "force-dynamic";

export default async function KeyInClaimPage() {
  await requirePage("claimNew");
  return (
    <>
      <BackLink href="/claims">All claims</BackLink>
      <PageHeading caption="Assisted digital">Key in a claim</PageHeading>
      <p className="mb-4 max-w-3xl">
        For a claimant who cannot use the online service. The same checks apply as online; the claim is recorded as keyed in by
        you.
      </p>
      <KeyInClaimForm />
    </>
  );
}
