import type { Metadata } from "next";
import { BackLink } from "@/components/back-link";
import { PageHeading } from "@/components/page-heading";
import { requirePage } from "@/lib/auth/guards";
import { emptyPlanForm } from "@/lib/plans/payment-plans/plan-form-fields";
import {
  ChooseBenefitPlanStep,
  chosenBenefitPlan,
  listBenefitPlansToChoose,
  type BenefitPlanSearchParams,
} from "../../_components/choose-benefit-plan";
import { PlanForm } from "../_components/plan-form";

export const dynamic = "force-dynamic";

type Props = { searchParams: BenefitPlanSearchParams };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { plan, asked } = await chosenBenefitPlan(searchParams);
  return { title: `${asked && !plan ? "Error: " : ""}Create a payment plan` };
}

// Two steps, each a plain form: the benefit plan first (its attributes are what the rule's
// conditions can use), then the plan and its rule.
export default async function NewPaymentPlanPage({ searchParams }: Props) {
  await requirePage("paymentPlanNew");
  const { plan: chosen, asked } = await chosenBenefitPlan(searchParams);

  if (!chosen) {
    return (
      <ChooseBenefitPlanStep
        choices={await listBenefitPlansToChoose()}
        asked={asked}
        caption="Payment plans"
        heading="Create a payment plan"
        back={{ href: "/payment-plans", text: "All payment plans" }}
        action="/payment-plans/new"
        legend="Which benefit plan's beneficiaries does it pay?"
        hint="The plan's conditions use that benefit plan's attributes. It cannot change later."
        none="There are no benefit plans yet. A payment plan pays the beneficiaries of a benefit plan: create that first."
      />
    );
  }

  return (
    <>
      <BackLink href="/payment-plans/new">Choose another benefit plan</BackLink>
      <PageHeading caption="Payment plans">Create a payment plan</PageHeading>
      <PlanForm mode={{ kind: "create", benefitPlanId: chosen.id }} benefitPlan={chosen} initialValues={emptyPlanForm()} />
    </>
  );
}
