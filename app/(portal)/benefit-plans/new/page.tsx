import type { Metadata } from "next";
import { BackLink } from "@/components/back-link";
import { PageHeading } from "@/components/page-heading";
import { requirePage } from "@/lib/auth/guards";
import { attributeRowCount } from "@/lib/plans/benefit-plans/benefit-plan-form";
import { BenefitPlanForm } from "../_components/benefit-plan-form";

export const metadata: Metadata = { title: "Create a benefit plan" };
export const dynamic = "force-dynamic";

export default async function NewBenefitPlanPage() {
  await requirePage("benefitPlanNew");
  return (
    <>
      <BackLink href="/benefit-plans">All benefit plans</BackLink>
      <PageHeading>Create a benefit plan</PageHeading>
      <BenefitPlanForm mode="create" rows={attributeRowCount(2)} />
    </>
  );
}
