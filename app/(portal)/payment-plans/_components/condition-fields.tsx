"use client";

import { AttributeConditionFields } from "@/app/(portal)/_components/attribute-condition-fields";
import { Button } from "@/components/button";
import { VisuallyHidden } from "@/components/visually-hidden";
import { conditionField, intentValue, INTENT, type ConditionValues } from "@/lib/plans/payment-plans/plan-form-fields";
import type { AttributeDeclaration } from "@/lib/plans/rules/attributes";

/** One condition of a conditional amount: attribute, operator, value. */
export function ConditionFields(props: {
  amount: number;
  condition: number;
  attributes: readonly AttributeDeclaration[];
  initial: ConditionValues;
  errors: { attribute?: string; operator?: string; value?: string };
  removable: boolean;
  disabled: boolean;
}) {
  const { amount: n, condition: m } = props;
  return (
    <AttributeConditionFields
      id={(part) => conditionField(n, m, part)}
      legend={<>Condition {m}</>}
      context={
        <VisuallyHidden>
          Condition {m} of conditional amount {n}:{" "}
        </VisuallyHidden>
      }
      attributes={props.attributes}
      initial={props.initial}
      errors={props.errors}
    >
      {props.removable && (
        <Button
          variant="secondary"
          small
          name={INTENT}
          value={intentValue({ kind: "remove-condition", amount: n, condition: m })}
          disabled={props.disabled}
          className="mb-2"
        >
          Remove condition {m}
          <VisuallyHidden> of conditional amount {n}</VisuallyHidden>
        </Button>
      )}
    </AttributeConditionFields>
  );
}
