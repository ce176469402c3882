import type { Metadata } from "next";
import { BackLink } from "@/components/back-link";
import { requirePage } from "@/lib/auth/guards";
import { KeyInClaimForm } from "./key-in-claim-form";

export const metadata: Metadata = { title: "Key in a claim" };
export const dynamic = "force-dynamic";

export default async function KeyInClaimPage() {
  await requirePage("claimNew");
  return (
    <>
      <BackLink href="/claims">All claims</BackLink>
      <KeyInClaimForm />
    </>
  );
}
