import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/back-link";
import { Button, ButtonLink } from "@/components/button";
import { ErrorSummary } from "@/components/error-summary";
import { formatDateTime } from "@/components/format-date";
import { NotificationBanner } from "@/components/notification-banner";
import { PageHeading } from "@/components/page-heading";
import { SummaryList } from "@/components/summary-list";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { TextInput } from "@/components/text-input";
import { mayUse, pages } from "@/lib/auth/access";
import { requirePage } from "@/lib/auth/guards";
import { londonDate, longDate } from "@/lib/dates/london-date";
import { prisma } from "@/lib/db";
import { previewPayment } from "@/lib/plans/payment-plans/preview-payment";
import { loadPaymentPlan } from "@/lib/plans/payment-plans/queries";
import { describeRule, describeRuleParts } from "@/lib/plans/rules/describe-rule";
import { periodicityText } from "../_components/periodicity-text";
import { PreviewPanel } from "../_components/preview-panel";

export const metadata: Metadata = { title: "Payment plan" };
export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const SAVED: Record<string, (version: number) => string> = {
  created: () => "Payment plan created, with version 1 of its rule.",
  version: (v) => `Version ${v} of the rule saved. Cycles created from now on use it.`,
  both: (v) => `Plan details and version ${v} of the rule saved. Cycles created from now on use it.`,
  details: () => "Plan details saved. The rule did not change, so there is no new version.",
  unchanged: () => "Nothing had changed, so nothing was saved.",
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function PaymentPlanPage({ params, searchParams }: Props) {
  const user = await requirePage("paymentPlan");
  const { id } = await params;
  const query = await searchParams;
  const plan = UUID.test(id) ? await loadPaymentPlan(prisma, id.toLowerCase()) : null;
  if (!plan) notFound();
  const current = plan.versions[0];
  const saved = SAVED[first(query.saved) ?? ""]?.(current.version);

  // The preview is a GET form: anyone who may see the plan may see what it pays someone.
  const reference = first(query.person);
  const previewed =
    reference === undefined
      ? null
      : await previewPayment({
          db: prisma,
          benefitPlan: plan.benefitPlan,
          rule: current.rule,
          personReference: reference,
          today: londonDate(new Date()),
        });
  const previewError = previewed && !previewed.ok ? previewed.message : undefined;

  return (
    <>
      <BackLink href="/payment-plans">All payment plans</BackLink>
      {previewError && <ErrorSummary errors={[{ href: "#person", text: previewError }]} />}
      {saved && (
        <NotificationBanner variant="success">
          <p className="font-bold">{saved}</p>
        </NotificationBanner>
      )}
      <PageHeading caption={`Payment plan ${plan.code}`}>{plan.name}</PageHeading>
      {mayUse(pages.paymentPlanEdit.roles, user.role) && (
        <p className="mb-8">
          <ButtonLink href={`/payment-plans/${plan.id}/edit`} variant="secondary">
            Change this plan
          </ButtonLink>
        </p>
      )}

      <SummaryList
        rows={[
          { key: "Code", value: plan.code },
          { key: "Benefit plan", value: `${plan.benefitPlan.name} (${plan.benefitPlan.code})` },
          { key: "Pays", value: periodicityText(plan.periodicityMonths) },
          {
            key: "Valid",
            value: `From ${longDate(plan.validFrom)}${plan.validTo ? ` to ${longDate(plan.validTo)}` : ", with no end date"}`,
          },
          {
            key: "Unpaid amounts",
            value: plan.carryOverUnpaid ? "Carried into the next cycle" : "Listed for action, not carried over",
          },
          { key: "Payout letter template", value: plan.letterTemplateCode ?? "The usual letter" },
          { key: "Payment cycles", value: plan.cycles.toLocaleString("en-GB") },
          { key: "Created", value: `${formatDateTime(plan.createdAt)} by ${plan.createdBy}` },
        ]}
      />

      <h2 className="mt-10 mb-4 text-2xl font-bold">Calculation rule, version {current.version}</h2>
      <ul className="mb-8 list-disc space-y-1 pl-5">
        {describeRuleParts(current.rule).map((part, i) => (
          <li key={i}>{part}</li>
        ))}
      </ul>

      <h2 id="preview" className="mt-10 mb-4 text-2xl font-bold">
        Preview a beneficiary&apos;s amount
      </h2>
      <form method="get" action={`/payment-plans/${plan.id}#preview`} noValidate className="mb-6">
        <TextInput
          id="person"
          name="person"
          label="Person reference"
          hint={`A beneficiary of ${plan.benefitPlan.name}: what version ${current.version} pays them with today's attribute values`}
          width="10"
          defaultValue={reference}
          error={previewError}
          autoComplete="off"
          spellCheck={false}
        />
        <Button variant="secondary">Preview</Button>
      </form>
      {previewed?.ok && <PreviewPanel preview={previewed.preview} />}

      <h2 className="mt-10 mb-4 text-2xl font-bold">Versions</h2>
      <Table caption="Versions of the rule, newest first" captionVisuallyHidden>
        <THead>
          <Tr>
            <Th numeric>Version</Th>
            <Th>Saved</Th>
            <Th>Rule</Th>
            <Th numeric>Cycles</Th>
          </Tr>
        </THead>
        <TBody>
          {plan.versions.map((v) => (
            <Tr key={v.version}>
              <Td numeric>{v.version}</Td>
              <Td>
                {formatDateTime(v.createdAt)}
                <span className="block text-secondary">by {v.createdBy}</span>
              </Td>
              <Td>{describeRule(v.rule)}</Td>
              <Td numeric>{v.cycles.toLocaleString("en-GB")}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </>
  );
}
