// A subject-access export (docs/security.md#personal-data-over-time): GET
// /api/claimants/<id>/subject-access.zip for admins only (401 signed out, 403 for every other role,
// 404 for nobody), audited with who and when; the zip holds exactly the README, the person, their
// claims, lines, payments, messages and enrolments, and their documents' bytes, byte for byte.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import JSZip from "jszip";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Role } from "@/lib/auth/roles";
import { encryptBankDetails } from "@/lib/crypto/bank-details-cipher";
import { createFileStore, type FileStore } from "@/lib/storage";
import { openSubjectAccessExport } from "@/lib/subject-access/open-subject-access-export";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));

const { db, url } = useTestDatabase();
const key = randomBytes(32);
const files = mkdtempSync(path.join(tmpdir(), "disburse-sar-"));
const NOW = new Date("2026-11-28T10:00:00Z");
const at = (iso: string) => new Date(iso);
const PDF = Buffer.from("%PDF-1.4\n% a receipt\n%%EOF\n");
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(200_000)]);

async function loadRoute() {
  vi.resetModules();
  delete (globalThis as { prisma?: unknown }).prisma;
  Object.assign(process.env, {
    DISBURSE_MODE: "production",
    DATABASE_URL: url(),
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    BANK_DETAILS_KEY: key.toString("base64"),
    BANK_DETAILS_LOOKUP_KEY: randomBytes(32).toString("base64"),
    FILE_STORE_DIR: files,
  });
  delete process.env.AZURE_STORAGE_CONNECTION_STRING;
  return (await import("@/app/api/claimants/[id]/subject-access.zip/route")).GET;
}

const get = async (id: string) =>
  (await loadRoute())(new Request(`http://localhost/api/claimants/${id}/subject-access.zip`), {
    params: Promise.resolve({ id }),
  });

async function signInAs(role: Role): Promise<CurrentUser> {
  const u = await makeUser(db(), { role });
  signedIn = { id: u.id, email: u.email, name: u.name, role, mustChangePassword: false };
  return signedIn;
}

async function unzip(bytes: Uint8Array) {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  const text = (name: string) => zip.file(name)!.async("string");
  const bytesOf = async (name: string) => Buffer.from(await zip.file(name)!.async("uint8array"));
  return { names, text, bytesOf };
}

/** One person with something in every file, and documents in the store. */
async function seedSubject(store: FileStore) {
  const staff = await makeUser(db(), { role: "CASEWORKER" });
  const person = await db().claimant.create({
    data: {
      reference: "7KQ2M9X",
      firstName: "Ada",
      lastName: "Lovelace",
      dateOfBirth: new Date("1985-12-10"),
      email: "ada@example.com",
      phone: "07700900123",
      addressLine1: "1 High Street",
      town: "Leeds",
      county: "West Yorkshire",
      postcode: "LS1 1AA",
      country: "England",
      contactPreference: "EMAIL",
      createdAt: at("2026-10-01T08:00:00Z"),
      bankDetails: {
        create: {
          ciphertext: encryptBankDetails(
            { sortCode: "200000", accountNumber: "55779911", nameOnAccount: "A Lovelace", rollNumber: null },
            key,
          ),
        },
      },
    },
  });
  const claim = await db().claim.create({
    data: {
      reference: "8HW4N2P",
      claimantId: person.id,
      eventDate: new Date("2026-10-20"),
      paymentMethod: "BANK",
      source: "API",
      status: "APPROVED",
      createdAt: at("2026-10-21T09:30:00Z"),
      visit: {
        create: { prison: "HMP Leeds", prisonerNumber: "A1234BC", relationship: "Mother", visitAt: at("2026-10-20T14:00:00Z") },
      },
      expenses: {
        create: [
          {
            lineNo: 1,
            type: "TRAIN",
            description: "Leeds to Wakefield, return",
            claimedPence: 1240,
            approvedPence: 1240,
            decision: "APPROVED",
          },
          {
            lineNo: 2,
            type: "TAXI",
            description: '=HYPERLINK("http://evil.example","taxi")',
            claimedPence: 3000,
            approvedPence: 2500,
            decision: "APPROVED_DIFFERENT_AMOUNT",
            decisionNote: "Capped at the usual fare",
          },
        ],
      },
    },
  });
  await db().$executeRaw`UPDATE "Claim" SET "updatedAt" = '2026-10-22T11:00:00Z'::timestamp WHERE id = ${claim.id}::uuid`;
  const payment = await db().payment.create({
    data: {
      reference: "8HW4N2P-01",
      personId: person.id,
      claimId: claim.id,
      method: "BANK",
      amountPence: 3740,
      createdAt: at("2026-10-22T11:00:00Z"),
    },
  });
  await db().notification.create({
    data: {
      claimantId: person.id,
      claimId: claim.id,
      channel: "EMAIL",
      template: "CLAIM_APPROVED",
      recipient: "ada@example.com",
      personalisation: { subject: "Your claim has been approved", body: "Dear Ada,\n\nWe will pay £37.40." },
      status: "SENT",
      createdAt: at("2026-10-22T11:00:01Z"),
      sentAt: at("2026-10-22T11:05:00Z"),
    },
  });
  await db().notification.create({
    data: {
      claimantId: person.id,
      channel: "LETTER",
      template: "INFORMATION_REQUESTED",
      recipient: "Ada Lovelace\n1 High Street\nLeeds\nLS1 1AA",
      personalisation: { subject: "We need more information", body: "Please send your ticket." },
      createdAt: at("2026-10-23T09:00:00Z"),
    },
  });
  const plan = await db().benefitPlan.create({ data: { code: "CARERS", name: "Carers' allowance", createdById: staff.id } });
  await db().enrolment.create({
    data: {
      benefitPlanId: plan.id,
      personId: person.id,
      paymentMethod: "CASH",
      enrolledFrom: new Date("2026-01-01"),
      createdById: staff.id,
      createdAt: at("2026-01-02T10:00:00Z"),
      attributes: { create: { effectiveFrom: new Date("2026-01-01"), values: { children: 2 }, createdById: staff.id } },
    },
  });
  const documents = [
    { fileName: "receipt.pdf", contentType: "application/pdf", bytes: PDF, createdAt: at("2026-10-21T09:31:00Z") },
    { fileName: "../../ticket photo.jpg", contentType: "image/jpeg", bytes: JPEG, createdAt: at("2026-10-21T09:32:00Z") },
    { fileName: "lost.pdf", contentType: "application/pdf", bytes: null, createdAt: at("2026-10-21T09:33:00Z") },
  ];
  for (const d of documents) {
    const storageKey = `documents/${randomUUID()}`;
    if (d.bytes) await store.putOnce(storageKey, d.bytes, d.contentType);
    await db().claimDocument.create({
      data: {
        claimId: claim.id,
        source: "API",
        fileName: d.fileName,
        contentType: d.contentType,
        sizeBytes: d.bytes?.length ?? 10,
        sha256: "0".repeat(64),
        storageKey,
        createdAt: d.createdAt,
      },
    });
  }
  return { person, claim, payment };
}

describe("the subject-access export", () => {
  let store: FileStore;
  let subject: Awaited<ReturnType<typeof seedSubject>>;
  beforeAll(async () => {
    store = createFileStore({ fileStoreDir: files, azureStorageContainer: "unused" });
    subject = await seedSubject(store);
  });

  it("holds exactly the person's files, with these contents", async () => {
    const admin = await signInAs("ADMIN");
    const exported = await openSubjectAccessExport(db(), { personId: subject.person.id, actor: admin, store, key, now: NOW });
    expect(exported!.fileName).toBe("subject-access-7KQ2M9X-2026-11-28.zip");
    const zip = await unzip(new Uint8Array(await new Response(exported!.stream).arrayBuffer()));
    expect(zip.names).toEqual([
      "README.txt",
      "person.json",
      "claims.csv",
      "expense-lines.csv",
      "payments.csv",
      "messages.csv",
      "enrolments.csv",
      "documents/8HW4N2P-01-receipt.pdf",
      "documents/8HW4N2P-02-___.._ticket_photo.jpg",
    ]);
    expect(await zip.text("README.txt")).toBe(
      [
        `Subject-access export for the person with reference 7KQ2M9X (id ${subject.person.id}).`,
        "Made 2026-11-28T10:00:00.000Z. Times are UTC (ISO 8601); amounts are in pounds.",
        "",
        "Files:",
        "- README.txt: this list",
        "- person.json: your details: name, date of birth, contact details, address, bank details (masked)",
        "- claims.csv: your claims, one a line",
        "- expense-lines.csv: what each claim asked for and what was decided",
        "- payments.csv: every payment to you, with its status and dates",
        "- messages.csv: the messages sent (or to be sent) to you, as you received them",
        "- enrolments.csv: your enrolments in benefit plans",
        '- documents/8HW4N2P-01-receipt.pdf: a document sent with a claim ("receipt.pdf")',
        '- documents/8HW4N2P-02-___.._ticket_photo.jpg: a document sent with a claim ("../../ticket photo.jpg")',
        '- not included: "lost.pdf" is recorded but missing from the file store',
        "",
        "Bank details are masked as the portal shows them (the first two digits of the sort code, the last three of the account number).",
        "",
      ].join("\n"),
    );
    expect(JSON.parse(await zip.text("person.json"))).toEqual({
      reference: "7KQ2M9X",
      id: subject.person.id,
      firstName: "Ada",
      lastName: "Lovelace",
      dateOfBirth: "1985-12-10",
      email: "ada@example.com",
      phone: "07700900123",
      address: {
        line1: "1 High Street",
        line2: null,
        town: "Leeds",
        county: "West Yorkshire",
        postcode: "LS1 1AA",
        country: "England",
      },
      contactPreference: "EMAIL",
      bankDetails: { sortCode: "20-**-**", accountNumber: "*****911", nameOnAccount: "A Lovelace", rollNumber: null },
      recordCreatedAt: "2026-10-01T08:00:00.000Z",
      erasedAt: null,
      mergedInto: null,
      exportedAt: "2026-11-28T10:00:00.000Z",
    });
    expect(await zip.text("claims.csv")).toBe(
      "reference,status,received_at,updated_at,event_date,payment_method,source,rejection_reason,visit_prison,visit_relationship,visit_at\n" +
        "8HW4N2P,APPROVED,2026-10-21T09:30:00.000Z,2026-10-22T11:00:00.000Z,2026-10-20,BANK,API,,HMP Leeds,Mother,2026-10-20T14:00:00.000Z\n",
    );
    // The description a claimant typed as a formula stays text in a spreadsheet.
    expect(await zip.text("expense-lines.csv")).toBe(
      "claim_reference,line_no,type,description,claimed,approved,decision,decision_note\n" +
        '8HW4N2P,1,TRAIN,"Leeds to Wakefield, return",12.40,12.40,APPROVED,\n' +
        `8HW4N2P,2,TAXI,"'=HYPERLINK(""http://evil.example"",""taxi"")",30.00,25.00,APPROVED_DIFFERENT_AMOUNT,Capped at the usual fare\n`,
    );
    expect(await zip.text("payments.csv")).toBe(
      "reference,id,claim_reference,cycle_period,method,amount,status,created_at,sent_at,paid_at,failed_at,cancelled_at,failure_reason,cancel_reason\n" +
        `8HW4N2P-01,${subject.payment.id},8HW4N2P,,BANK,37.40,NEW,2026-10-22T11:00:00.000Z,,,,,,\n`,
    );
    expect(await zip.text("messages.csv")).toBe(
      "created_at,channel,template,status,sent_at,recipient,subject,body\n" +
        '2026-10-22T11:00:01.000Z,EMAIL,CLAIM_APPROVED,SENT,2026-10-22T11:05:00.000Z,ada@example.com,Your claim has been approved,"Dear Ada,\n\nWe will pay £37.40."\n' +
        '2026-10-23T09:00:00.000Z,LETTER,INFORMATION_REQUESTED,QUEUED,,"Ada Lovelace, 1 High Street, Leeds, LS1 1AA",We need more information,Please send your ticket.\n',
    );
    expect(await zip.text("enrolments.csv")).toBe(
      "benefit_plan_code,benefit_plan_name,payment_method,enrolled_from,enrolled_to,end_reason,created_at,attributes\n" +
        `CARERS,Carers' allowance,CASH,2026-01-01,,,2026-01-02T10:00:00.000Z,"[{""effectiveFrom"":""2026-01-01"",""values"":{""children"":2}}]"\n`,
    );
    expect((await zip.bytesOf("documents/8HW4N2P-01-receipt.pdf")).equals(PDF)).toBe(true);
    expect((await zip.bytesOf("documents/8HW4N2P-02-___.._ticket_photo.jpg")).equals(JPEG)).toBe(true);
  });

  it("is for admins only: 401 signed out, 403 for every other role, nothing recorded", async () => {
    const before = await db().auditLog.count({ where: { action: "subject-access.export" } });
    signedIn = null;
    const signedOut = await get(subject.person.id);
    expect(signedOut.status).toBe(401);
    expect(await signedOut.json()).toEqual({ error: "Sign in required" });
    for (const role of ["CASEWORKER", "SSCL_FINANCE", "ACCOUNTANT", "PLAN_MANAGER"] as const) {
      await signInAs(role);
      const refused = await get(subject.person.id);
      expect([role, refused.status]).toEqual([role, 403]);
    }
    expect(await db().auditLog.count({ where: { action: "subject-access.export" } })).toBe(before);
  });

  it("streams the zip to an admin, records who and when, and answers 404 for nobody", async () => {
    const admin = await signInAs("ADMIN");
    const response = await get(subject.person.id.toUpperCase());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="subject-access-7KQ2M9X-\d{4}-\d{2}-\d{2}\.zip"/,
    );
    const zip = await unzip(new Uint8Array(await response.arrayBuffer()));
    expect(zip.names).toHaveLength(9);

    const [audit] = await db().auditLog.findMany({
      where: { action: "subject-access.export", actorId: admin.id },
      orderBy: { id: "desc" },
      take: 1,
    });
    expect(audit).toMatchObject({ actorLabel: admin.email, entityType: "Claimant", entityId: subject.person.id });
    expect(Date.now() - audit.at.getTime()).toBeLessThan(60_000);
    expect(audit.after).toMatchObject({
      reference: "7KQ2M9X",
      entries: zip.names,
      counts: { claims: 1, expenseLines: 2, payments: 1, messages: 2, enrolments: 1, documents: 2 },
      missingDocuments: ["lost.pdf"],
    });

    for (const id of [randomUUID(), "not-a-uuid"]) {
      const missing = await get(id);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: "There is no such person" });
    }
  });

  it("exports what is left of an erased person, saying when they were erased", async () => {
    const admin = await signInAs("ADMIN");
    const erased = await db().claimant.create({
      data: {
        reference: "9ZZ9ZZ9",
        firstName: "Erased",
        lastName: "Erased",
        dateOfBirth: new Date("1900-01-01"),
        addressLine1: "",
        town: "",
        postcode: "",
        country: "",
        contactPreference: "EMAIL",
        erasedAt: at("2026-11-01T02:00:00Z"),
      },
    });
    const exported = await openSubjectAccessExport(db(), { personId: erased.id, actor: admin, store, key, now: NOW });
    const zip = await unzip(new Uint8Array(await new Response(exported!.stream).arrayBuffer()));
    expect(await zip.text("README.txt")).toContain(
      "This person's personal details were erased on 2026-11-01 under the retention policy.",
    );
    expect(JSON.parse(await zip.text("person.json"))).toMatchObject({
      firstName: "Erased",
      bankDetails: null,
      erasedAt: "2026-11-01T02:00:00.000Z",
    });
    expect(await zip.text("claims.csv")).toBe(
      "reference,status,received_at,updated_at,event_date,payment_method,source,rejection_reason,visit_prison,visit_relationship,visit_at\n",
    );
  });
});
