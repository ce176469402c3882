import Link from "next/link";
import { Button } from "@/components/button";
import { Select, TextInput } from "@/components/field";
import { statusLabel } from "@/components/status";
import { prisma } from "@/lib/db";
import {
  MAX_PAYROLL_SEARCH,
  NO_POINT,
  PAYROLL_METHODS,
  PAYROLL_STATUSES,
  payrollHref,
  type PayrollParams,
} from "@/lib/plans/cycles/rules/payroll-params";
import { listCyclePoints } from "@/lib/plans/payment-points/point-payroll";

const ANY = { value: "", label: "Any" };

/**
 * A plain GET form: the search and filters land in the URL and work without JavaScript. The
 * payment point filter lists the points of the cycle's benefit plan, when it has any.
 */
export async function PayrollFilters({ cycleId, params }: { cycleId: string; params: PayrollParams }) {
  const points = await listCyclePoints(prisma, cycleId);
  const filtered = Boolean(params.q || params.status || params.method || params.point);
  return (
    <form
      method="get"
      action={`/payment-cycles/${cycleId}#payroll`}
      role="search"
      aria-labelledby="payroll-filter-heading"
      className="mb-8 bg-light-grey p-[15px] sm:p-5"
    >
      <h3 id="payroll-filter-heading" className="mb-4 text-xl font-bold">
        Find payments
      </h3>
      <TextInput
        id="q"
        name="q"
        type="search"
        label="Search by person reference, payment reference or name"
        hint="For example 7KQ2M9X, 7KQ2M9X-202611, Lovelace or Ada Lovelace. Names match from the start."
        defaultValue={params.q}
        maxLength={MAX_PAYROLL_SEARCH}
        spellCheck={false}
        width="20"
      />
      <div className="grid gap-x-6 sm:grid-cols-2 lg:grid-cols-4">
        <Select
          id="status"
          name="status"
          label="Status"
          options={[ANY, ...PAYROLL_STATUSES.map((s) => ({ value: s, label: statusLabel(s, "payment") }))]}
          defaultValue={params.status ?? ""}
        />
        <Select
          id="method"
          name="method"
          label="Payment method"
          options={[ANY, ...PAYROLL_METHODS.map((m) => ({ value: m, label: m === "BANK" ? "Bank" : "Cash" }))]}
          defaultValue={params.method ?? ""}
        />
        {(points.length > 0 || params.point) && (
          <Select
            id="point"
            name="point"
            label="Payment point"
            options={[
              ANY,
              ...points.map((p) => ({ value: p.id, label: p.name })),
              { value: NO_POINT, label: "No payment point" },
            ]}
            defaultValue={params.point ?? ""}
          />
        )}
      </div>
      <div className="flex flex-wrap items-center gap-[15px]">
        <Button>Apply filters</Button>
        {filtered && <Link href={payrollHref(cycleId, {})}>Clear filters</Link>}
      </div>
    </form>
  );
}
