"use client";

import { useActionState, useEffect } from "react";
import { ActionErrorSummary, fieldError } from "@/components/action-error-summary";
import { Button, ButtonGroup } from "@/components/button";
import { Select } from "@/components/select";
import { TextInput } from "@/components/text-input";
import type { ActionResult } from "@/lib/actions/result";
import {
  ADD_FILTER,
  FILTER_COUNT,
  FILTERS_HEADING,
  filterField,
  INTENT,
  MAX_POINT_FILTERS,
  pointFormFieldOrder,
  pointIntentValue,
  type PointFormValues,
} from "@/lib/plans/payment-points/rules/point-form-fields";
import type { AttributeDeclaration } from "@/lib/plans/rules/attributes";
import { changePaymentPointAction, createPaymentPointAction } from "../actions";
import { FilterFields } from "./filter-fields";
import type { PointFormState } from "./point-form-state";

type Result = ActionResult<PointFormState> | null;
type Choice = { value: string; label: string };

/**
 * The payment point form, new or changed. Every button posts the whole form to the point's action,
 * which gives the form back (a filter more or less, or the errors), so it all works without
 * JavaScript. Enter in a field saves, as the form's first (hidden) button.
 */
export function PointForm(props: {
  mode: { kind: "create"; benefitPlanId: string } | { kind: "change"; pointId: string; baseUpdatedAt: string };
  benefitPlan: { code: string; name: string; attributes: AttributeDeclaration[] };
  managers: Choice[];
  positions: Choice[];
  initialValues: PointFormValues;
}) {
  const { mode, benefitPlan } = props;
  const creating = mode.kind === "create";
  const [result, formAction, pending] = useActionState<Result, FormData>(
    creating ? createPaymentPointAction : changePaymentPointAction,
    null,
  );
  const state = result?.data;
  const values = state?.values ?? props.initialValues;
  const error = (field: string) => fieldError(result, field);
  const focus = state?.focus;
  useEffect(() => {
    if (focus) document.getElementById(focus)?.focus();
  }, [focus, state?.formKey]);
  const noAttributes = benefitPlan.attributes.length === 0;
  // A manager no longer listed (their account disabled) stays shown, so its error makes sense.
  const managers =
    props.managers.some((m) => m.value === values.managerId) || !values.managerId
      ? props.managers
      : [...props.managers, { value: values.managerId, label: "The current manager (can no longer sign in)" }];

  return (
    <>
      <ActionErrorSummary result={result} fields={pointFormFieldOrder(values)} />
      <form key={state?.formKey ?? "initial"} action={formAction} noValidate className="max-w-4xl">
        {mode.kind === "create" ? (
          <input type="hidden" name="benefitPlanId" value={mode.benefitPlanId} />
        ) : (
          <>
            <input type="hidden" name="pointId" value={mode.pointId} />
            <input type="hidden" name="baseUpdatedAt" value={mode.baseUpdatedAt} />
          </>
        )}
        <input type="hidden" name={FILTER_COUNT} value={values.filters.length} />
        <button type="submit" name={INTENT} value="save" className="sr-only" tabIndex={-1} aria-hidden="true">
          Save
        </button>

        <p className="mb-5">
          Benefit plan: <strong>{benefitPlan.name}</strong> ({benefitPlan.code})
        </p>
        <TextInput
          id="name"
          name="name"
          label="Name"
          hint="For example, Leeds North. Each point of a benefit plan has its own name."
          defaultValue={values.name}
          error={error("name")}
          autoComplete="off"
        />
        <Select
          id="managerId"
          name="managerId"
          label="Payment-point manager"
          hint="They may view and export this point's payroll, and nothing more of the plans unless their role allows it."
          options={[{ value: "", label: "Choose a user" }, ...managers]}
          defaultValue={values.managerId}
          error={error("managerId")}
        />
        <Select
          id="position"
          name="position"
          label="Place in the order"
          hint="A beneficiary who matches the filters of two points goes to the one that comes first."
          options={props.positions}
          defaultValue={values.position}
          error={error("position")}
        />

        <h2 id={FILTERS_HEADING} tabIndex={-1} className="mt-8 mb-3 text-[1.5rem] font-bold focus:outline-none">
          Filters
        </h2>
        <p className="mb-5">
          {noAttributes
            ? `${benefitPlan.name} declares no attributes, so this point can only take every beneficiary.`
            : "A beneficiary belongs to this point when they meet all of its filters. With no filters, it takes every beneficiary that no earlier point takes."}
        </p>
        {values.filters.map((filter, i) => (
          <FilterFields
            key={i}
            filter={i + 1}
            attributes={benefitPlan.attributes}
            initial={filter}
            errors={{
              attribute: error(filterField(i + 1, "attribute")),
              operator: error(filterField(i + 1, "operator")),
              value: error(filterField(i + 1, "value")),
            }}
            disabled={pending}
          />
        ))}
        {!noAttributes && values.filters.length < MAX_POINT_FILTERS && (
          <div className={error(ADD_FILTER) ? "mb-8 border-l-[5px] border-error pl-[15px]" : "mb-8"}>
            {error(ADD_FILTER) && (
              <p className="mb-2 font-bold text-error">
                <span className="sr-only">Error:</span> {error(ADD_FILTER)}
              </p>
            )}
            <Button
              id={ADD_FILTER}
              variant="secondary"
              name={INTENT}
              value={pointIntentValue({ kind: "add-filter" })}
              disabled={pending}
            >
              {values.filters.length === 0 ? "Add a filter" : "Add another filter"}
            </Button>
          </div>
        )}

        <ButtonGroup>
          <Button name={INTENT} value={pointIntentValue({ kind: "save" })} disabled={pending}>
            {creating ? "Save payment point" : "Save changes"}
          </Button>
        </ButtonGroup>
        <p className="mb-5 text-secondary">
          Payments already in a payment cycle keep their point. Payrolls built or rebuilt from now on use these filters and this
          order.
        </p>
        <span role="status" className="sr-only">
          {pending ? "Please wait…" : ""}
        </span>
      </form>
    </>
  );
}
