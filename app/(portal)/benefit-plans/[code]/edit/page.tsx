import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/back-link";
import { PageHeading } from "@/components/page-heading";
import { requirePage } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { attributeRowCount, benefitPlanFormValues } from "@/lib/plans/benefit-plans/benefit-plan-form";
import { findBenefitPlan } from "@/lib/plans/benefit-plans/load-benefit-plan";
import { BenefitPlanForm } from "../../_components/benefit-plan-form";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Change benefit plan ${decodeURIComponent((await params).code).toUpperCase()}` };
}

export default async function EditBenefitPlanPage({ params }: Params) {
  await requirePage("benefitPlanEdit");
  const plan = await findBenefitPlan(prisma, decodeURIComponent((await params).code));
  if (!plan) notFound();
  return (
    <>
      <BackLink href={`/benefit-plans/${plan.code}`}>{plan.name}</BackLink>
      <PageHeading caption={`Benefit plan ${plan.code}`}>Change {plan.name}</PageHeading>
      <BenefitPlanForm mode="change" rows={attributeRowCount(plan.attributes.length)} values={benefitPlanFormValues(plan)} />
    </>
  );
}
