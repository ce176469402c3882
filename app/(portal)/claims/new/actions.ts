"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { bankLookupKey } from "@/lib/bank-details/lookup-key";
import { createClaim } from "@/lib/claims/create-claim";
import { intakeToday } from "@/lib/claims/intake-today";
import { bankDetailsKey } from "@/lib/crypto/bank-details-key";
import { prisma } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { expenseLineCount, keyInClaimFromForm } from "./key-in-claim-schema";
import { EXPENSE_COUNT, keyInFieldIds } from "./key-in-fields";
import {
  addExpenseLine,
  checkAnswers,
  compactExpenseLines,
  formValues,
  nextAttempt,
  readIntent,
  removeExpenseLine,
  type KeyInState,
} from "./key-in-steps";

/** The whole form as text: every step reads what was typed, whatever the button. */
const keyInFormSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

// One action for every button of the key-in form (key-in-steps.ts): add or remove an expense line,
// go back to a field, check the answers, and only then, on "Submit claim", create the claim.
export const keyInClaimAction = defineAction<typeof keyInFormSchema, KeyInState>(
  "keyInClaim",
  keyInFormSchema,
  async (fields, user) => {
    const { intent, argument } = readIntent(fields);
    const attempt = nextAttempt(fields);
    if (intent === "add-expense") return { ok: true, data: { stage: "form", ...addExpenseLine(fields), attempt } };
    if (intent === "remove-expense") {
      return { ok: true, data: { stage: "form", ...removeExpenseLine(fields, Number(argument)), attempt } };
    }
    if (intent === "change") {
      const lines = expenseLineCount(fields);
      const focus = keyInFieldIds(lines).includes(argument) ? argument : undefined;
      return { ok: true, data: { stage: "form", values: formValues(fields), lines, focus, attempt } };
    }

    const values = compactExpenseLines(fields);
    const lines = Number(values[EXPENSE_COUNT]);
    const result = keyInClaimFromForm(values, intakeToday(new Date()));
    if (!result.ok) {
      return {
        ok: false,
        code: "VALIDATION",
        message: "Check the form for errors.",
        fieldErrors: result.fieldErrors,
        data: { stage: "form", values, lines, attempt },
      };
    }
    if (intent === "check") {
      return {
        ok: true,
        data: { stage: "check", values, lines, answers: checkAnswers(result.intake), focus: "check-heading", attempt },
      };
    }

    let reference: string;
    try {
      ({ reference } = await createClaim({
        db: prisma,
        key: bankDetailsKey(),
        lookupKey: bankLookupKey(),
        intake: result.intake,
        source: "ASSISTED_DIGITAL",
        actor: user,
        keyedInById: user.id,
        now: new Date(),
      }));
    } catch (error) {
      // Back to the summary with everything kept, so the caseworker on the phone can try again.
      const data: KeyInState = { stage: "check", values, lines, answers: checkAnswers(result.intake), attempt };
      if (error instanceof AppError) return { ok: false, code: error.code, message: error.message, data };
      log.error({ err: error, action: "keyInClaim", userId: user.id }, "key-in failed");
      return { ok: false, code: "INTERNAL", message: "Something went wrong. Nothing was saved. Try again.", data };
    }
    revalidatePath("/claims");
    return { ok: true, redirectTo: `/claims/${reference}?keyedIn=1` };
  },
);
