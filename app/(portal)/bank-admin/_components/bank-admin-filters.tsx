import Link from "next/link";
import { Button } from "@/components/button";
import { TextInput } from "@/components/field";
import type { BankAdminParams, BankAdminProblem } from "@/lib/direct-payments/bank-admin/bank-admin-params";

/** A GET form: the filter lives in the URL, so it can be shared and the back button works. */
export function BankAdminFilters({
  raw,
  params,
  problems,
}: {
  raw: Record<string, string | undefined>;
  params: BankAdminParams;
  problems: BankAdminProblem[];
}) {
  const errorFor = (field: BankAdminProblem["field"]) => problems.find((p) => p.field === field)?.message;
  return (
    <form
      method="get"
      action="/bank-admin"
      role="search"
      aria-labelledby="run-filter-heading"
      className="mb-8 bg-light-grey p-[15px] sm:p-5"
    >
      <h2 id="run-filter-heading" className="mb-4 text-xl font-bold">
        Filter runs by date
      </h2>
      <div className="grid gap-x-6 sm:grid-cols-2 lg:grid-cols-4">
        <TextInput
          id="from"
          name="from"
          type="date"
          label="Runs from"
          hint="UK date the run started"
          defaultValue={raw.from ?? params.from}
          error={errorFor("from")}
        />
        <TextInput
          id="to"
          name="to"
          type="date"
          label="Runs to"
          hint="Inclusive"
          defaultValue={raw.to ?? params.to}
          error={errorFor("to")}
        />
      </div>
      <div className="flex flex-wrap items-center gap-4">
        <Button variant="secondary">Apply filter</Button>
        {(params.from || params.to) && (
          <Link href="/bank-admin" className="text-link underline">
            Clear filter
          </Link>
        )}
      </div>
    </form>
  );
}
