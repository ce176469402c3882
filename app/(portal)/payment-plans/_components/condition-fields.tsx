"use client";

import { useState, type ReactNode } from "react";
import { Button } from "@/components/button";
import { cx } from "@/components/cx";
import { controlClass, Field } from "@/components/form-group";
import { Select } from "@/components/select";
import { TextInput } from "@/components/text-input";
import { VisuallyHidden } from "@/components/visually-hidden";
import {
  conditionField,
  intentValue,
  INTENT,
  operatorLabel,
  valueHint,
  type ConditionValues,
} from "@/lib/plans/payment-plans/plan-form-fields";
import {
  ATTRIBUTE_TYPE_NAMES,
  OPERATORS,
  OPERATORS_BY_TYPE,
  type AttributeDeclaration,
  type Operator,
} from "@/lib/plans/rules/attributes";

const isOperator = (value: string): value is Operator => (OPERATORS as readonly string[]).includes(value);

/**
 * One condition of a conditional amount: attribute, operator, value. The operators offered and the
 * value's control follow the attribute's type; with JavaScript they follow a new choice at once,
 * without it when the form is next drawn (any button does that).
 */
export function ConditionFields(props: {
  amount: number;
  condition: number;
  attributes: readonly AttributeDeclaration[];
  initial: ConditionValues;
  errors: { attribute?: string; operator?: string; value?: string };
  removable: boolean;
  disabled: boolean;
}) {
  const { amount: n, condition: m, attributes, initial, errors } = props;
  const [attribute, setAttribute] = useState(initial.attribute);
  const [operator, setOperator] = useState(initial.operator);
  const declaration = attributes.find((a) => a.name === attribute);
  const type = declaration?.type;
  const suited = type ? OPERATORS_BY_TYPE[type] : OPERATORS;
  // A stored choice that no longer suits stays listed, so its error message makes sense.
  const operators = operator && !suited.some((o) => o === operator) ? [...suited, operator] : suited;
  const id = (part: "attribute" | "operator" | "value") => conditionField(n, m, part);
  const context = (
    <VisuallyHidden>
      Condition {m} of conditional amount {n}:{" "}
    </VisuallyHidden>
  );
  const options = declaration?.type === "ONE_OF" ? declaration.options : undefined;
  const listed = !attribute || declaration ? [] : [{ value: attribute, label: `${attribute} (no longer declared)` }];

  const valueControl =
    type === "YES_NO" && operator !== "in" ? (
      <Select
        key="yes-no"
        id={id("value")}
        name={id("value")}
        label={<>{context}Value</>}
        options={[
          { value: "", label: "Choose yes or no" },
          { value: "yes", label: "Yes" },
          { value: "no", label: "No" },
        ]}
        defaultValue={initial.value.trim().toLowerCase()}
        error={errors.value}
      />
    ) : options && operator !== "in" ? (
      <Select
        key="one-of"
        id={id("value")}
        name={id("value")}
        label={<>{context}Value</>}
        options={[{ value: "", label: "Choose an option" }, ...options.map((o) => ({ value: o, label: o }))]}
        defaultValue={initial.value.trim()}
        error={errors.value}
      />
    ) : (
      <TextInput
        key="text"
        id={id("value")}
        name={id("value")}
        label={<>{context}Value</>}
        hint={valueHint(type, operator, options)}
        defaultValue={initial.value}
        error={errors.value}
        autoComplete="off"
        spellCheck={false}
      />
    );

  return (
    <fieldset className="mb-4 border-l-4 border-mid-grey pl-4">
      <legend className="mb-3 font-bold">Condition {m}</legend>
      <div className="sm:flex sm:flex-wrap sm:gap-x-6">
        <div>
          <SelectControlled
            id={id("attribute")}
            label={<>{context}Attribute</>}
            value={attribute}
            onChange={(next) => {
              setAttribute(next);
              const nextType = attributes.find((a) => a.name === next)?.type;
              if (nextType && !OPERATORS_BY_TYPE[nextType].some((o) => o === operator)) setOperator("");
            }}
            options={[
              { value: "", label: "Choose an attribute" },
              ...attributes.map((a) => ({ value: a.name, label: `${a.name} (${ATTRIBUTE_TYPE_NAMES[a.type]})` })),
              ...listed,
            ]}
            error={errors.attribute}
          />
        </div>
        <div>
          <SelectControlled
            id={id("operator")}
            label={<>{context}Operator</>}
            value={operator}
            onChange={setOperator}
            options={[
              { value: "", label: "Choose an operator" },
              ...operators.map((o) => ({ value: o, label: isOperator(o) ? operatorLabel(type, o) : o })),
            ]}
            error={errors.operator}
          />
        </div>
        <div className="sm:min-w-[16em] sm:flex-1">{valueControl}</div>
      </div>
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
    </fieldset>
  );
}

/** A select whose choice the row follows as it changes (the shared Select is uncontrolled). */
function SelectControlled(props: {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  error?: string;
}) {
  const { id, label, value, onChange, options, error } = props;
  return (
    <Field id={id} label={label} error={error}>
      {(aria) => (
        <select
          id={id}
          name={id}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          {...aria}
          className={cx(controlClass(error), "h-10 max-w-full min-w-[11.5em]")}
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
