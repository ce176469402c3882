import type { Db } from "@/lib/db";

export type SubjectAccessSummary = {
  id: string;
  reference: string | null;
  name: string;
  erasedAt: Date | null;
  counts: { claims: number; expenseLines: number; payments: number; messages: number; enrolments: number; documents: number };
};

/** What a person's subject-access export will hold, counted, for the page that offers it; null for nobody. */
export async function subjectAccessSummary(db: Db, personId: string): Promise<SubjectAccessSummary | null> {
  const person = await db.claimant.findUnique({
    where: { id: personId },
    select: { id: true, reference: true, firstName: true, lastName: true, erasedAt: true },
  });
  if (!person) return null;
  const [claims, expenseLines, payments, messages, enrolments, documents] = await Promise.all([
    db.claim.count({ where: { claimantId: person.id } }),
    db.expenseLine.count({ where: { claim: { claimantId: person.id } } }),
    db.payment.count({ where: { personId: person.id } }),
    db.notification.count({ where: { claimantId: person.id } }),
    db.enrolment.count({ where: { personId: person.id } }),
    db.claimDocument.count({ where: { claim: { claimantId: person.id } } }),
  ]);
  return {
    id: person.id,
    reference: person.reference,
    name: `${person.firstName} ${person.lastName}`.trim(),
    erasedAt: person.erasedAt,
    counts: { claims, expenseLines, payments, messages, enrolments, documents },
  };
}
