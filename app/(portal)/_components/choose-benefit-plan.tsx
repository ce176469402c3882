import { BackLink } from "@/components/back-link";
import { Button } from "@/components/button";
import { ErrorSummary } from "@/components/error-summary";
import { PageHeading } from "@/components/page-heading";
import { Radios } from "@/components/radios";
import { prisma } from "@/lib/db";
import { listBenefitPlanChoices, loadBenefitPlanForForm } from "@/lib/plans/payment-plans/queries";

// The first step of creating a payment plan or a payment point: which benefit plan (a GET form; its
// attributes are what the conditions or filters can use, so it is chosen before the form is drawn).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHOOSE = "Choose a benefit plan";

export type BenefitPlanSearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * The benefit plan the query names, whether one was asked for (so "Continue" with none is an error),
 * and, while none is chosen, the plans to choose from.
 */
export async function chosenBenefitPlan(searchParams: BenefitPlanSearchParams) {
  const query = await searchParams;
  const raw = query.benefitPlan;
  const plan = typeof raw === "string" && UUID.test(raw) ? await loadBenefitPlanForForm(prisma, raw.toLowerCase()) : null;
  // `chosen` comes with the form, so "Continue" with nothing chosen is an error, not a fresh start.
  return { plan, asked: raw !== undefined || query.chosen !== undefined };
}

export const listBenefitPlansToChoose = () => listBenefitPlanChoices(prisma);

export function ChooseBenefitPlanStep(props: {
  choices: Awaited<ReturnType<typeof listBenefitPlansToChoose>>;
  asked: boolean;
  caption: string;
  heading: string;
  back: { href: string; text: string };
  /** The page itself: the form comes back to it with the choice. */
  action: string;
  legend: string;
  hint: string;
  none: string;
}) {
  const { choices } = props;
  return (
    <>
      <BackLink href={props.back.href}>{props.back.text}</BackLink>
      {props.asked && <ErrorSummary errors={[{ href: "#benefitPlan", text: CHOOSE }]} />}
      <PageHeading caption={props.caption}>{props.heading}</PageHeading>
      {choices.length === 0 ? (
        <p>{props.none}</p>
      ) : (
        <form method="get" action={props.action} noValidate>
          <input type="hidden" name="chosen" value="yes" />
          <Radios
            name="benefitPlan"
            legend={props.legend}
            hint={props.hint}
            options={choices.map((c) => ({ value: c.id, label: `${c.name} (${c.code})` }))}
            error={props.asked ? CHOOSE : undefined}
          />
          <Button>Continue</Button>
        </form>
      )}
    </>
  );
}
