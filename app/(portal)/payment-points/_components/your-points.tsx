import Link from "next/link";
import { prisma } from "@/lib/db";
import { listManagedPoints } from "@/lib/plans/payment-points/queries";

/**
 * The home page's way in for a payment-point manager: their points' payrolls, which they may see
 * whatever their role (docs/payment-points.md#who-may-do-what). Nothing for someone who manages none.
 */
export async function YourPaymentPoints({ userId }: { userId: string }) {
  const points = await listManagedPoints(prisma, userId);
  if (points.length === 0) return null;
  return (
    <section aria-labelledby="your-points-heading" className="mb-10">
      <h2 id="your-points-heading" className="mb-4 text-2xl font-bold">
        Your payment points
      </h2>
      <ul className="list-disc pl-6">
        {points.map((p) => (
          <li key={p.id} className="mb-2">
            <Link href={`/payment-points/${p.id}/payroll`}>
              {p.name}
              <span className="sr-only">: payroll</span>
            </Link>{" "}
            <span className="text-secondary">({p.benefitPlanName})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
