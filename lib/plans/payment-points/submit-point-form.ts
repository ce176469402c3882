import "server-only";
import type { StaffMember } from "@/lib/audit/record-audit";
import type { Db } from "@/lib/db";
import { AppError, isAppError, type ErrorCode } from "@/lib/errors";
import { loadBenefitPlanForForm } from "@/lib/plans/payment-plans/queries";
import type { AttributeDeclaration } from "@/lib/plans/rules/attributes";
import { changePaymentPoint } from "./change-payment-point";
import { createPaymentPoint } from "./create-payment-point";
import { listManagerChoices, loadPaymentPoint } from "./queries";
import { applyFilterRowIntent, parsePointForm, type PostedFields } from "./rules/parse-point-form";
import type { PointFormValues } from "./rules/point-form-fields";
import { checkPointForm, type FieldErrors } from "./rules/validate-point-form";

// One submit of the payment point form, whichever button was pressed: a filter row added or
// removed, or a save (a new point, or a change of one). Whatever is not saved comes back with the
// values as typed, so the form is shown again as it was, with or without JavaScript.

export type PointFormMode =
  { kind: "create"; benefitPlanId: string } | { kind: "change"; pointId: string; baseUpdatedAt: string };

export type PointFormOutcome =
  | { kind: "edited"; values: PointFormValues; focus: string }
  | { kind: "invalid"; code: ErrorCode; values: PointFormValues; message: string; fieldErrors: FieldErrors }
  | { kind: "created"; pointId: string }
  | { kind: "changed"; pointId: string; changed: boolean };

async function contextOf(
  db: Db,
  mode: PointFormMode,
): Promise<{ benefitPlanId: string; attributes: AttributeDeclaration[]; maxPosition: number }> {
  if (mode.kind === "create") {
    const plan = await loadBenefitPlanForForm(db, mode.benefitPlanId);
    if (!plan) throw new AppError("NOT_FOUND", "Choose a benefit plan that exists.");
    const points = await db.paymentPoint.count({ where: { benefitPlanId: plan.id } });
    return { benefitPlanId: plan.id, attributes: plan.attributes, maxPosition: points + 1 };
  }
  const point = await loadPaymentPoint(db, mode.pointId);
  if (!point) throw new AppError("NOT_FOUND", "This payment point does not exist.");
  return {
    benefitPlanId: point.benefitPlan.id,
    attributes: point.benefitPlan.attributes,
    maxPosition: point.planPoints.length,
  };
}

export async function submitPointForm(options: {
  db: Db;
  mode: PointFormMode;
  fields: PostedFields;
  actor: StaffMember;
  now: Date;
}): Promise<PointFormOutcome> {
  const { db, mode, actor, now } = options;
  const { values, intent } = parsePointForm(options.fields);
  if (!intent) return { kind: "invalid", code: "VALIDATION", values, message: "Choose Save.", fieldErrors: {} };
  if (intent.kind !== "save") return { kind: "edited", ...applyFilterRowIntent(values, intent) };

  const context = await contextOf(db, mode);
  const managers = await listManagerChoices(db);
  const checked = checkPointForm(values, {
    attributes: context.attributes,
    managerIds: managers.map((m) => m.id),
    maxPosition: context.maxPosition,
  });
  if (!checked.ok) {
    return {
      kind: "invalid",
      code: "VALIDATION",
      values,
      message: "Check the form for errors.",
      fieldErrors: checked.fieldErrors,
    };
  }
  try {
    if (mode.kind === "create") {
      const { id } = await createPaymentPoint({ db, benefitPlanId: context.benefitPlanId, point: checked.point, actor, now });
      return { kind: "created", pointId: id };
    }
    const { changed } = await changePaymentPoint({
      db,
      pointId: mode.pointId,
      baseUpdatedAt: mode.baseUpdatedAt,
      point: checked.point,
      actor,
      now,
    });
    return { kind: "changed", pointId: mode.pointId, changed };
  } catch (error) {
    // A refusal the form can show: a name taken, or a change made meanwhile.
    if (isAppError(error) && (error.fieldErrors || error.code === "STALE")) {
      return { kind: "invalid", code: error.code, values, message: error.message, fieldErrors: error.fieldErrors ?? {} };
    }
    throw error;
  }
}
