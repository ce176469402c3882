"use client";

import { AttributeConditionFields } from "@/app/(portal)/_components/attribute-condition-fields";
import { Button } from "@/components/button";
import { VisuallyHidden } from "@/components/visually-hidden";
import type { AttributeDeclaration } from "@/lib/plans/rules/attributes";
import { filterField, INTENT, pointIntentValue, type ConditionValues } from "@/lib/plans/payment-points/rules/point-form-fields";

/** One filter of a payment point: attribute, operator, value, as a payment plan's condition is written. */
export function FilterFields(props: {
  filter: number;
  attributes: readonly AttributeDeclaration[];
  initial: ConditionValues;
  errors: { attribute?: string; operator?: string; value?: string };
  disabled: boolean;
}) {
  const { filter: n } = props;
  return (
    <AttributeConditionFields
      id={(part) => filterField(n, part)}
      legend={<>Filter {n}</>}
      context={<VisuallyHidden>Filter {n}: </VisuallyHidden>}
      attributes={props.attributes}
      initial={props.initial}
      errors={props.errors}
    >
      <Button
        variant="secondary"
        small
        name={INTENT}
        value={pointIntentValue({ kind: "remove-filter", filter: n })}
        disabled={props.disabled}
        className="mb-2"
      >
        Remove filter {n}
      </Button>
    </AttributeConditionFields>
  );
}
