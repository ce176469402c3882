// The enrolment file through the upload shell on a real database (docs/enrolment-file.md): a clean
// file enrols new people (references, enrolments whose method waits, first attribute sets, bank
// details waiting with the upload, each row's person); one bad row rejects the whole file and
// changes nothing, with the exact error report; the same file twice is a no-op; rows for people on
// record are checked against the record (who they are, their enrolment, what waits already) and
// change only what differs, holding the payments the change concerns.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bankLookupHash } from "@/lib/bank-details/lookup-hash";
import { decryptBankDetails, encryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { loadUploadErrorReport } from "@/lib/uploads/load-upload-error-report";
import { VALID_BANK } from "../support/make-claim";
import { makeCycle, makeCyclePayment } from "../support/make-cycle-payment";
import { useTestDatabase } from "../support/test-db";
import { useTempStore } from "../runs/run-test-support";
import { enrolmentFile, FILE_HEADER, FILE_LOOKUP_KEY, filePlan, fileLine, NEW_ROW, uploadFile } from "./enrolments-file-support";

const { db } = useTestDatabase();
const store = useTempStore();
const key = randomBytes(32);

async function counts() {
  const [row] = await db().$queryRaw<Record<string, number>[]>`
    SELECT (SELECT count(*) FROM "Claimant")::int AS people, (SELECT count(*) FROM "Enrolment")::int AS enrolments,
           (SELECT count(*) FROM "EnrolmentAttributes")::int AS sets, (SELECT count(*) FROM "BankDetailChange")::int AS changes,
           (SELECT count(*) FROM "BankDetails")::int AS details`;
  return row;
}

describe("a clean enrolment file", () => {
  it("enrols new people: references, enrolments whose method waits, first attributes, bank details waiting", async () => {
    const plan = await filePlan(db(), "FILE-NEW");
    const bytes = enrolmentFile([
      NEW_ROW,
      {
        ...NEW_ROW,
        "First Name": "Charles",
        "Last Name": "Babbage",
        "Date of Birth": "26/12/1971",
        "Payment Method": "cash",
        "Name on Account": "",
        "Sort Code": "",
        "Account Number": "",
        "Household size": "",
        Tenure: "own",
        "Enrolled From": "01/01/2027",
      },
    ]);
    const references = ["AAAAAA1", "AAAAAA2"];
    const outcome = await uploadFile(db(), store(), key, {
      planId: plan.id,
      actor: plan.maker,
      bytes,
      makeReference: () => references.shift()!,
    });
    // Rows are the data rows: the header is not one.
    expect(outcome).toMatchObject({ status: "APPLIED", counts: { rows: 2, matched: 2, unchanged: 0, errors: 0 } });

    const people = await db().claimant.findMany({
      where: { reference: { in: ["AAAAAA1", "AAAAAA2"] } },
      orderBy: { reference: "asc" },
      include: { enrolments: { include: { attributes: true } }, bankDetailChanges: true, bankDetails: true },
    });
    expect(
      people.map((p) => [p.reference, p.firstName, p.lastName, p.dateOfBirth.toISOString().slice(0, 10), p.postcode]),
    ).toEqual([
      ["AAAAAA1", "Ada", "Lovelace", "1985-12-10", "LS1 1AA"],
      ["AAAAAA2", "Charles", "Babbage", "1971-12-26", "LS1 1AA"],
    ]);
    const [ada, charles] = people;
    expect(ada.country).toBe("United Kingdom");
    expect(ada.enrolments[0]).toMatchObject({
      benefitPlanId: plan.id,
      paymentMethod: "BANK",
      pendingPaymentMethod: "BANK",
      pendingMethodProposedById: plan.maker.id,
      pendingMethodUploadId: outcome.uploadId,
      enrolledFrom: new Date("2026-12-01"),
      createdById: plan.maker.id,
    });
    expect(ada.enrolments[0].attributes.map((a) => [a.effectiveFrom.toISOString().slice(0, 10), a.values])).toEqual([
      ["2026-12-01", { "Household size": 4, Tenure: "Rent" }],
    ]);
    expect(charles.enrolments[0]).toMatchObject({ paymentMethod: "CASH", pendingPaymentMethod: "CASH" });
    expect(charles.enrolments[0].attributes.map((a) => a.values)).toEqual([{ Tenure: "Own" }]);
    // Bank details wait for a second plan manager, proposed by the uploader, marked with the upload.
    expect(ada.bankDetails).toBeNull();
    expect(ada.bankDetailChanges).toHaveLength(1);
    expect(ada.bankDetailChanges[0]).toMatchObject({
      status: "PENDING",
      proposedById: plan.maker.id,
      uploadId: outcome.uploadId,
    });
    expect(decryptBankDetails(ada.bankDetailChanges[0].ciphertext, key)).toEqual(VALID_BANK);
    // With the account's lookup hash, so "used by another person" finds it.
    expect(ada.bankDetailChanges[0].lookupHash).toBe(bankLookupHash(VALID_BANK, FILE_LOOKUP_KEY));
    expect(charles.bankDetailChanges).toEqual([]);

    const rows = await db().uploadRow.findMany({ where: { uploadId: outcome.uploadId }, orderBy: { lineNo: "asc" } });
    expect(rows.map((r) => [r.lineNo, r.outcome, r.message, r.personId])).toEqual([
      [
        2,
        "MATCHED",
        "New person enrolled from 1 December 2026; payment method and bank details wait for a second plan manager",
        ada.id,
      ],
      [3, "MATCHED", "New person enrolled from 1 January 2027; payment method waits for a second plan manager", charles.id],
    ]);
    const upload = await db().upload.findUniqueOrThrow({ where: { id: outcome.uploadId } });
    expect(upload).toMatchObject({ kind: "ENROLMENT", status: "APPLIED", benefitPlanId: plan.id });
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "enrolment-file.applied", entityId: outcome.uploadId },
    });
    expect(audit.after).toEqual({
      benefitPlan: "FILE-NEW",
      fileName: "enrolments.csv",
      newPeople: 2,
      newEnrolments: 2,
      attributeSets: 2,
      paymentMethods: 2,
      bankDetails: 1,
      heldPayments: 0,
    });
  });
});

describe("a file with an error", () => {
  it("changes nothing, and its error report is the rows with an Error column", async () => {
    const plan = await filePlan(db(), "FILE-BAD");
    const before = await counts();
    const good = { ...NEW_ROW, "First Name": "Alma" };
    const bad = { ...NEW_ROW, "First Name": "Bo", Postcode: "XYZ", Tenure: "Lease" };
    const bytes = Buffer.from(`${FILE_HEADER}\r\n${fileLine(good)}\r\n${fileLine(bad)}\r\n`);
    const outcome = await uploadFile(db(), store(), key, { planId: plan.id, actor: plan.maker, bytes, fileName: "people.csv" });
    const message = 'Line 3: Postcode must be a valid UK postcode, like LS1 1AA; Tenure "Lease" must be one of Rent, Own';
    expect(outcome).toEqual({
      status: "REJECTED",
      uploadId: expect.any(String),
      counts: { rows: 2, matched: 1, unchanged: 0, errors: 1 },
      errors: [{ lineNo: 3, message }],
    });
    expect(await counts()).toEqual(before);
    expect(await db().upload.findUniqueOrThrow({ where: { id: outcome.uploadId } })).toMatchObject({
      status: "REJECTED",
      benefitPlanId: plan.id,
    });

    const report = await loadUploadErrorReport(db(), store(), outcome.uploadId);
    // The file's own header heads it, with an Error column; LF line ends and a BOM for Excel.
    expect(report?.fileName).toBe("people-errors.csv");
    expect(report?.bytes.toString("utf8")).toBe(
      `\uFEFF${FILE_HEADER},Error\n${fileLine(good)},\n${fileLine(bad)},"${message.replace(/"/g, '""')}"\n`,
    );
  });

  it("names a header's missing, unknown and doubled columns, and nothing is read further", async () => {
    const plan = await filePlan(db(), "FILE-HDR");
    const header = FILE_HEADER.replace("Roll Number,", "").replace("Tenure", "Tenure,Shoe size,email");
    const outcome = await uploadFile(db(), store(), key, {
      planId: plan.id,
      actor: plan.maker,
      bytes: Buffer.from(`${header}\n${fileLine({ ...NEW_ROW, "First Name": "Hedy" })}\n`),
    });
    expect(outcome).toMatchObject({
      status: "REJECTED",
      errors: [
        {
          lineNo: 1,
          message:
            'Line 1: missing column "Roll Number"; unknown column "Shoe size"; column "Email" named twice (the header row names Person Reference, First Name, Last Name, Date of Birth, Address Line 1, Address Line 2, Town, County, Postcode, Contact Preference, Email, Phone, Payment Method, Name on Account, Sort Code, Account Number, Roll Number, Enrolled From, Household size, Tenure, in any order)',
        },
      ],
    });
  });
});

describe("the same file twice", () => {
  it("is a no-op that says so; the same bytes for another plan are not a duplicate", async () => {
    const plan = await filePlan(db(), "FILE-TWICE");
    const other = await filePlan(db(), "FILE-OTHER");
    const bytes = enrolmentFile([{ ...NEW_ROW, "First Name": "Twice", "Payment Method": "CASH" }]);
    const first = await uploadFile(db(), store(), key, { planId: plan.id, actor: plan.maker, bytes });
    expect(first.status).toBe("APPLIED");
    const before = await counts();
    const again = await uploadFile(db(), store(), key, { planId: plan.id, actor: plan.maker, bytes });
    expect(again).toMatchObject({ status: "DUPLICATE", previous: { uploadId: first.uploadId } });
    expect(await counts()).toEqual(before);
    // The person is now on record: in the other plan, the row without a reference is someone known.
    const elsewhere = await uploadFile(db(), store(), key, { planId: other.id, actor: other.maker, bytes });
    expect(elsewhere.status).toBe("REJECTED");
  });
});

describe("rows for people on record", () => {
  it("change only what differs, from the row's date, and hold the payments the change concerns", async () => {
    const plan = await filePlan(db(), "FILE-UPD");
    const first = await uploadFile(db(), store(), key, {
      planId: plan.id,
      actor: plan.maker,
      bytes: enrolmentFile([
        {
          ...NEW_ROW,
          "First Name": "Una",
          "Payment Method": "CASH",
          "Name on Account": "",
          "Sort Code": "",
          "Account Number": "",
        },
      ]),
    });
    expect(first.status).toBe("APPLIED");
    const una = await db().claimant.findFirstOrThrow({ where: { firstName: "Una" }, include: { enrolments: true } });
    // As if a second plan manager had approved the first method, and a cycle paid her since.
    await db().enrolment.update({
      where: { id: una.enrolments[0].id },
      data: { pendingPaymentMethod: null, pendingMethodProposedById: null, pendingMethodUploadId: null },
    });
    await db().bankDetails.create({ data: { claimantId: una.id, ciphertext: encryptBankDetails(VALID_BANK, key) } });
    const cycle = await makeCycle(db());
    await db().paymentPlan.update({ where: { id: cycle.paymentPlan.id }, data: { benefitPlanId: plan.id } });
    const { payment } = await makeCyclePayment(db(), key, { cycle, person: una, method: "CASH", status: "NEW" });

    const same = {
      ...NEW_ROW,
      "Person Reference": una.reference!,
      "First Name": "una",
      "Payment Method": "CASH",
      "Name on Account": "",
      "Sort Code": "",
      "Account Number": "",
    };
    const unchanged = await uploadFile(db(), store(), key, {
      planId: plan.id,
      actor: plan.maker,
      bytes: enrolmentFile([{ ...same, Postcode: "", Town: "" }]),
    });
    expect(unchanged).toMatchObject({ status: "APPLIED", counts: { rows: 1, matched: 0, unchanged: 1 } });

    const changed = await uploadFile(db(), store(), key, {
      planId: plan.id,
      actor: plan.maker,
      bytes: enrolmentFile([{ ...same, "Household size": "5", "Enrolled From": "2027-02-01", "Payment Method": "BANK" }]),
    });
    expect(changed).toMatchObject({ status: "APPLIED", counts: { rows: 1, matched: 1, unchanged: 0 } });
    const rows = await db().uploadRow.findMany({ where: { uploadId: changed.uploadId } });
    expect(rows.map((r) => [r.message, r.personId])).toEqual([
      [
        `${una.reference}: new attribute values from 1 February 2027; payment method BANK waits for a second plan manager`,
        una.id,
      ],
    ]);
    const sets = await db().enrolmentAttributes.findMany({
      where: { enrolment: { personId: una.id } },
      orderBy: { effectiveFrom: "asc" },
    });
    expect(sets.map((s) => [s.effectiveFrom.toISOString().slice(0, 10), s.values])).toEqual([
      ["2026-12-01", { "Household size": 4, Tenure: "Rent" }],
      ["2027-02-01", { "Household size": 5, Tenure: "Rent" }],
    ]);
    expect(await db().enrolment.findFirstOrThrow({ where: { personId: una.id } })).toMatchObject({
      paymentMethod: "CASH",
      pendingPaymentMethod: "BANK",
      pendingMethodUploadId: changed.uploadId,
    });
    expect((await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).holdReason).toBe(
      "PAYMENT_METHOD_CHANGE_PENDING",
    );
    const history = await db().paymentStatusHistory.findMany({ where: { paymentId: payment.id } });
    expect(history.map((h) => [h.action, h.holdReason, h.uploadId])).toEqual([
      ["payment.held", "PAYMENT_METHOD_CHANGE_PENDING", changed.uploadId],
    ]);
  });

  it("are errors when they do not agree with the record, each naming what to correct", async () => {
    const plan = await filePlan(db(), "FILE-REC");
    const vera = {
      ...NEW_ROW,
      "First Name": "Vera",
      "Payment Method": "CASH",
      "Name on Account": "",
      "Sort Code": "",
      "Account Number": "",
    };
    await uploadFile(db(), store(), key, {
      planId: plan.id,
      actor: plan.maker,
      bytes: enrolmentFile([vera]),
      makeReference: () => "VVVVVV1",
    });
    const known = { ...vera, "Person Reference": "vvvvvv1" };
    const errorsOf = async (rows: (typeof NEW_ROW)[]) => {
      const outcome = await uploadFile(db(), store(), key, { planId: plan.id, actor: plan.maker, bytes: enrolmentFile(rows) });
      return outcome.status === "REJECTED" ? outcome.errors.map((e) => e.message) : outcome.status;
    };
    expect(
      await errorsOf([
        { ...known, "Person Reference": "ZZZZZZZ" },
        { ...vera, "First Name": "VERA" },
        { ...NEW_ROW, "First Name": "Wanda" },
        { ...NEW_ROW, "First Name": "Wanda", "Enrolled From": "2027-01-01" },
      ]),
    ).toEqual([
      "Line 2: Person Reference ZZZZZZZ is not anyone on record: leave it blank to enrol someone new",
      "Line 3: person VVVVVV1 has the same First Name, Last Name, Date of Birth and Postcode: put VVVVVV1 in Person Reference",
      "Line 5: the same person as line 4 (same First Name, Last Name, Date of Birth and Postcode): give each person one row",
    ]);
    // A reference given twice is found in SQL over the staged rows, after both rows were read.
    expect(await errorsOf([known, { ...NEW_ROW, "First Name": "Xena" }, { ...known, "Person Reference": "VVVVVV1" }])).toEqual([
      "Line 4: Person Reference VVVVVV1 is also on line 2: give each person one row",
    ]);
    expect(await errorsOf([{ ...known, "Last Name": "Lovelock", "Date of Birth": "1985-12-11" }])).toEqual([
      "Line 2: Last Name and Date of Birth differ from those of person VVVVVV1: check the Person Reference",
    ]);
    expect(await errorsOf([{ ...known, Town: "York", Email: "vera@example.com" }])).toEqual([
      "Line 2: Town and Email differ from what is on record for VVVVVV1: a file does not change a person's details, so leave them blank or as on record",
    ]);
    expect(await errorsOf([{ ...known, "Household size": "6" }])).toEqual([
      "Line 2: Enrolled From: VVVVVV1 already has attribute values in force from 1 December 2026: give the date the new values take effect",
    ]);
    expect(await errorsOf([{ ...known, "Household size": "6", "Enrolled From": "2026-11-01" }])).toEqual([
      "Line 2: Enrolled From 1 November 2026 is before the enrolment of VVVVVV1 started (1 December 2026): new attribute values take effect on or after it",
    ]);
    expect(await errorsOf([{ ...known, "Payment Method": "BANK" }])).toEqual([
      "Line 2: VVVVVV1 has no bank details on record: fill in Name on Account, Sort Code and Account Number for a bank transfer",
    ]);
    // Rows that agree with the record, in any case and with the other date spelling, change nothing.
    expect(
      await errorsOf([
        { ...known, "First Name": "vera", "Last Name": "LOVELACE", "Date of Birth": "10/12/1985", Postcode: "ls11aa" },
      ]),
    ).toBe("APPLIED");
  });
});
