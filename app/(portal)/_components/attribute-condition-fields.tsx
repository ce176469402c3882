"use client";

import { useState, type ReactNode } from "react";
import { cx } from "@/components/cx";
import { controlClass, Field } from "@/components/form-group";
import { Select } from "@/components/select";
import { TextInput } from "@/components/text-input";
import { operatorLabel, valueHint, type ConditionValues } from "@/lib/plans/payment-plans/plan-form-fields";
import {
  ATTRIBUTE_TYPE_NAMES,
  OPERATORS,
  OPERATORS_BY_TYPE,
  type AttributeDeclaration,
  type Operator,
} from "@/lib/plans/rules/attributes";

const isOperator = (value: string): value is Operator => (OPERATORS as readonly string[]).includes(value);

export type ConditionPart = "attribute" | "operator" | "value";

/**
 * Attribute, operator and value of one condition, as a payment plan's conditional amount and a
 * payment point's filter both write it. The operators offered and the value's control follow the
 * attribute's type; with JavaScript at once, without it when the form is next drawn (any button
 * does that). The caller names the fields, says which condition this is (legend and the visually
 * hidden context read before each label) and passes its remove button as children.
 */
export function AttributeConditionFields(props: {
  id: (part: ConditionPart) => string;
  legend: ReactNode;
  context: ReactNode;
  attributes: readonly AttributeDeclaration[];
  initial: ConditionValues;
  errors: { attribute?: string; operator?: string; value?: string };
  children?: ReactNode;
}) {
  const { id, legend, context, attributes, initial, errors } = props;
  const [attribute, setAttribute] = useState(initial.attribute);
  const [operator, setOperator] = useState(initial.operator);
  const declaration = attributes.find((a) => a.name === attribute);
  const type = declaration?.type;
  const suited = type ? OPERATORS_BY_TYPE[type] : OPERATORS;
  // A stored choice that no longer suits stays listed, so its error message makes sense.
  const operators = operator && !suited.some((o) => o === operator) ? [...suited, operator] : suited;
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
      <legend className="mb-3 font-bold">{legend}</legend>
      <div className="sm:flex sm:flex-wrap sm:gap-x-6">
        <div>
          <ControlledSelect
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
          <ControlledSelect
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
      {props.children}
    </fieldset>
  );
}

/** A select whose choice the row follows as it changes (the shared Select is uncontrolled). */
function ControlledSelect(props: {
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
