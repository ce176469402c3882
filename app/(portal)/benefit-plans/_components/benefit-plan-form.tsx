"use client";

import { ActionForm } from "@/components/action-form";
import { fieldError } from "@/components/action-error-summary";
import { Select, TextInput, Textarea } from "@/components/field";
import { VisuallyHidden } from "@/components/visually-hidden";
import type { ActionResult } from "@/lib/actions/result";
import {
  attributeRowField,
  benefitPlanFormFields,
  MAX_CODE_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_NAME_LENGTH,
} from "@/lib/plans/benefit-plans/benefit-plan-form";
import { changeBenefitPlanAction, createBenefitPlanAction } from "../actions";

const TYPE_OPTIONS = [
  { value: "", label: "Choose a type" },
  { value: "NUMBER", label: "Number" },
  { value: "TEXT", label: "Text" },
  { value: "DATE", label: "Date" },
  { value: "YES_NO", label: "Yes or no" },
  { value: "ONE_OF", label: "One of a list" },
];

/**
 * Create or change a benefit plan: code (fixed once created), name, description, and the attributes
 * each beneficiary has, as rows; blank rows are left out. Works without JavaScript: to declare more
 * attributes than there are rows, save and edit again.
 */
export function BenefitPlanForm({
  mode,
  rows,
  values = {},
}: {
  mode: "create" | "change";
  rows: number;
  values?: Record<string, string>;
}) {
  return (
    <ActionForm
      action={mode === "create" ? createBenefitPlanAction : changeBenefitPlanAction}
      fields={benefitPlanFormFields(rows)}
      hidden={mode === "change" ? { code: values.code } : undefined}
      submitLabel={mode === "create" ? "Create benefit plan" : "Save changes"}
      pendingLabel="Saving…"
      keepValues
      className="max-w-3xl"
    >
      {(result: ActionResult | null) => (
        <>
          {mode === "create" ? (
            <TextInput
              id="code"
              name="code"
              label="Code"
              hint="Letters, numbers and hyphens, like WINTER-FUEL. It cannot change later."
              defaultValue={values.code}
              error={fieldError(result, "code")}
              maxLength={MAX_CODE_LENGTH}
              width="20"
              spellCheck={false}
              autoComplete="off"
            />
          ) : null}
          <TextInput
            id="name"
            name="name"
            label="Name"
            defaultValue={values.name}
            error={fieldError(result, "name")}
            maxLength={MAX_NAME_LENGTH}
            autoComplete="off"
          />
          <Textarea
            id="description"
            name="description"
            label="Description (optional)"
            defaultValue={values.description}
            error={fieldError(result, "description")}
            maxLength={MAX_DESCRIPTION_LENGTH}
            rows={3}
          />
          <h2 className="mt-8 mb-2 text-[1.5rem] font-bold">Beneficiary attributes</h2>
          <p className="mb-6 text-secondary" id="attributes-hint">
            What you record about each beneficiary, such as household size or region. Payment plans pay conditional amounts on
            them. Once beneficiaries have a value, an attribute&apos;s type cannot change and it cannot be removed.
          </p>
          {Array.from({ length: rows }, (_, i) => i + 1).map((row) => {
            const id = (part: "name" | "type" | "options") => attributeRowField(row, part);
            const hidden = <VisuallyHidden>Attribute {row} </VisuallyHidden>;
            return (
              <fieldset key={row} className="mb-6 border-b border-mid-grey pb-2" aria-describedby="attributes-hint">
                <legend className="mb-4 text-[1.1875rem] font-bold">Attribute {row}</legend>
                <TextInput
                  id={id("name")}
                  name={id("name")}
                  label={<>{hidden}Name</>}
                  defaultValue={values[id("name")]}
                  error={fieldError(result, id("name"))}
                  width="20"
                  autoComplete="off"
                />
                <Select
                  id={id("type")}
                  name={id("type")}
                  label={<>{hidden}Type</>}
                  options={TYPE_OPTIONS}
                  defaultValue={values[id("type")] ?? ""}
                  error={fieldError(result, id("type"))}
                />
                <Textarea
                  id={id("options")}
                  name={id("options")}
                  label={<>{hidden}Options</>}
                  hint="For a one-of list only: one option per line"
                  defaultValue={values[id("options")]}
                  error={fieldError(result, id("options"))}
                  rows={3}
                />
              </fieldset>
            );
          })}
        </>
      )}
    </ActionForm>
  );
}
