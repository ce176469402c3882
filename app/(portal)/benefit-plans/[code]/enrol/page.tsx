import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/back-link";
import { PageHeading } from "@/components/page-heading";
import { requirePage } from "@/lib/auth/guards";
import { londonDate } from "@/lib/dates/london-date";
import { prisma } from "@/lib/db";
import { findBenefitPlan } from "@/lib/plans/benefit-plans/load-benefit-plan";
import { enrolmentFormFields } from "@/lib/plans/enrolments/enrolment-form";
import { EnrolForm } from "./enrol-form";

export const dynamic = "force-dynamic";

type Params = { params: Promise<{ code: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  return { title: `Enrol a person in ${decodeURIComponent((await params).code).toUpperCase()}` };
}

export default async function EnrolPage({ params }: Params) {
  await requirePage("benefitPlanEnrol");
  const plan = await findBenefitPlan(prisma, decodeURIComponent((await params).code));
  if (!plan) notFound();
  const [year, month, day] = londonDate(new Date()).split("-");
  return (
    <>
      <BackLink href={`/benefit-plans/${plan.code}`}>{plan.name}</BackLink>
      <PageHeading caption={`Benefit plan ${plan.code}`}>Enrol a person</PageHeading>
      <EnrolForm
        planCode={plan.code}
        declarations={plan.attributes}
        fields={enrolmentFormFields(plan.attributes)}
        today={{ day: String(Number(day)), month: String(Number(month)), year }}
      />
    </>
  );
}
