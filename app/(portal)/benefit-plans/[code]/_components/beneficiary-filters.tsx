import Link from "next/link";
import { Button } from "@/components/button";
import { Select, TextInput } from "@/components/field";
import {
  beneficiaryListHref,
  type BeneficiaryListParams,
  type ListProblem,
} from "@/lib/plans/enrolments/beneficiary-list-params";

/** A plain GET form, so the filters land in the URL and it works without JavaScript. */
export function BeneficiaryFilters({
  planCode,
  params,
  problems,
}: {
  planCode: string;
  params: BeneficiaryListParams;
  problems: ListProblem[];
}) {
  const errorFor = (field: ListProblem["field"]) => problems.find((p) => p.field === field)?.message;
  return (
    <form
      method="get"
      action={`/benefit-plans/${planCode}#beneficiaries`}
      role="search"
      aria-labelledby="filter-heading"
      className="mb-8 bg-light-grey p-[15px] sm:p-5"
    >
      <h3 id="filter-heading" className="mb-4 text-xl font-bold">
        Filter beneficiaries
      </h3>
      <div className="grid gap-x-6 sm:grid-cols-2 lg:grid-cols-4">
        <TextInput
          id="name"
          name="name"
          type="search"
          label="Name"
          defaultValue={params.name}
          spellCheck={false}
          maxLength={100}
        />
        <TextInput
          id="reference"
          name="reference"
          label="Person reference"
          defaultValue={params.reference}
          error={errorFor("reference")}
          spellCheck={false}
          width="10"
        />
        <Select
          id="method"
          name="method"
          label="Payment method"
          options={[
            { value: "", label: "Any" },
            { value: "BANK", label: "Bank transfer" },
            { value: "CASH", label: "Cash" },
          ]}
          defaultValue={params.method ?? ""}
        />
        <TextInput
          id="activeOn"
          name="activeOn"
          type="date"
          label="Enrolled on"
          defaultValue={params.activeOn}
          error={errorFor("activeOn")}
          width="10"
        />
      </div>
      <div className="flex flex-wrap items-center gap-6">
        <Button variant="secondary">Apply filters</Button>
        <Link href={beneficiaryListHref(planCode, {})} className="mb-5">
          Clear filters
        </Link>
      </div>
    </form>
  );
}
