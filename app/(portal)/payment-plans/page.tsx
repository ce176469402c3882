import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/button";
import { formatDate } from "@/components/format-date";
import { PageHeading } from "@/components/page-heading";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { mayUse, pages } from "@/lib/auth/access";
import { requirePage } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { longDate } from "@/lib/dates/london-date";
import { listPaymentPlans } from "@/lib/plans/payment-plans/queries";
import { periodicityText } from "./_components/periodicity-text";

export const metadata: Metadata = { title: "Payment plans" };
export const dynamic = "force-dynamic";

export default async function PaymentPlansPage() {
  const user = await requirePage("paymentPlans");
  const plans = await listPaymentPlans(prisma);
  return (
    <>
      <PageHeading caption="Recurring benefits">Payment plans</PageHeading>
      <p className="mb-6 max-w-3xl">
        How much each beneficiary of a benefit plan is paid per period. A plan&apos;s calculation rule is never changed in place:
        each change is a new version, and each payment cycle keeps the version it used.
      </p>
      {mayUse(pages.paymentPlanNew.roles, user.role) && (
        <p className="mb-8">
          <ButtonLink href="/payment-plans/new">Create a payment plan</ButtonLink>
        </p>
      )}
      {plans.length === 0 ? (
        <p>There are no payment plans yet.</p>
      ) : (
        <Table caption={`${plans.length} payment ${plans.length === 1 ? "plan" : "plans"}`}>
          <THead>
            <Tr>
              <Th>Code</Th>
              <Th>Name</Th>
              <Th>Benefit plan</Th>
              <Th>Pays</Th>
              <Th>Valid</Th>
              <Th numeric>Current version</Th>
            </Tr>
          </THead>
          <TBody>
            {plans.map((plan) => (
              <Tr key={plan.id}>
                <Td>
                  <Link href={`/payment-plans/${plan.id}`} className="font-bold">
                    {plan.code}
                  </Link>
                </Td>
                <Td>{plan.name}</Td>
                <Td>
                  {plan.benefitPlan.name} <span className="text-secondary">({plan.benefitPlan.code})</span>
                </Td>
                <Td>{periodicityText(plan.periodicityMonths)}</Td>
                <Td>
                  from {longDate(plan.validFrom)}
                  {plan.validTo ? ` to ${longDate(plan.validTo)}` : ", no end"}
                </Td>
                <Td numeric>
                  {plan.currentVersion}
                  <span className="block text-secondary">since {formatDate(plan.currentSince)}</span>
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
