import { recordAudit } from "@/lib/audit/record-audit";
import { compareBankDetails, type BankDetailsComparison } from "@/lib/bank-details/compare-bank-details";
import { bankDetailsProblem } from "@/lib/bank-details/payable-bank-details";
import { decryptBankDetails, maskAccountNumber, maskSortCode, type BankDetailsPlain } from "@/lib/crypto/bank-details-cipher";
import type { Db } from "@/lib/db";
import type { HoldReason, PaymentMethod, Role } from "@/lib/generated/prisma/enums";
import { findBenefitPlan, type BenefitPlanRecord } from "../benefit-plans/load-benefit-plan";

export type ShownBankDetails = {
  nameOnAccount: string;
  sortCode: string;
  accountNumber: string;
  /** The roll number itself when shown in full; otherwise whether there is one. */
  rollNumber: string | null;
  masked: boolean;
  passesModulusCheck: boolean;
};

export type BeneficiaryPage = {
  plan: BenefitPlanRecord;
  person: {
    id: string;
    reference: string;
    firstName: string;
    lastName: string;
    dateOfBirth: string;
    address: string[];
    contactPreference: string;
    email: string | null;
    phone: string | null;
  };
  enrolment: {
    id: string;
    paymentMethod: PaymentMethod;
    pendingPaymentMethod: PaymentMethod | null;
    pendingMethodProposedBy: { id: string; name: string } | null;
    pendingMethodProposedAt: Date | null;
    enrolledFrom: string;
    enrolledTo: string | null;
    endReason: string | null;
    createdByName: string;
    createdAt: Date;
  };
  /** Newest first; `inForce` marks the set that applies today. */
  attributeSets: {
    effectiveFrom: string;
    values: Record<string, unknown>;
    createdByName: string;
    createdAt: Date;
    inForce: boolean;
  }[];
  bankDetails: ShownBankDetails | null;
  pendingBankDetails: {
    changeId: string;
    proposedBy: { id: string; name: string } | null;
    proposedAt: Date;
    note: string | null;
    details: ShownBankDetails;
    /** Only for the checker, who sees both in full: which fields changed, and the masked-identical warning. */
    comparison: BankDetailsComparison | null;
  } | null;
  heldPayments: { reason: HoldReason; count: number }[];
};

/**
 * A beneficiary's page. Bank details are masked, except for the plan manager who may approve a
 * pending change (not the proposer), who must see in full what they approve: the current and the
 * proposed details, with what changed (docs/security.md#a-checker-who-can-check). That view is
 * audited ("bank-details.viewed", as on a claim's page); the plain details never leave this function
 * for anyone else.
 */
export async function loadBeneficiary(options: {
  db: Db;
  key: Buffer;
  planCode: string;
  personReference: string;
  viewer: { id: string; role: Role };
  today: string;
}): Promise<BeneficiaryPage | null> {
  const { db, key, viewer, today } = options;
  const plan = await findBenefitPlan(db, options.planCode);
  if (!plan) return null;
  const enrolment = await db.enrolment.findFirst({
    where: { benefitPlanId: plan.id, person: { reference: options.personReference.toUpperCase() } },
    include: {
      person: {
        include: { bankDetails: true, bankDetailChanges: { where: { status: "PENDING" }, include: { proposedBy: true } } },
      },
      attributes: { orderBy: { effectiveFrom: "desc" } },
    },
  });
  if (!enrolment) return null;
  const userIds = [
    viewer.id,
    enrolment.createdById,
    enrolment.pendingMethodProposedById,
    ...enrolment.attributes.map((a) => a.createdById),
  ].filter((id): id is string => Boolean(id));
  const users = new Map((await db.user.findMany({ where: { id: { in: [...new Set(userIds)] } } })).map((u) => [u.id, u]));
  const nameOf = (id: string | null) => (id ? (users.get(id)?.name ?? "Unknown user") : "");
  const held = await db.payment.groupBy({
    by: ["holdReason"],
    where: { personId: enrolment.personId, status: "NEW", holdReason: { not: null } },
    _count: true,
  });
  const person = enrolment.person;
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const inForce = enrolment.attributes.find((a) => iso(a.effectiveFrom) <= today);
  const pending = person.bankDetailChanges[0] ?? null;
  const mayCheck = viewer.role === "PLAN_MANAGER" && pending !== null && pending.proposedById !== viewer.id;
  const current = person.bankDetails ? decryptBankDetails(person.bankDetails.ciphertext, key) : null;
  const proposed = pending ? decryptBankDetails(pending.ciphertext, key) : null;
  const checker = users.get(viewer.id);
  if (mayCheck && pending && checker) {
    await db.$transaction((tx) =>
      recordAudit(tx, {
        actor: { id: checker.id, email: checker.email },
        action: "bank-details.viewed",
        entityType: "BankDetailChange",
        entityId: pending.id,
        // What was shown, never the details themselves.
        after: {
          claimantId: person.id,
          planCode: plan.code,
          personReference: person.reference,
          shown: current ? ["current", "proposed"] : ["proposed"],
        },
      }),
    );
  }
  return {
    plan,
    person: {
      id: person.id,
      reference: person.reference ?? "",
      firstName: person.firstName,
      lastName: person.lastName,
      dateOfBirth: iso(person.dateOfBirth),
      address: [person.addressLine1, person.addressLine2, person.town, person.county, person.postcode, person.country].filter(
        (line): line is string => Boolean(line),
      ),
      contactPreference: person.contactPreference,
      email: person.email,
      phone: person.phone,
    },
    enrolment: {
      id: enrolment.id,
      paymentMethod: enrolment.paymentMethod,
      pendingPaymentMethod: enrolment.pendingPaymentMethod,
      pendingMethodProposedBy: enrolment.pendingMethodProposedById
        ? { id: enrolment.pendingMethodProposedById, name: nameOf(enrolment.pendingMethodProposedById) }
        : null,
      pendingMethodProposedAt: enrolment.pendingMethodProposedAt,
      enrolledFrom: iso(enrolment.enrolledFrom),
      enrolledTo: enrolment.enrolledTo ? iso(enrolment.enrolledTo) : null,
      endReason: enrolment.endReason,
      createdByName: nameOf(enrolment.createdById),
      createdAt: enrolment.createdAt,
    },
    attributeSets: enrolment.attributes.map((a) => ({
      effectiveFrom: iso(a.effectiveFrom),
      values: (a.values ?? {}) as Record<string, unknown>,
      createdByName: nameOf(a.createdById),
      createdAt: a.createdAt,
      inForce: a === inForce,
    })),
    bankDetails: current ? shownBankDetails(current, mayCheck) : null,
    pendingBankDetails:
      pending && proposed
        ? {
            changeId: pending.id,
            proposedBy: pending.proposedBy ? { id: pending.proposedBy.id, name: pending.proposedBy.name } : null,
            proposedAt: pending.proposedAt,
            note: pending.note,
            details: shownBankDetails(proposed, mayCheck),
            comparison: mayCheck ? compareBankDetails(current, proposed) : null,
          }
        : null,
    heldPayments: held.map((h) => ({ reason: h.holdReason as HoldReason, count: h._count })),
  };
}

/** Bank details as a page shows them: in full only to whoever may approve them, masked to everyone else. */
export function shownBankDetails(details: BankDetailsPlain, inFull: boolean): ShownBankDetails {
  const passesModulusCheck = bankDetailsProblem(details) === null;
  if (inFull) return { ...details, masked: false, passesModulusCheck };
  return {
    nameOnAccount: details.nameOnAccount,
    sortCode: maskSortCode(details.sortCode),
    accountNumber: maskAccountNumber(details.accountNumber),
    rollNumber: details.rollNumber ? "Yes (hidden)" : null,
    masked: true,
    passesModulusCheck,
  };
}
