import Link from "next/link";
import { Button } from "@/components/button";
import { Checkbox, Radios, Select, TextInput } from "@/components/field";
import { statusOptions } from "@/components/status";
import {
  claimListHref,
  hasFilters,
  MAX_SEARCH_LENGTH,
  type ClaimListParams,
  type ClaimListProblem,
} from "@/lib/claims/list/claim-list-params";
import { DEFAULT_DIR, DEFAULT_SORT } from "@/lib/claims/list/claim-list-sort";
import { VOUCHER_STATE_LABELS, VOUCHER_STATES } from "@/lib/claims/list/voucher-filter";

const ANY = { value: "", label: "Any" };

/**
 * A plain GET form, so the filters land in the URL (shareable, back button works) and it works
 * without JavaScript. Empty fields submit as `name=` and the parser treats them as not set.
 */
export function ClaimFilters({
  params,
  problems,
  canBeAssigned,
}: {
  params: ClaimListParams;
  problems: ClaimListProblem[];
  /** Only caseworkers are assigned claims, so only they get "Assigned to me". */
  canBeAssigned: boolean;
}) {
  const errorFor = (field: ClaimListProblem["field"]) => problems.find((p) => p.field === field)?.message;
  const cleared = claimListHref(params, {
    q: undefined,
    status: "OPEN",
    method: undefined,
    eventFrom: undefined,
    eventTo: undefined,
    assigned: undefined,
    attention: false,
    voucher: undefined,
  });
  return (
    <form
      method="get"
      action="/claims"
      role="search"
      aria-labelledby="filter-heading"
      className="mb-8 bg-light-grey p-[15px] sm:p-5"
    >
      <h2 id="filter-heading" className="mb-4 text-xl font-bold">
        Filter claims
      </h2>
      <TextInput
        id="q"
        name="q"
        type="search"
        label="Search by claim reference, claimant name or payment reference"
        hint="For example 7KQ2M9X, Lovelace, Ada Lovelace, 7KQ2M9X-01 or a prison number such as A1234BC. Names match from the start."
        defaultValue={params.q}
        maxLength={MAX_SEARCH_LENGTH}
        spellCheck={false}
        width="20"
      />
      <div className="grid gap-x-6 sm:grid-cols-2 lg:grid-cols-4">
        <Select
          id="status"
          name="status"
          label="Status"
          options={[
            { value: "", label: "Open (not decided)" },
            { value: "all", label: "All statuses" },
            ...statusOptions("claim"),
          ]}
          defaultValue={params.status === "OPEN" ? "" : (params.status ?? "all")}
        />
        <Select
          id="method"
          name="method"
          label="Payment method"
          options={[ANY, { value: "BANK", label: "Bank" }, { value: "CASH", label: "Cash" }]}
          defaultValue={params.method ?? ""}
        />
        <TextInput
          id="eventFrom"
          name="eventFrom"
          type="date"
          label="Event date from"
          defaultValue={params.eventFrom}
          error={errorFor("eventFrom")}
          width="10"
        />
        <TextInput
          id="eventTo"
          name="eventTo"
          type="date"
          label="Event date to"
          defaultValue={params.eventTo}
          error={errorFor("eventTo")}
          width="10"
        />
      </div>
      <div className="grid gap-x-6 sm:grid-cols-2 lg:grid-cols-4">
        <Select
          id="voucher"
          name="voucher"
          label="Post Office voucher"
          hint="Cash claims: where the latest voucher is"
          options={[ANY, ...VOUCHER_STATES.map((value) => ({ value, label: VOUCHER_STATE_LABELS[value] }))]}
          defaultValue={params.voucher ?? ""}
        />
      </div>
      <div className="grid gap-x-6 sm:grid-cols-2">
        <Radios
          name="assigned"
          legend="Assigned to"
          inline
          options={[
            { value: "", label: "Anyone" },
            ...(canBeAssigned ? [{ value: "me", label: "Assigned to me" }] : []),
            { value: "unassigned", label: "Unassigned" },
          ]}
          defaultValue={params.assigned ?? ""}
        />
        <Checkbox
          id="attention"
          name="attention"
          value="1"
          label="Needs attention only"
          hint="A payment is on hold or has failed, or a Post Office voucher expired"
          defaultChecked={params.attention}
        />
      </div>
      {/* Applying filters keeps the chosen order (and starts again at the first page). */}
      {params.sort !== DEFAULT_SORT && <input type="hidden" name="sort" value={params.sort} />}
      {params.dir !== DEFAULT_DIR[params.sort] && <input type="hidden" name="dir" value={params.dir} />}
      <div className="flex flex-wrap items-center gap-[15px]">
        <Button>Apply filters</Button>
        {hasFilters(params) && <Link href={cleared}>Clear filters</Link>}
      </div>
    </form>
  );
}
