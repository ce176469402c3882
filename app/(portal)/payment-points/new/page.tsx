import type { Metadata } from "next";
import { BackLink } from "@/components/back-link";
import { Button } from "@/components/button";
import { ErrorSummary } from "@/components/error-summary";
import { PageHeading } from "@/components/page-heading";
import { Radios } from "@/components/radios";
import { requirePage } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { listBenefitPlanChoices, loadBenefitPlanForForm } from "@/lib/plans/payment-plans/queries";
import { listManagerChoices, listPaymentPoints } from "@/lib/plans/payment-points/queries";
import { emptyPointForm } from "@/lib/plans/payment-points/rules/point-form-fields";
import { positionChoices } from "@/lib/plans/payment-points/rules/point-order";
import { managerChoices } from "../_components/manager-choices";
import { PointForm } from "../_components/point-form";

export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHOOSE = "Choose a benefit plan";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

async function chosenBenefitPlan(searchParams: Props["searchParams"]) {
  const query = await searchParams;
  const raw = query.benefitPlan;
  const plan = typeof raw === "string" && UUID.test(raw) ? await loadBenefitPlanForForm(prisma, raw.toLowerCase()) : null;
  // `chosen` comes with the form, so "Continue" with nothing chosen is an error, not a fresh start.
  return { plan, asked: raw !== undefined || query.chosen !== undefined };
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { plan, asked } = await chosenBenefitPlan(searchParams);
  return { title: `${asked && !plan ? "Error: " : ""}Create a payment point` };
}

// Two steps, each a plain form: the benefit plan first (a GET form: its attributes are what the
// filters can use, and its points the order the new one joins), then the point.
export default async function NewPaymentPointPage({ searchParams }: Props) {
  await requirePage("paymentPointNew");
  const { plan: chosen, asked } = await chosenBenefitPlan(searchParams);

  if (!chosen) {
    const choices = await listBenefitPlanChoices(prisma);
    return (
      <>
        <BackLink href="/payment-points">All payment points</BackLink>
        {asked && <ErrorSummary errors={[{ href: "#benefitPlan", text: CHOOSE }]} />}
        <PageHeading caption="Payment points">Create a payment point</PageHeading>
        {choices.length === 0 ? (
          <p>There are no benefit plans yet. A payment point groups the beneficiaries of a benefit plan: create that first.</p>
        ) : (
          <form method="get" action="/payment-points/new" noValidate>
            <input type="hidden" name="chosen" value="yes" />
            <Radios
              name="benefitPlan"
              legend="Which benefit plan's beneficiaries does it group?"
              hint="Its filters use that benefit plan's attributes. It cannot change later."
              options={choices.map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }))}
              error={asked ? CHOOSE : undefined}
            />
            <Button>Continue</Button>
          </form>
        )}
      </>
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
