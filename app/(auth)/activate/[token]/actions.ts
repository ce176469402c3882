"use server";
import { z } from "zod";
import { formDataToObject } from "@/lib/actions/form-data";
import type { ActionResult } from "@/lib/actions/result";
import { prisma } from "@/lib/db";
import { isAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { activateAccount } from "@/lib/users/activation/activate-account";
import { activateAccountSchema } from "@/lib/users/schemas";

// Public by nature, like sign-in: the person following an activation link is signed out. The link's
// token is the credential, so it is checked before anything else and never logged.
export async function activateAccountAction(_previous: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const parsed = activateAccountSchema.safeParse(formDataToObject(formData));
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
    return { ok: false, code: "VALIDATION", message: "Check the form for errors.", fieldErrors };
  }
  const { token, newPassword } = parsed.data;
  try {
    await activateAccount({ db: prisma, token, newPassword, now: new Date() });
  } catch (error) {
    if (isAppError(error)) return { ok: false, code: error.code, message: error.message };
    // The error's name only: a database error may quote the statement's parameters (the token's hash).
    log.error({ action: "activateAccount", errorName: error instanceof Error ? error.name : typeof error }, "action failed");
    return { ok: false, code: "INTERNAL", message: "Something went wrong. Nothing was changed. Try again." };
  }
  return { ok: true, message: "Your password is set. You can now sign in with it." };
}
