import type { PlanFormValues } from "@/lib/plans/payment-plans/plan-form-fields";
import type { PaymentPreview } from "@/lib/plans/payment-plans/preview-payment";

/** What the plan form's actions give back to draw the form again: the values, and a preview or where focus goes. */
export type PlanFormState = {
  values: PlanFormValues;
  /** New on every submit: the form is drawn afresh from `values`. */
  formKey: string;
  /** The element to focus, e.g. the first field of a row just added. */
  focus?: string;
  preview?: PaymentPreview;
};
