import { z } from "zod";
import { describe, expect, it } from "vitest";
import { intakeErrors } from "./intake-errors";

describe("intakeErrors", () => {
  it("joins paths with dots, numbers included, and puts root issues under body", () => {
    const error = new z.ZodError([
      { code: "custom", path: [], message: "Root problem", input: null },
      { code: "custom", path: ["expenses", 0, "amountPence"], message: "Bad amount", input: 0 },
      { code: "custom", path: ["expenses", 0, "amountPence"], message: "Another", input: 0 },
      { code: "custom", path: ["expenses", 0, "amountPence"], message: "Bad amount", input: 0 },
    ]);
    expect(intakeErrors(error)).toEqual({
      body: ["Root problem"],
      "expenses.0.amountPence": ["Bad amount", "Another"],
    });
  });

  it("maps a real parse failure", () => {
    const schema = z.object({ a: z.object({ b: z.string("B must be text") }) });
    const result = schema.safeParse({ a: { b: 1 } });
    expect(result.success).toBe(false);
    expect(intakeErrors(result.error!)).toEqual({ "a.b": ["B must be text"] });
  });
});
