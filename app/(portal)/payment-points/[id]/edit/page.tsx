import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/back-link";
import { PageHeading } from "@/components/page-heading";
import { requirePage } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { listManagerChoices, loadPaymentPoint } from "@/lib/plans/payment-points/queries";
import { pointFormValues } from "@/lib/plans/payment-points/rules/point-form-values";
import { positionChoices } from "@/lib/plans/payment-points/rules/point-order";
import { managerChoices } from "../../_components/manager-choices";
import { PointForm } from "../../_components/point-form";

export const metadata: Metadata = { title: "Change a payment point" };
export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Props = { params: Promise<{ id: string }> };

export default async function EditPaymentPointPage({ params }: Props) {
  await requirePage("paymentPointEdit");
  const { id } = await params;
  const point = UUID.test(id) ? await loadPaymentPoint(prisma, id.toLowerCase()) : null;
  if (!point) notFound();
  const managers = await listManagerChoices(prisma);
  return (
    <>
      <BackLink href={`/payment-points/${point.id}`}>Back to {point.name}</BackLink>
      <PageHeading caption={`Payment point of ${point.benefitPlan.name}`}>Change {point.name}</PageHeading>
      <PointForm
        mode={{ kind: "change", pointId: point.id, baseUpdatedAt: point.updatedAt.toISOString() }}
        benefitPlan={point.benefitPlan}
        managers={managerChoices(managers)}
        positions={positionChoices(point.planPoints.filter((p) => p.id !== point.id))}
        initialValues={pointFormValues({ ...point, managerId: point.manager?.id ?? null })}
      />
    </>
  );
}
