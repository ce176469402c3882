// The benefit plan form (create and edit), read into a typed plan (pure). Attributes come as rows
// of name, type and (for a one-of list) options one per line; blank rows are skipped, and every
// problem is reported on the row's own input.
import { ATTRIBUTE_TYPES, attributeDeclarationsSchema, type AttributeDeclaration } from "../rules/attributes";

export const MAX_CODE_LENGTH = 20;
export const MAX_NAME_LENGTH = 100;
export const MAX_DESCRIPTION_LENGTH = 1000;
/** Blank attribute rows the form offers beyond those declared. */
export const SPARE_ATTRIBUTE_ROWS = 3;
export const MAX_ATTRIBUTE_ROWS = 50;

const CODE = /^[A-Z0-9][A-Z0-9-]*$/;

export type BenefitPlanInput = {
  code: string;
  name: string;
  description: string | null;
  attributes: AttributeDeclaration[];
};

export type AttributeRowPart = "name" | "type" | "options";
export const attributeRowField = (row: number, part: AttributeRowPart) => `attribute-${row}-${part}`;

/** The form's fields that can carry an error, in order, for `rows` attribute rows. */
export function benefitPlanFormFields(rows: number): string[] {
  const parts: AttributeRowPart[] = ["name", "type", "options"];
  return [
    "code",
    "name",
    "description",
    ...Array.from({ length: rows }, (_, i) => parts.map((p) => attributeRowField(i + 1, p))).flat(),
  ];
}

/** How many attribute rows a form shows for a plan with `declared` attributes. */
export function attributeRowCount(declared: number): number {
  return Math.min(MAX_ATTRIBUTE_ROWS, declared + SPARE_ATTRIBUTE_ROWS);
}

type Read = (name: string) => string | undefined;
export type ParsedBenefitPlan = { ok: true; plan: BenefitPlanInput } | { ok: false; fieldErrors: Record<string, string[]> };

export function parseBenefitPlanForm(read: Read): ParsedBenefitPlan {
  const fieldErrors: Record<string, string[]> = {};
  const fail = (field: string, message: string) => {
    const list = (fieldErrors[field] ??= []);
    if (!list.includes(message)) list.push(message);
  };

  const code = (read("code") ?? "").trim().toUpperCase();
  if (!code) fail("code", "Enter a code");
  else if (code.length > MAX_CODE_LENGTH) fail("code", `The code must be ${MAX_CODE_LENGTH} characters or fewer`);
  else if (!CODE.test(code)) fail("code", "The code may only contain letters, numbers and hyphens, like WINTER-FUEL");

  const name = (read("name") ?? "").trim();
  if (!name) fail("name", "Enter a name");
  else if (name.length > MAX_NAME_LENGTH) fail("name", `The name must be ${MAX_NAME_LENGTH} characters or fewer`);

  const description = (read("description") ?? "").trim();
  if (description.length > MAX_DESCRIPTION_LENGTH) {
    fail("description", `The description must be ${MAX_DESCRIPTION_LENGTH} characters or fewer`);
  }

  const rows: number[] = [];
  const declared: unknown[] = [];
  // The schema checks names are unique only once every row is valid; here it is said at once.
  const seen = new Set<string>();
  for (let row = 1; row <= MAX_ATTRIBUTE_ROWS; row++) {
    const rowName = read(attributeRowField(row, "name")) ?? "";
    const type = read(attributeRowField(row, "type")) ?? "";
    const optionsText = read(attributeRowField(row, "options")) ?? "";
    if (!rowName.trim() && !type && !optionsText.trim()) continue;
    rows.push(row);
    const key = rowName.trim().toLowerCase();
    if (key && seen.has(key)) fail(attributeRowField(row, "name"), `Attribute "${rowName.trim()}" is declared twice`);
    seen.add(key);
    const typed = (ATTRIBUTE_TYPES as readonly string[]).includes(type) ? type : undefined;
    const options = optionsText
      .split(/\r?\n/)
      .map((o) => o.trim())
      .filter(Boolean);
    declared.push(typed === "ONE_OF" ? { name: rowName, type: typed, options } : { name: rowName, type: typed });
    if (typed && typed !== "ONE_OF" && options.length) {
      fail(attributeRowField(row, "options"), "Only a one-of list has options: clear them, or choose one-of list");
    }
  }
  const attributes = attributeDeclarationsSchema.safeParse(declared);
  if (!attributes.success) {
    for (const issue of attributes.error.issues) {
      const [index, part] = issue.path;
      const row = rows[Number(index)] ?? 1;
      const field = part === "type" || part === undefined ? "type" : part === "options" ? "options" : "name";
      // Every one-of error is about its options; a missing type says "Choose a type".
      fail(attributeRowField(row, issue.message === "Choose a type for the attribute" ? "type" : field), issue.message);
    }
  }
  if (Object.keys(fieldErrors).length || !attributes.success) return { ok: false, fieldErrors };
  return { ok: true, plan: { code, name, description: description || null, attributes: attributes.data } };
}

/** A plan's declarations as the form's rows, to draw the edit form. */
export function benefitPlanFormValues(plan: BenefitPlanInput): Record<string, string> {
  const values: Record<string, string> = { code: plan.code, name: plan.name, description: plan.description ?? "" };
  plan.attributes.forEach((a, i) => {
    values[attributeRowField(i + 1, "name")] = a.name;
    values[attributeRowField(i + 1, "type")] = a.type;
    if (a.type === "ONE_OF") values[attributeRowField(i + 1, "options")] = a.options.join("\n");
  });
  return values;
}
