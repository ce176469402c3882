import { randomUUID } from "node:crypto";
import { encryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { ClaimStatus, NotificationStatus, PaymentStatus } from "@/lib/generated/prisma/enums";
import { makeClaimReference } from "@/lib/references/claim-reference";
import type { PersonActivity } from "@/lib/retention/rules/retention-rule";
import { VALID_BANK } from "../support/make-claim";

// People with a history at chosen instants, straight into the database, for the retention tests.
// The tables' own defaults set "now"; the times are then written back with SQL, as if the rows had
// been made then.

export type PersonSpec = {
  name: string;
  createdAt: Date;
  erasedAt?: Date;
  claims?: { status: ClaimStatus; at: Date; payment?: { status: PaymentStatus; at: Date; historyAt?: Date[] } }[];
  enrolments?: { enrolledTo: string | null; at: Date }[];
  bankDetails?: boolean;
  bankChanges?: { status: "PENDING" | "APPROVED"; proposedAt: Date; decidedAt?: Date }[];
  personChanges?: { status: "PENDING" | "APPROVED"; proposedAt: Date; decidedAt?: Date }[];
  messages?: { status: NotificationStatus; at: Date }[];
};

const ts = (d: Date) => d.toISOString();

export async function seedPerson(db: PrismaClient, key: Buffer, spec: PersonSpec, staffId: string): Promise<string> {
  const person = await db.claimant.create({
    data: {
      reference: makeClaimReference(),
      firstName: spec.name,
      lastName: "Lovelace",
      dateOfBirth: new Date("1985-12-10"),
      email: `${spec.name.toLowerCase()}@example.com`,
      phone: "07700900123",
      addressLine1: "1 High Street",
      addressLine2: "Flat 2",
      town: "Leeds",
      county: "West Yorkshire",
      postcode: "LS1 1AA",
      country: "England",
      contactPreference: "EMAIL",
      erasedAt: spec.erasedAt ?? null,
    },
  });
  await db.$executeRaw`UPDATE "Claimant" SET "createdAt" = ${ts(spec.createdAt)}::timestamp, "updatedAt" = ${ts(spec.createdAt)}::timestamp WHERE id = ${person.id}::uuid`;
  if (spec.bankDetails) {
    await db.bankDetails.create({
      data: { claimantId: person.id, ciphertext: encryptBankDetails(VALID_BANK, key), lookupHash: "a".repeat(64) },
    });
  }
  for (const c of spec.claims ?? []) {
    const reference = makeClaimReference();
    const claim = await db.claim.create({
      data: {
        reference,
        claimantId: person.id,
        eventDate: new Date("2019-01-01"),
        paymentMethod: "BANK",
        source: "API",
        status: c.status,
        expenses: {
          create: [
            { lineNo: 1, type: "TRAIN", description: "Journey 1", claimedPence: 1240, approvedPence: 1240, decision: "APPROVED" },
            {
              lineNo: 2,
              type: "BUS",
              description: "Journey 2",
              claimedPence: 3000,
              approvedPence: 2500,
              decision: "APPROVED_DIFFERENT_AMOUNT",
            },
          ],
        },
      },
    });
    await db.$executeRaw`UPDATE "Claim" SET "createdAt" = ${ts(c.at)}::timestamp, "updatedAt" = ${ts(c.at)}::timestamp WHERE id = ${claim.id}::uuid`;
    if (c.payment) {
      const payment = await db.payment.create({
        data: {
          reference: `${reference}-01`,
          personId: person.id,
          claimId: claim.id,
          method: "BANK",
          amountPence: 3740,
          status: c.payment.status,
        },
      });
      await db.$executeRaw`UPDATE "Payment" SET "createdAt" = ${ts(c.payment.at)}::timestamp, "updatedAt" = ${ts(c.payment.at)}::timestamp WHERE id = ${payment.id}::uuid`;
      for (const at of c.payment.historyAt ?? [c.payment.at]) {
        await db.paymentStatusHistory.create({
          data: {
            paymentId: payment.id,
            moveId: randomUUID(),
            action: "test",
            toStatus: c.payment.status,
            at,
            actorLabel: "test",
          },
        });
      }
    }
  }
  for (const e of spec.enrolments ?? []) {
    const code = `R${randomUUID().slice(0, 8).toUpperCase()}`;
    const plan = await db.benefitPlan.create({ data: { code, name: `Plan ${code}`, createdById: staffId } });
    const enrolment = await db.enrolment.create({
      data: {
        benefitPlanId: plan.id,
        personId: person.id,
        paymentMethod: "BANK",
        enrolledFrom: new Date("2018-01-01"),
        enrolledTo: e.enrolledTo ? new Date(e.enrolledTo) : null,
        endReason: e.enrolledTo ? "Moved away" : null,
        createdById: staffId,
      },
    });
    await db.$executeRaw`UPDATE "Enrolment" SET "createdAt" = ${ts(e.at)}::timestamp, "updatedAt" = ${ts(e.at)}::timestamp WHERE id = ${enrolment.id}::uuid`;
  }
  for (const b of spec.bankChanges ?? []) {
    await db.bankDetailChange.create({
      data: {
        claimantId: person.id,
        ciphertext: encryptBankDetails({ ...VALID_BANK, accountNumber: "12345678" }, key),
        lookupHash: "b".repeat(64),
        status: b.status,
        proposedById: staffId,
        proposedAt: b.proposedAt,
        note: "Claimant phoned",
        decidedById: b.decidedAt ? staffId : null,
        decidedAt: b.decidedAt ?? null,
        decisionNote: b.decidedAt ? "Checked with the claimant" : null,
      },
    });
  }
  for (const p of spec.personChanges ?? []) {
    await db.personDetailsChange.create({
      data: {
        claimantId: person.id,
        status: p.status,
        firstName: spec.name,
        lastName: "Byron",
        addressLine1: "2 Low Street",
        addressLine2: "Flat 3",
        town: "York",
        county: "North Yorkshire",
        postcode: "YO1 1AA",
        country: "England",
        proposedById: staffId,
        proposedAt: p.proposedAt,
        note: "Married",
        decidedById: p.decidedAt ? staffId : null,
        decidedAt: p.decidedAt ?? null,
      },
    });
  }
  for (const m of spec.messages ?? []) {
    await db.notification.create({
      data: {
        claimantId: person.id,
        channel: "EMAIL",
        template: "CLAIM_APPROVED",
        recipient: `${spec.name.toLowerCase()}@example.com`,
        personalisation: { subject: "Your claim has been approved", body: `Dear ${spec.name}` },
        status: m.status,
        createdAt: m.at,
        sentAt: m.status === "SENT" ? m.at : null,
      },
    });
  }
  return person.id;
}

/** What the rule (rules/retention-rule.ts) needs to know of a person, read back from the database. */
export async function activityOf(db: PrismaClient, personId: string): Promise<PersonActivity> {
  const p = await db.claimant.findUniqueOrThrow({
    where: { id: personId },
    include: {
      claims: true,
      enrolments: true,
      payments: { include: { history: true } },
      bankDetailChanges: true,
      detailChanges: true,
    },
  });
  return {
    createdAt: p.createdAt,
    erasedAt: p.erasedAt,
    claims: p.claims.map((c) => ({ status: c.status, createdAt: c.createdAt, updatedAt: c.updatedAt })),
    enrolments: p.enrolments.map((e) => ({
      enrolledTo: e.enrolledTo ? e.enrolledTo.toISOString().slice(0, 10) : null,
      createdAt: e.createdAt,
      updatedAt: e.updatedAt,
    })),
    payments: p.payments.map((x) => ({
      status: x.status,
      createdAt: x.createdAt,
      updatedAt: x.updatedAt,
      history: x.history.map((h) => h.at),
    })),
    detailChanges: [...p.bankDetailChanges, ...p.detailChanges].map((c) => ({
      proposedAt: c.proposedAt,
      decidedAt: c.decidedAt,
    })),
  };
}
