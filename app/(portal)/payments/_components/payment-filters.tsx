import Link from "next/link";
import { Button } from "@/components/button";
import { Select, TextInput } from "@/components/field";
import { statusOptions } from "@/components/status";
import { MAX_PAYMENT_SEARCH_LENGTH } from "@/lib/payments/search/parse-payment-search";
import {
  hasPaymentFilters,
  type PaymentListField,
  type PaymentListParams,
  type PaymentListProblem,
} from "@/lib/payments/search/payment-list-params";

const ANY = { value: "", label: "Any" };

/**
 * A plain GET form, as the claims list's: the filters land in the URL (shareable, the back button
 * works, the CSV export takes the same query) and it works without JavaScript.
 */
export function PaymentFilters({ params, problems }: { params: PaymentListParams; problems: PaymentListProblem[] }) {
  const errorFor = (field: PaymentListField) => problems.find((p) => p.field === field)?.message;
  return (
    <form
      method="get"
      action="/payments"
      role="search"
      aria-labelledby="filter-heading"
      className="mb-8 bg-light-grey p-[15px] sm:p-5"
    >
      <h2 id="filter-heading" className="mb-4 text-xl font-bold">
        Filter payments
      </h2>
      <TextInput
        id="q"
        name="q"
        type="search"
        label="Payment reference, UUID, claim reference, payment code or file and line"
        hint="For example 7KQ2M9X-01, 7KQ2M9X, or accesspay_20261120_080000.csv line 12"
        defaultValue={params.q}
        maxLength={MAX_PAYMENT_SEARCH_LENGTH}
        spellCheck={false}
        autoComplete="off"
        width="full"
      />
      <div className="grid gap-x-6 sm:grid-cols-2 lg:grid-cols-4">
        <Select
          id="status"
          name="status"
          label="Status"
          options={[ANY, ...statusOptions("payment")]}
          defaultValue={params.status ?? ""}
        />
        <Select
          id="method"
          name="method"
          label="Payment method"
          options={[ANY, { value: "BANK", label: "Bank" }, { value: "CASH", label: "Cash (Post Office)" }]}
          defaultValue={params.method ?? ""}
        />
        <TextInput
          id="createdFrom"
          name="createdFrom"
          type="date"
          label="Created from"
          defaultValue={params.createdFrom}
          error={errorFor("createdFrom")}
          width="10"
        />
        <TextInput
          id="createdTo"
          name="createdTo"
          type="date"
          label="Created to"
          defaultValue={params.createdTo}
          error={errorFor("createdTo")}
          width="10"
        />
      </div>
      <div className="grid gap-x-6 sm:grid-cols-2">
        <TextInput
          id="batch"
          name="batch"
          label="Batch ID or file name"
          hint="The payments in one batch's file"
          defaultValue={params.batch}
          error={errorFor("batch")}
          spellCheck={false}
          autoComplete="off"
        />
        <TextInput
          id="run"
          name="run"
          label="Run ID"
          hint="The payments a run put in its files"
          defaultValue={params.run}
          error={errorFor("run")}
          spellCheck={false}
          autoComplete="off"
        />
      </div>
      <div className="flex flex-wrap items-center gap-[15px]">
        <Button>Apply filters</Button>
        {hasPaymentFilters(params) && <Link href="/payments">Clear filters</Link>}
      </div>
    </form>
  );
}
