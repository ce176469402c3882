import type { Metadata } from "next";
import { BackLink } from "@/components/back-link";
import { PageHeading } from "@/components/page-heading";
import { requirePage } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { listManagerChoices, listPaymentPoints } from "@/lib/plans/payment-points/queries";
import { emptyPointForm } from "@/lib/plans/payment-points/rules/point-form-fields";
import { positionChoices } from "@/lib/plans/payment-points/rules/point-order";
import {
  ChooseBenefitPlanStep,
  chosenBenefitPlan,
  listBenefitPlansToChoose,
  type BenefitPlanSearchParams,
} from "../../_components/choose-benefit-plan";
import { managerChoices } from "../_components/manager-choices";
import { PointForm } from "../_components/point-form";

export const dynamic = "force-dynamic";

type Props = { searchParams: BenefitPlanSearchParams };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { plan, asked } = await chosenBenefitPlan(searchParams);
  return { title: `${asked && !plan ? "Error: " : ""}Create a payment point` };
}

// Two steps, each a plain form: the benefit plan first (its attributes are what the filters can
// use, and its points the order the new one joins), then the point.
export default async function NewPaymentPointPage({ searchParams }: Props) {
  await requirePage("paymentPointNew");
  const { plan: chosen, asked } = await chosenBenefitPlan(searchParams);

  if (!chosen) {
    return (
      <ChooseBenefitPlanStep
        choices={await listBenefitPlansToChoose()}
        asked={asked}
        caption="Payment points"
        heading="Create a payment point"
        back={{ href: "/payment-points", text: "All payment points" }}
        action="/payment-points/new"
        legend="Which benefit plan's beneficiaries does it group?"
        hint="Its filters use that benefit plan's attributes. It cannot change later."
        none="There are no benefit plans yet. A payment point groups the beneficiaries of a benefit plan: create that first."
      />
    );
  }

  const [points, managers] = await Promise.all([
    listPaymentPoints(prisma, { benefitPlanId: chosen.id }),
    listManagerChoices(prisma),
  ]);
  return (
    <>
      <BackLink href="/payment-points/new">Choose another benefit plan</BackLink>
      <PageHeading caption="Payment points">Create a payment point</PageHeading>
      <PointForm
        mode={{ kind: "create", benefitPlanId: chosen.id }}
        benefitPlan={chosen}
        managers={managerChoices(managers)}
        positions={positionChoices(points)}
        initialValues={emptyPointForm(points.length + 1)}
      />
    </>
  );
}
