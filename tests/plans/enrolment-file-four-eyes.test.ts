// Four eyes on an enrolment file (docs/enrolment-file.md#four-eyes): its new bank details and payment
// methods wait for a second plan manager, who alone sees the details in full and decides them all
// at once; the uploader is refused, in the service and in the server action, and changes nothing;
// meanwhile the people's unsent payments are held, and the decision releases them. A new
// enrolment's first method cannot be rejected. Decisions one by one on a beneficiary's page still work.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { StaffMember } from "@/lib/audit/record-audit";
import type { CurrentUser } from "@/lib/auth/current-user";
import { bankLookupHash } from "@/lib/bank-details/lookup-hash";
import { decryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { poolOf } from "@/lib/db/create-db";
import { AppError } from "@/lib/errors";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { decideBeneficiaryBankDetails } from "@/lib/plans/enrolments/beneficiary-bank-details";
import { decideEnrolmentFileChanges } from "@/lib/plans/enrolments/enrolment-file/decide-enrolment-file-changes";
import { loadEnrolmentFile } from "@/lib/plans/enrolments/enrolment-file/load-enrolment-file";
import { VALID_BANK } from "../support/make-claim";
import { makeCycle, makeCyclePayment } from "../support/make-cycle-payment";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";
import { useTempStore } from "../runs/run-test-support";
import { enrolmentFile, FILE_LOOKUP_KEY, FILE_NOW, filePlan, NEW_ROW, uploadFile } from "./enrolments-file-support";
import { post } from "./enrolments-support";

const key = randomBytes(32);
let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));
vi.mock("@/lib/crypto/bank-details-key", () => ({ bankDetailsKey: () => key }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { db, url } = useTestDatabase();
const store = useTempStore();
let decideAction: (previous: null, formData: FormData) => Promise<unknown>;

beforeAll(async () => {
  vi.resetModules();
  delete (globalThis as { prisma?: unknown }).prisma;
  process.env.DATABASE_URL = url();
  ({ decideEnrolmentFileChangesAction: decideAction } = await import("@/app/(portal)/benefit-plans/[code]/uploads/[id]/actions"));
});
// The action's own client (lib/db) is closed before the database is dropped (hooks run last first).
afterAll(async () => {
  const client = (globalThis as { prisma?: PrismaClient }).prisma;
  if (!client) return;
  await client.$disconnect();
  poolOf(client).on("error", () => {});
  await poolOf(client).end();
});

const OTHER_BANK = { nameOnAccount: "U Known", sortCode: "200000", accountNumber: "55779911", rollNumber: null };

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

const asUser = (member: StaffMember): CurrentUser => ({ ...member, role: "PLAN_MANAGER", mustChangePassword: false });

/**
 * A plan with a cycle, someone already enrolled with approved bank details and a waiting payment of
 * the cycle, and a file by `maker` that enrols a new person (bank transfer) and gives the enrolled
 * person new bank details and a new method.
 */
async function fileWithChanges(code: string) {
  const plan = await filePlan(db(), code);
  const cycle = await makeCycle(db());
  await db().paymentPlan.update({ where: { id: cycle.paymentPlan.id }, data: { benefitPlanId: plan.id } });
  const { payment, person } = await makeCyclePayment(db(), key, { cycle, method: "BANK", status: "NEW", bank: OTHER_BANK });
  await db().enrolment.create({
    data: {
      benefitPlanId: plan.id,
      personId: person.id,
      paymentMethod: "BANK",
      enrolledFrom: new Date("2026-01-01"),
      createdById: plan.maker.id,
      attributes: { create: { effectiveFrom: new Date("2026-01-01"), values: {}, createdById: plan.maker.id } },
    },
  });
  const known = {
    "Person Reference": person.reference!,
    "First Name": person.firstName,
    "Last Name": person.lastName,
    "Date of Birth": person.dateOfBirth.toISOString().slice(0, 10),
    "Payment Method": "CASH",
    "Name on Account": "G Hopper",
    "Sort Code": VALID_BANK.sortCode,
    "Account Number": VALID_BANK.accountNumber,
    "Enrolled From": "2026-01-01",
  };
  const upload = await uploadFile(db(), store(), key, {
    planId: plan.id,
    actor: plan.maker,
    bytes: enrolmentFile([{ ...NEW_ROW, "First Name": `New ${code}` }, known]),
  });
  expect(upload.status).toBe("APPLIED");
  const newcomer = await db().claimant.findFirstOrThrow({ where: { firstName: `New ${code}` } });
  return { plan, upload, payment, person, newcomer };
}

describe("an enrolment file's waiting changes", () => {
  it("hold the payments they concern, refuse the uploader, and are shown in full to the checker alone", async () => {
    const { plan, upload, payment } = await fileWithChanges("EYES-A");
    // The bank payment waits for both changes (a payment has one hold reason: the method's comes first).
    expect((await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).holdReason).toBe(
      "PAYMENT_METHOD_CHANGE_PENDING",
    );

    const own = await refusal(
      decideEnrolmentFileChanges({
        db: db(),
        key,
        planCode: plan.code,
        uploadId: upload.uploadId,
        approve: true,
        actor: plan.maker,
        now: FILE_NOW,
      }),
    );
    expect([own.code, own.message]).toEqual([
      "FORBIDDEN",
      "You uploaded this file, so another plan manager must approve or reject its changes.",
    ]);
    signedIn = asUser(plan.maker);
    const audit = await db().auditLog.count();
    expect(await post(decideAction, { planCode: plan.code, uploadId: upload.uploadId, decision: "approve" })).toEqual({
      ok: false,
      code: "FORBIDDEN",
      message: "You uploaded this file, so another plan manager must approve or reject its changes.",
    });
    expect(await db().auditLog.count()).toBe(audit);
    expect(await db().bankDetailChange.count({ where: { uploadId: upload.uploadId, status: "PENDING" } })).toBe(2);

    const checker = await makeUser(db(), { role: "PLAN_MANAGER" });
    const accountant = await makeUser(db(), { role: "ACCOUNTANT" });
    const shown = async (viewer: { id: string; role: "PLAN_MANAGER" | "ACCOUNTANT" }) =>
      (await loadEnrolmentFile({ db: db(), key, planCode: plan.code, uploadId: upload.uploadId, viewer }))!;
    const forChecker = await shown({ id: checker.id, role: "PLAN_MANAGER" });
    expect(forChecker.mayDecide).toBe(true);
    expect(forChecker.waiting).toEqual({ bankDetails: 2, paymentMethods: 2, firstMethods: 1 });
    expect(forChecker.changes.map((c) => [c.lineNo, c.bankDetails?.accountNumber, c.bankDetails?.masked, c.method])).toEqual([
      [2, "55779911", false, { from: "BANK", to: "BANK", first: true }],
      [3, "55779911", false, { from: "BANK", to: "CASH", first: false }],
    ]);
    for (const viewer of [
      { id: plan.maker.id, role: "PLAN_MANAGER" as const },
      { id: accountant.id, role: "ACCOUNTANT" as const },
    ]) {
      const page = await shown(viewer);
      expect(page.mayDecide).toBe(false);
      expect(page.changes.map((c) => [c.bankDetails?.sortCode, c.bankDetails?.accountNumber, c.bankDetails?.masked])).toEqual([
        ["20-**-**", "*****911", true],
        ["20-**-**", "*****911", true],
      ]);
    }
  });

  it("approved by a second plan manager, become the people's and release their payments", async () => {
    const { plan, upload, payment, person, newcomer } = await fileWithChanges("EYES-B");
    const checker = await makeUser(db(), { role: "PLAN_MANAGER" });
    signedIn = { id: checker.id, email: checker.email, name: checker.name, role: "PLAN_MANAGER", mustChangePassword: false };
    expect(await post(decideAction, { planCode: plan.code, uploadId: upload.uploadId, decision: "approve" })).toEqual({
      ok: true,
      message: "Approved: 2 people's new bank details and 2 payment methods. 1 payment was released from hold.",
    });
    for (const who of [person, newcomer]) {
      const details = await db().bankDetails.findUniqueOrThrow({ where: { claimantId: who.id } });
      expect(decryptBankDetails(details.ciphertext, key)).toMatchObject({ accountNumber: VALID_BANK.accountNumber });
      expect(details.lookupHash).toBe(bankLookupHash(VALID_BANK, FILE_LOOKUP_KEY));
    }
    expect(
      await db().bankDetailChange.findMany({ where: { uploadId: upload.uploadId }, select: { status: true, decidedById: true } }),
    ).toEqual([
      { status: "APPROVED", decidedById: checker.id },
      { status: "APPROVED", decidedById: checker.id },
    ]);
    expect(await db().enrolment.findFirstOrThrow({ where: { personId: person.id } })).toMatchObject({
      paymentMethod: "CASH",
      pendingPaymentMethod: null,
      pendingMethodUploadId: null,
    });
    expect(await db().enrolment.findFirstOrThrow({ where: { personId: newcomer.id } })).toMatchObject({
      paymentMethod: "BANK",
      pendingPaymentMethod: null,
    });
    // Released, and paid by the approved method.
    const released = await db().payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect([released.status, released.method, released.holdReason]).toEqual(["NEW", "CASH", null]);
    const history = await db().paymentStatusHistory.findMany({ where: { paymentId: payment.id }, orderBy: { id: "asc" } });
    expect(history.map((h) => [h.action, h.holdReason, h.actorLabel])).toEqual([
      ["payment.held", "PAYMENT_METHOD_CHANGE_PENDING", plan.maker.email],
      ["payment.released", null, checker.email],
    ]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "enrolment-file.changes-approved" } });
    expect(audit).toMatchObject({
      actorId: checker.id,
      entityId: upload.uploadId,
      after: { benefitPlan: plan.code, bankDetails: 2, paymentMethods: 2, releasedPayments: 1, firstMethodsLeft: 0 },
    });
    expect(
      (await loadEnrolmentFile({
        db: db(),
        key,
        planCode: plan.code,
        uploadId: upload.uploadId,
        viewer: { id: checker.id, role: "PLAN_MANAGER" },
      }))!.waiting,
    ).toEqual({ bankDetails: 0, paymentMethods: 0, firstMethods: 0 });
  });

  it("rejected, leave the record as it was, except new enrolments' first methods, which still wait", async () => {
    const { plan, upload, payment, person, newcomer } = await fileWithChanges("EYES-C");
    const checker = await planManagerMember();
    const decided = await decideEnrolmentFileChanges({
      db: db(),
      key,
      planCode: plan.code,
      uploadId: upload.uploadId,
      approve: false,
      actor: checker,
      now: FILE_NOW,
    });
    expect(decided).toEqual({ bankDetails: 2, paymentMethods: 1, releasedPayments: 1, firstMethodsLeft: 1 });
    const onRecord = await db().bankDetails.findUniqueOrThrow({ where: { claimantId: person.id } });
    expect(decryptBankDetails(onRecord.ciphertext, key)).toEqual(OTHER_BANK);
    expect(await db().bankDetails.count({ where: { claimantId: newcomer.id } })).toBe(0);
    expect(await db().enrolment.findFirstOrThrow({ where: { personId: person.id } })).toMatchObject({
      paymentMethod: "BANK",
      pendingPaymentMethod: null,
    });
    expect(await db().enrolment.findFirstOrThrow({ where: { personId: newcomer.id } })).toMatchObject({
      paymentMethod: "BANK",
      pendingPaymentMethod: "BANK",
      pendingMethodUploadId: upload.uploadId,
    });
    const released = await db().payment.findUniqueOrThrow({ where: { id: payment.id } });
    expect([released.method, released.holdReason]).toEqual(["BANK", null]);
    // Nothing left to reject; the first method can still be approved.
    expect(
      (
        await refusal(
          decideEnrolmentFileChanges({
            db: db(),
            key,
            planCode: plan.code,
            uploadId: upload.uploadId,
            approve: false,
            actor: checker,
            now: FILE_NOW,
          }),
        )
      ).code,
    ).toBe("INVALID_STATE");
    expect(
      await decideEnrolmentFileChanges({
        db: db(),
        key,
        planCode: plan.code,
        uploadId: upload.uploadId,
        approve: true,
        actor: checker,
        now: FILE_NOW,
      }),
    ).toEqual({ bankDetails: 0, paymentMethods: 1, releasedPayments: 0, firstMethodsLeft: 0 });
  });

  it("can still be decided one by one on a beneficiary's page", async () => {
    const { plan, upload, person } = await fileWithChanges("EYES-D");
    const checker = await planManagerMember();
    const change = await db().bankDetailChange.findFirstOrThrow({ where: { uploadId: upload.uploadId, claimantId: person.id } });
    const decide = (actor: StaffMember) =>
      decideBeneficiaryBankDetails({
        db: db(),
        key,
        planCode: plan.code,
        personReference: person.reference!,
        changeId: change.id,
        approve: true,
        actor,
        now: FILE_NOW,
      });
    expect((await refusal(decide(plan.maker))).code).toBe("FORBIDDEN");
    await decide(checker);
    const onRecord = await db().bankDetails.findUniqueOrThrow({ where: { claimantId: person.id } });
    expect(decryptBankDetails(onRecord.ciphertext, key)).toMatchObject({ nameOnAccount: "G Hopper" });
    // The file's decision then leaves that one alone.
    const decided = await decideEnrolmentFileChanges({
      db: db(),
      key,
      planCode: plan.code,
      uploadId: upload.uploadId,
      approve: true,
      actor: checker,
      now: FILE_NOW,
    });
    expect(decided).toMatchObject({ bankDetails: 1, paymentMethods: 2 });
    expect(await db().bankDetailChange.findUniqueOrThrow({ where: { id: change.id } })).toMatchObject({ status: "APPROVED" });
  });
});

async function planManagerMember(): Promise<StaffMember> {
  const user = await makeUser(db(), { role: "PLAN_MANAGER" });
  return { id: user.id, email: user.email, name: user.name };
}
