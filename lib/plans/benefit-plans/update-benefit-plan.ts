import type { Db, Tx } from "@/lib/db";
import { recordAudit, type StaffMember } from "@/lib/audit/record-audit";
import { AppError } from "@/lib/errors";
import { attributeChanges, refusalFor, type AttributeChange } from "./attribute-changes";
import { attributeRowField, type BenefitPlanInput } from "./benefit-plan-form";
import { declaredAttributes } from "./load-benefit-plan";

/**
 * A plan manager changes a benefit plan's name, description or declared attributes (its code stays).
 * A change that would strand values beneficiaries already hold (a type changed, an attribute removed
 * or renamed, a one-of option removed) is refused, naming the attribute and how many hold a value.
 */
export async function updateBenefitPlan(options: {
  db: Db;
  code: string;
  plan: BenefitPlanInput;
  actor: StaffMember;
  now: Date;
}): Promise<void> {
  const { db, code, plan, actor, now } = options;
  await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ id: string; name: string; description: string | null; attributes: unknown }[]>`
      SELECT id, name, description, attributes FROM "BenefitPlan" WHERE code = ${code} FOR UPDATE`;
    if (!row) throw new AppError("NOT_FOUND", `There is no benefit plan with code ${code}`);
    const before = declaredAttributes(row.attributes);
    const refusals = await countRefusals(tx, row.id, attributeChanges(before, plan.attributes));
    if (refusals.length) {
      const fieldErrors: Record<string, string[]> = {};
      for (const { change, message } of refusals) {
        // The edit form lists the attributes in their stored order, so a removed one was on its old row.
        const current = plan.attributes.findIndex((a) => a.name === change.name);
        const row = (current >= 0 ? current : before.findIndex((a) => a.name === change.name)) + 1;
        const part = change.kind === "OPTION_REMOVED" ? "options" : change.kind === "TYPE_CHANGED" ? "type" : "name";
        const field = attributeRowField(row, part);
        (fieldErrors[field] ??= []).push(message);
      }
      throw new AppError("VALIDATION", refusals[0].message, fieldErrors);
    }
    await tx.benefitPlan.update({
      where: { id: row.id },
      data: { name: plan.name, description: plan.description, attributes: plan.attributes, updatedAt: now },
    });
    await recordAudit(tx, {
      actor,
      action: "benefit-plan.updated",
      entityType: "BenefitPlan",
      entityId: row.id,
      before: { name: row.name, description: row.description, attributes: before },
      after: { name: plan.name, description: plan.description, attributes: plan.attributes },
    });
  });
}

/** How many of the plan's beneficiaries hold a value each change would strand: one statement for all. */
async function countRefusals(
  tx: Tx,
  benefitPlanId: string,
  changes: AttributeChange[],
): Promise<{ change: AttributeChange; message: string }[]> {
  if (changes.length === 0) return [];
  const names = changes.map((c) => c.name);
  // For a removed option, only values equal to it count.
  const options = changes.map((c) => (c.kind === "OPTION_REMOVED" ? c.option : null));
  const rows = await tx.$queryRaw<{ i: number; holders: number }[]>`
    SELECT c.i::int AS i, count(DISTINCT e.id)::int AS holders
    FROM unnest(${names}::text[], ${options}::text[]) WITH ORDINALITY AS c(name, option, i)
    JOIN "EnrolmentAttributes" ea ON (ea."values" -> c.name) IS NOT NULL AND (ea."values" -> c.name) <> 'null'::jsonb
    JOIN "Enrolment" e ON e.id = ea."enrolmentId" AND e."benefitPlanId" = ${benefitPlanId}::uuid
    WHERE c.option IS NULL OR (jsonb_typeof(ea."values" -> c.name) = 'string' AND ea."values" ->> c.name = c.option)
    GROUP BY c.i`;
  const holders = new Map(rows.map((r) => [r.i, r.holders]));
  return changes.flatMap((change, i) => {
    const message = refusalFor(change, holders.get(i + 1) ?? 0);
    return message ? [{ change, message }] : [];
  });
}
