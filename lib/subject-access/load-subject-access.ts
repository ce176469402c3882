import { decryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import type { Tx } from "@/lib/db";
import { messageView } from "@/lib/notify/render-message";
import { safeFileName } from "@/lib/storage";
import type {
  SubjectClaim,
  SubjectDocument,
  SubjectEnrolment,
  SubjectExpenseLine,
  SubjectMessage,
  SubjectPayment,
  SubjectPerson,
} from "./format-subject-access";

export type SubjectAccessData = {
  person: SubjectPerson;
  claims: SubjectClaim[];
  lines: SubjectExpenseLine[];
  payments: SubjectPayment[];
  messages: SubjectMessage[];
  enrolments: SubjectEnrolment[];
  documents: (SubjectDocument & { storageKey: string; safeName: string })[];
};

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Everything the portal holds about one person, oldest first; null when there is no such person. */
export async function loadSubjectAccess(db: Tx, options: { personId: string; key: Buffer }): Promise<SubjectAccessData | null> {
  const person = await db.claimant.findUnique({
    where: { id: options.personId },
    include: { bankDetails: true, mergedInto: { select: { reference: true } } },
  });
  if (!person) return null;
  const [claims, payments, notifications, enrolments] = await Promise.all([
    db.claim.findMany({
      where: { claimantId: person.id },
      orderBy: [{ createdAt: "asc" }, { reference: "asc" }],
      include: {
        expenses: { orderBy: { lineNo: "asc" } },
        visit: true,
        documents: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
      },
    }),
    db.payment.findMany({
      where: { personId: person.id },
      orderBy: [{ createdAt: "asc" }, { reference: "asc" }],
      include: { claim: { select: { reference: true } }, cycle: { select: { periodStart: true, periodEnd: true } } },
    }),
    db.notification.findMany({ where: { claimantId: person.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db.enrolment.findMany({
      where: { personId: person.id },
      orderBy: [{ enrolledFrom: "asc" }, { id: "asc" }],
      include: { benefitPlan: { select: { code: true, name: true } }, attributes: { orderBy: { effectiveFrom: "asc" } } },
    }),
  ]);

  return {
    person: {
      id: person.id,
      reference: person.reference,
      firstName: person.firstName,
      lastName: person.lastName,
      dateOfBirth: day(person.dateOfBirth),
      email: person.email,
      phone: person.phone,
      addressLine1: person.addressLine1,
      addressLine2: person.addressLine2,
      town: person.town,
      county: person.county,
      postcode: person.postcode,
      country: person.country,
      contactPreference: person.contactPreference,
      createdAt: person.createdAt,
      erasedAt: person.erasedAt,
      mergedIntoReference: person.mergedInto?.reference ?? null,
      bankDetails: person.bankDetails ? decryptBankDetails(person.bankDetails.ciphertext, options.key) : null,
    },
    claims: claims.map((c) => ({
      reference: c.reference,
      status: c.status,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
      eventDate: day(c.eventDate),
      paymentMethod: c.paymentMethod,
      source: c.source,
      rejectionReason: c.rejectionReason,
      visit: c.visit ? { prison: c.visit.prison, relationship: c.visit.relationship, visitAt: c.visit.visitAt } : null,
    })),
    lines: claims.flatMap((c) =>
      c.expenses.map((l) => ({
        claimReference: c.reference,
        lineNo: l.lineNo,
        type: l.type,
        description: l.description,
        claimedPence: l.claimedPence,
        approvedPence: l.approvedPence,
        decision: l.decision,
        decisionNote: l.decisionNote,
      })),
    ),
    payments: payments.map((p) => ({
      reference: p.reference,
      id: p.id,
      claimReference: p.claim?.reference ?? null,
      cyclePeriod: p.cycle ? `${day(p.cycle.periodStart)} to ${day(p.cycle.periodEnd)}` : null,
      method: p.method,
      amountPence: p.amountPence,
      status: p.status,
      createdAt: p.createdAt,
      sentAt: p.sentAt,
      paidAt: p.paidAt,
      failedAt: p.failedAt,
      cancelledAt: p.cancelledAt,
      failureReason: p.failureReason,
      cancelReason: p.cancelReason,
    })),
    messages: notifications.map((n) => {
      const view = messageView(n);
      return {
        createdAt: n.createdAt,
        channel: n.channel,
        template: n.template,
        status: n.status,
        sentAt: n.sentAt,
        recipient: view.channel === "LETTER" ? view.address.join(", ") : view.to,
        subject: view.channel === "SMS" ? "" : view.subject,
        body: view.body,
      };
    }),
    enrolments: enrolments.map((e) => ({
      benefitPlanCode: e.benefitPlan.code,
      benefitPlanName: e.benefitPlan.name,
      paymentMethod: e.paymentMethod,
      enrolledFrom: day(e.enrolledFrom),
      enrolledTo: e.enrolledTo ? day(e.enrolledTo) : null,
      endReason: e.endReason,
      createdAt: e.createdAt,
      attributes: e.attributes.map((a) => ({ effectiveFrom: day(a.effectiveFrom), values: a.values })),
    })),
    documents: claims.flatMap((c) =>
      c.documents.map((d) => ({
        claimReference: c.reference,
        fileName: d.fileName,
        contentType: d.contentType,
        sizeBytes: d.sizeBytes,
        storageKey: d.storageKey,
        safeName: safeFileName(d.fileName),
      })),
    ),
  };
}
