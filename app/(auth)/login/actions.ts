"use server";
import { AuthError } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth/auth";
import { EXPIRED_MESSAGE, INVALID_MESSAGE, LOCKED_MESSAGE } from "@/lib/auth/lockout";
import { RATE_LIMITED_MESSAGE } from "@/lib/auth/rate-limits";
import { safeCallbackPath } from "@/lib/auth/safe-callback-path";
import type { ActionResult } from "@/lib/actions/result";

const signInSchema = z.object({
  email: z.string().trim().min(1, "Enter your email address"),
  password: z.string().min(1, "Enter your password"),
  callbackUrl: z.string().optional(),
});

export type SignInData = { email: string };

const REFUSALS: Record<string, string> = {
  locked: LOCKED_MESSAGE,
  "rate-limited": RATE_LIMITED_MESSAGE,
  expired: EXPIRED_MESSAGE,
};

// Public by nature: the one action a signed-out visitor may call.
// A refusal gives back the email typed (never the password) so the form can show it again.
export async function signInAction(
  _previous: ActionResult<SignInData> | null,
  formData: FormData,
): Promise<ActionResult<SignInData>> {
  const typed = { email: String(formData.get("email") ?? "").slice(0, 320) };
  const parsed = signInSchema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
    return { ok: false, code: "VALIDATION", message: "Check the form for errors.", fieldErrors, data: typed };
  }
  const { email, password, callbackUrl } = parsed.data;
  try {
    await signIn("credentials", { email, password, redirectTo: safeCallbackPath(callbackUrl) });
  } catch (error) {
    if (error instanceof AuthError) {
      const code = error.type === "CredentialsSignin" ? (error as AuthError & { code?: string }).code : undefined;
      return { ok: false, code: "UNAUTHENTICATED", message: REFUSALS[code ?? ""] ?? INVALID_MESSAGE, data: typed };
    }
    throw error; // the redirect that signs the user in
  }
  return { ok: true };
}
