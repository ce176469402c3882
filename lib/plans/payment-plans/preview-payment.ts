import "server-only";
import type { Db } from "@/lib/db";
import { isClaimReference } from "@/lib/references/claim-reference-format";
import type { CalculationRule } from "@/lib/plans/rules/calculation-rule";
import { heldAttributes, previewBreakdown, type PreviewBreakdown } from "./preview-breakdown";
import { dateColumn, isoDate, type BenefitPlanForForm } from "./queries";

// The preview of a rule for one beneficiary of the benefit plan, found by person reference, with
// the attribute values in force on `today` (the latest set effective on or before it). Carried-over
// money is left out: a cycle adds it when it is created, and the limit never applies to it.

export type PaymentPreview = {
  person: { reference: string; name: string };
  today: string;
  enrolledFrom: string;
  enrolledTo: string | null;
  endReason: string | null;
  /** null: no attribute values in force today. */
  attributesFrom: string | null;
  attributes: { name: string; value: string }[];
  breakdown: PreviewBreakdown;
};

export type PreviewOutcome = { ok: true; preview: PaymentPreview } | { ok: false; message: string };

export function normalisePersonReference(raw: string): string {
  return raw.replace(/\s+/g, "").toUpperCase();
}

export async function previewPayment(options: {
  db: Db;
  benefitPlan: BenefitPlanForForm;
  rule: CalculationRule;
  personReference: string;
  today: string;
}): Promise<PreviewOutcome> {
  const { db, benefitPlan, rule, today } = options;
  const reference = normalisePersonReference(options.personReference);
  if (!reference) return { ok: false, message: "Enter the person reference of a beneficiary to preview their amount" };
  if (!isClaimReference(reference)) {
    return { ok: false, message: "Enter a person reference of 7 letters and digits, like 7KQ2M9X" };
  }
  const enrolment = await db.enrolment.findFirst({
    where: { benefitPlanId: benefitPlan.id, person: { reference } },
    select: {
      enrolledFrom: true,
      enrolledTo: true,
      endReason: true,
      person: { select: { reference: true, firstName: true, lastName: true } },
      attributes: {
        where: { effectiveFrom: { lte: dateColumn(today) } },
        orderBy: { effectiveFrom: "desc" },
        take: 1,
        select: { effectiveFrom: true, values: true },
      },
    },
  });
  if (!enrolment) return { ok: false, message: `No beneficiary of ${benefitPlan.name} has the person reference ${reference}` };
  const inForce = enrolment.attributes[0];
  const values = (inForce?.values ?? {}) as Record<string, unknown>;
  return {
    ok: true,
    preview: {
      person: { reference, name: `${enrolment.person.firstName} ${enrolment.person.lastName}` },
      today,
      enrolledFrom: isoDate(enrolment.enrolledFrom),
      enrolledTo: enrolment.enrolledTo && isoDate(enrolment.enrolledTo),
      endReason: enrolment.endReason,
      attributesFrom: inForce ? isoDate(inForce.effectiveFrom) : null,
      attributes: heldAttributes(benefitPlan.attributes, values),
      breakdown: previewBreakdown(rule, values),
    },
  };
}
