import type { PointFormValues } from "@/lib/plans/payment-points/rules/point-form-fields";

/** What the point form's actions give back to draw the form again: the values, and where focus goes. */
export type PointFormState = {
  values: PointFormValues;
  /** New on every submit: the form is drawn afresh from `values`. */
  formKey: string;
  /** The element to focus, e.g. the first field of a filter just added. */
  focus?: string;
};
