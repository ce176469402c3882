import type { z } from "zod";

/** Key for issues about the body as a whole (not an object, unknown top-level keys). */
export const ROOT_ERROR_PATH = "body";

/** ZodError -> { "claimant.address.postcode": ["…"], "expenses.0.amountPence": ["…"] }, as the API's 400 answers it. */
export function intakeErrors(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.length === 0 ? ROOT_ERROR_PATH : issue.path.map(String).join(".");
    const messages = (errors[path] ??= []);
    if (!messages.includes(issue.message)) messages.push(issue.message);
  }
  return errors;
}
