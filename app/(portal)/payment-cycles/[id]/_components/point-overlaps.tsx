import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { prisma } from "@/lib/db";
import { listCycleOverlaps } from "@/lib/plans/payment-points/list-cycle-overlaps";

const SHOWN = 100;

/**
 * The cycle's beneficiaries who match the filters of two or more payment points
 * (docs/payment-points.md#overlaps), with the point each payment was given and every point they
 * match now. Nothing is shown for a benefit plan with fewer than two points.
 */
export async function PointOverlaps({ cycleId }: { cycleId: string }) {
  const overlaps = await listCycleOverlaps(prisma, { cycleId, limit: SHOWN });
  if (overlaps.points < 2) return null;
  const n = overlaps.count;
  return (
    <section aria-labelledby="point-overlaps-heading" id="point-overlaps" className="mt-10">
      <h2 id="point-overlaps-heading" className="mb-4 text-2xl font-bold">
        Payment point overlaps
      </h2>
      {n === 0 ? (
        <p className="mb-8">No beneficiary of this cycle matches the filters of more than one payment point.</p>
      ) : (
        <>
          <p className="mb-4">
            {n.toLocaleString("en-GB")} {n === 1 ? "beneficiary matches" : "beneficiaries match"} the filters of two or more
            payment points, on the attribute values this payroll used and the points as they are now. Each payment went to the
            first of its points when the payroll was built.
            {n > overlaps.rows.length ? ` The first ${overlaps.rows.length} are shown.` : ""}
          </p>
          <Table caption="Beneficiaries matching two or more payment points, by payment reference" captionVisuallyHidden>
            <THead>
              <Tr>
                <Th>Payment</Th>
                <Th>Beneficiary</Th>
                <Th>Its point</Th>
                <Th>Matches, in order</Th>
              </Tr>
            </THead>
            <TBody>
              {overlaps.rows.map((r) => (
                <Tr key={r.paymentReference}>
                  <Td>
                    <span className="font-mono font-bold">{r.paymentReference}</span>
                  </Td>
                  <Td>
                    {r.personName}
                    <span className="block font-mono text-secondary">{r.personReference}</span>
                  </Td>
                  <Td>{r.pointName ?? "None"}</Td>
                  <Td>{r.matching.join(", ")}</Td>
                </Tr>
              ))}
            </TBody>
          </Table>
        </>
      )}
    </section>
  );
}
