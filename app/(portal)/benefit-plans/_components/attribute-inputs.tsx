import { fieldError } from "@/components/action-error-summary";
import { DateInput, Radios, Select, TextInput } from "@/components/field";
import type { ActionResult } from "@/lib/actions/result";
import { dayFieldId } from "@/lib/plans/enrolments/date-fields";
import { attributeField } from "@/lib/plans/enrolments/attribute-values";
import type { AttributeDeclaration } from "@/lib/plans/rules/attributes";

/**
 * One input per declared attribute, typed: numbers and text as text boxes, dates as GOV.UK date
 * inputs, yes/no as radios, one-of lists as a select. Blank means "not known".
 */
export function AttributeInputs({
  declarations,
  values = {},
  result,
}: {
  declarations: AttributeDeclaration[];
  /** The inputs' values to start with (attributeFormValues). */
  values?: Record<string, string>;
  result: ActionResult | null;
}) {
  if (declarations.length === 0) return <p className="mb-6">This plan declares no attributes.</p>;
  return (
    <>
      <p className="mb-5 text-secondary">Leave an attribute blank when it is not known: no conditional amount is paid on it.</p>
      {declarations.map((declaration, index) => {
        const name = attributeField(index);
        const label = declaration.name;
        switch (declaration.type) {
          case "DATE":
            return (
              <DateInput
                key={name}
                id={name}
                name={name}
                legend={label}
                hint="For example, 27 3 2020"
                defaultValue={{ day: values[`${name}-day`], month: values[`${name}-month`], year: values[`${name}-year`] }}
                error={fieldError(result, dayFieldId(name))}
              />
            );
          case "YES_NO":
            return (
              <Radios
                key={name}
                name={name}
                legend={label}
                inline
                options={[
                  { value: "yes", label: "Yes" },
                  { value: "no", label: "No" },
                  { value: "", label: "Not known" },
                ]}
                defaultValue={values[name] ?? ""}
                error={fieldError(result, name)}
              />
            );
          case "ONE_OF":
            return (
              <Select
                key={name}
                id={name}
                name={name}
                label={label}
                options={[{ value: "", label: "Not known" }, ...declaration.options.map((o) => ({ value: o, label: o }))]}
                defaultValue={values[name] ?? ""}
                error={fieldError(result, name)}
              />
            );
          default:
            return (
              <TextInput
                key={name}
                id={name}
                name={name}
                label={label}
                hint={declaration.type === "NUMBER" ? "A number, like 3 or 2.5" : undefined}
                inputMode={declaration.type === "NUMBER" ? "decimal" : undefined}
                width={declaration.type === "NUMBER" ? "10" : "20"}
                defaultValue={values[name]}
                error={fieldError(result, name)}
                autoComplete="off"
              />
            );
        }
      })}
    </>
  );
}
