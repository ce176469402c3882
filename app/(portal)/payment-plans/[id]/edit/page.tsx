import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/back-link";
import { PageHeading } from "@/components/page-heading";
import { requirePage } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { planFormValues } from "@/lib/plans/payment-plans/plan-form-values";
import { loadPaymentPlan } from "@/lib/plans/payment-plans/queries";
import { PlanForm } from "../../_components/plan-form";

export const metadata: Metadata = { title: "Change a payment plan" };
export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Props = { params: Promise<{ id: string }> };

export default async function EditPaymentPlanPage({ params }: Props) {
  await requirePage("paymentPlanEdit");
  const { id } = await params;
  const plan = UUID.test(id) ? await loadPaymentPlan(prisma, id.toLowerCase()) : null;
  if (!plan) notFound();
  const current = plan.versions[0];
  return (
    <>
      <BackLink href={`/payment-plans/${plan.id}`}>Back to {plan.code}</BackLink>
      <PageHeading caption={`Payment plan ${plan.code}, version ${current.version}`}>Change {plan.name}</PageHeading>
      <PlanForm
        mode={{ kind: "change", planId: plan.id, baseVersion: current.version }}
        benefitPlan={plan.benefitPlan}
        initialValues={planFormValues(plan, current.rule)}
        hasCycles={plan.cycles > 0}
      />
    </>
  );
}
