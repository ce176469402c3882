import "server-only";
import type { StaffMember } from "@/lib/audit/record-audit";
import { londonDate } from "@/lib/dates/london-date";
import type { Db } from "@/lib/db";
import { AppError, isAppError, type ErrorCode } from "@/lib/errors";
import { changePaymentPlan, type PlanChange } from "./change-payment-plan";
import { createPaymentPlan } from "./create-payment-plan";
import { parsePlanForm, type PostedFields } from "./parse-plan-form";
import type { PlanFormValues } from "./plan-form-fields";
import { applyRowIntent, isRowIntent } from "./plan-form-rows";
import { previewPayment, type PaymentPreview } from "./preview-payment";
import { loadBenefitPlanForForm, type BenefitPlanForForm } from "./queries";
import { checkPlanForm, checkRuleForm, type FieldErrors } from "./validate-plan-form";

// One submit of the payment plan form, whichever button was pressed: a row added or removed, a
// preview, or a save (a new plan, or a change of one). Whatever is not saved comes back with the
// values as typed, so the form is shown again as it was, with or without JavaScript.

export type PlanFormMode = { kind: "create"; benefitPlanId: string } | { kind: "change"; planId: string; baseVersion: number };

export type PlanFormOutcome =
  | { kind: "edited"; values: PlanFormValues; focus: string }
  | { kind: "invalid"; code: ErrorCode; values: PlanFormValues; message: string; fieldErrors: FieldErrors }
  | { kind: "previewed"; values: PlanFormValues; preview: PaymentPreview }
  | { kind: "created"; planId: string }
  | ({ kind: "changed"; planId: string } & PlanChange);

const CHECK_THE_FORM = "Check the form for errors.";

async function benefitPlanOf(db: Db, mode: PlanFormMode): Promise<BenefitPlanForForm> {
  const benefitPlanId =
    mode.kind === "create"
      ? mode.benefitPlanId
      : (await db.paymentPlan.findUnique({ where: { id: mode.planId }, select: { benefitPlanId: true } }))?.benefitPlanId;
  const benefitPlan = benefitPlanId ? await loadBenefitPlanForForm(db, benefitPlanId) : null;
  if (!benefitPlan) {
    throw new AppError(
      "NOT_FOUND",
      mode.kind === "create" ? "Choose a benefit plan that exists." : "This payment plan does not exist.",
    );
  }
  return benefitPlan;
}

export async function submitPlanForm(options: {
  db: Db;
  mode: PlanFormMode;
  fields: PostedFields;
  actor: StaffMember;
  now: Date;
}): Promise<PlanFormOutcome> {
  const { db, mode, actor, now } = options;
  const { values, intent } = parsePlanForm(options.fields);
  if (!intent) return { kind: "invalid", code: "VALIDATION", values, message: "Choose Save or Preview.", fieldErrors: {} };
  if (isRowIntent(intent)) return { kind: "edited", ...applyRowIntent(values, intent) };

  const benefitPlan = await benefitPlanOf(db, mode);
  if (intent.kind === "preview") {
    // The rule alone: a preview needs no name or dates yet.
    const fieldErrors: FieldErrors = {};
    const rule = checkRuleForm(values, benefitPlan.attributes, fieldErrors);
    if (!rule) return { kind: "invalid", code: "VALIDATION", values, message: CHECK_THE_FORM, fieldErrors };
    const previewed = await previewPayment({
      db,
      benefitPlan,
      rule,
      personReference: values.previewReference,
      today: londonDate(now),
    });
    if (!previewed.ok) {
      return {
        kind: "invalid",
        code: "VALIDATION",
        values,
        message: previewed.message,
        fieldErrors: { previewReference: [previewed.message] },
      };
    }
    return { kind: "previewed", values, preview: previewed.preview };
  }

  const checked = checkPlanForm(values, { attributes: benefitPlan.attributes, creating: mode.kind === "create" });
  if (!checked.ok)
    return { kind: "invalid", code: "VALIDATION", values, message: CHECK_THE_FORM, fieldErrors: checked.fieldErrors };
  try {
    if (mode.kind === "create") {
      const { id } = await createPaymentPlan({
        db,
        benefitPlanId: benefitPlan.id,
        code: checked.code!,
        details: checked.details,
        rule: checked.rule,
        actor,
        now,
      });
      return { kind: "created", planId: id };
    }
    const change = await changePaymentPlan({
      db,
      planId: mode.planId,
      baseVersion: mode.baseVersion,
      details: checked.details,
      rule: checked.rule,
      actor,
      now,
    });
    return { kind: "changed", planId: mode.planId, ...change };
  } catch (error) {
    // A refusal the form can show (a code taken, cycles relying on the dates, a newer version).
    if (isAppError(error) && (error.fieldErrors || error.code === "STALE")) {
      return { kind: "invalid", code: error.code, values, message: error.message, fieldErrors: error.fieldErrors ?? {} };
    }
    throw error;
  }
}
