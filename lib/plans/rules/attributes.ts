// Beneficiary attributes a benefit plan declares, and which operators suit each type: the vocabulary
// of calculation-rule conditions (docs/plans.md#attributes-and-conditions).
import { z } from "zod";

export const ATTRIBUTE_TYPES = ["NUMBER", "TEXT", "DATE", "YES_NO", "ONE_OF"] as const;
export type AttributeType = (typeof ATTRIBUTE_TYPES)[number];

export const OPERATORS = ["=", "!=", ">", ">=", "<", "<=", "in"] as const;
export type Operator = (typeof OPERATORS)[number];

export const ORDERING_OPERATORS = ["=", "!=", ">", ">=", "<", "<="] as const;
export const EQUALITY_OPERATORS = ["=", "!="] as const;

/** No ordering on text, yes/no or one-of lists; no `in` on yes/no (= says it all). */
export const OPERATORS_BY_TYPE: Record<AttributeType, readonly Operator[]> = {
  NUMBER: [...ORDERING_OPERATORS, "in"],
  DATE: [...ORDERING_OPERATORS, "in"],
  TEXT: [...EQUALITY_OPERATORS, "in"],
  ONE_OF: [...EQUALITY_OPERATORS, "in"],
  YES_NO: [...EQUALITY_OPERATORS],
};

/** How people read each type, in messages ("a text attribute"). */
export const ATTRIBUTE_TYPE_NAMES: Record<AttributeType, string> = {
  NUMBER: "number",
  TEXT: "text",
  DATE: "date",
  YES_NO: "yes/no",
  ONE_OF: "one-of list",
};

export type AttributeDeclaration =
  { name: string; type: Exclude<AttributeType, "ONE_OF"> } | { name: string; type: "ONE_OF"; options: string[] };

export const MAX_ATTRIBUTE_NAME_LENGTH = 60;
export const MAX_OPTIONS = 100;
export const MAX_OPTION_LENGTH = 60;

const attributeName = z
  .string({ error: "Enter a name for the attribute" })
  .trim()
  .min(1, "Enter a name for the attribute")
  .max(MAX_ATTRIBUTE_NAME_LENGTH, `Attribute name must be ${MAX_ATTRIBUTE_NAME_LENGTH} characters or fewer`);

const option = z
  .string({ error: "Enter each option as text" })
  .trim()
  .min(1, "Options cannot be blank")
  .max(MAX_OPTION_LENGTH, `Each option must be ${MAX_OPTION_LENGTH} characters or fewer`);

/** A benefit plan's declared attributes: unique names (ignoring case), options for one-of lists. */
export const attributeDeclarationsSchema = z
  .array(
    z.discriminatedUnion(
      "type",
      [
        z.object({ name: attributeName, type: z.enum(["NUMBER", "TEXT", "DATE", "YES_NO"]) }),
        z.object({
          name: attributeName,
          type: z.literal("ONE_OF"),
          options: z
            .array(option)
            .min(1, "Enter at least one option for a one-of list")
            .max(MAX_OPTIONS, `A one-of list can have up to ${MAX_OPTIONS} options`)
            .refine((o) => new Set(o).size === o.length, "Each option of a one-of list must be different"),
        }),
      ],
      { error: "Choose a type for the attribute" },
    ),
  )
  .superRefine((declared, ctx) => {
    const seen = new Set<string>();
    declared.forEach((d, i) => {
      const key = d.name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", path: [i, "name"], message: `Attribute "${d.name}" is declared twice` });
      seen.add(key);
    });
  });
