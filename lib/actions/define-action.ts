import "server-only";
import { redirect } from "next/navigation";
import { z } from "zod";
import { actions, mayUse, type ActionKey } from "@/lib/auth/access";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { formDataToObject } from "./form-data";
import { FORBIDDEN_RESULT, type ActionResult } from "./result";

export type ActionOutcome<T> = ActionResult<T> & { redirectTo?: string };

/**
 * Wraps a server action: who may call it comes from the access table by key, the input is parsed
 * with the schema, coded errors become results. Each action then reads as one call into lib/.
 */
export function defineAction<S extends z.ZodType, T = unknown>(
  key: ActionKey,
  schema: S,
  handler: (input: z.output<S>, user: CurrentUser) => Promise<ActionOutcome<T>>,
) {
  return async function action(_previous: ActionResult<T> | null, formData: FormData): Promise<ActionResult<T>> {
    const user = await getCurrentUser();
    if (!user) return { ok: false, code: "UNAUTHENTICATED", message: "Your session has ended. Sign in again." };
    if (!mayUse(actions[key], user.role)) return FORBIDDEN_RESULT;
    if (user.mustChangePassword && key !== "changeOwnPassword") return FORBIDDEN_RESULT;

    const parsed = schema.safeParse(formDataToObject(formData));
    if (!parsed.success) {
      const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
      return { ok: false, code: "VALIDATION", message: "Check the form for errors.", fieldErrors };
    }

    let outcome: ActionOutcome<T>;
    try {
      outcome = await handler(parsed.data, user);
    } catch (error) {
      if (error instanceof AppError) {
        return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
      }
      log.error({ err: error, action: key, userId: user.id }, "action failed");
      return { ok: false, code: "INTERNAL", message: "Something went wrong. Nothing was changed. Try again." };
    }
    // redirect() works by throwing, so it stays outside the try above.
    if (outcome.ok && outcome.redirectTo) redirect(outcome.redirectTo);
    const { redirectTo: _ignored, ...result } = outcome;
    return result as ActionResult<T>;
  };
}
