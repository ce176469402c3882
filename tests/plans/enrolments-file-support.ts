import type { StaffMember } from "@/lib/audit/record-audit";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createBenefitPlan } from "@/lib/plans/benefit-plans/create-benefit-plan";
import { FIXED_COLUMNS } from "@/lib/plans/enrolments/enrolment-file/enrolment-columns";
import { importEnrolmentFile } from "@/lib/plans/enrolments/enrolment-file/import-enrolment-file";
import type { AttributeDeclaration } from "@/lib/plans/rules/attributes";
import type { LocalFileStore } from "@/lib/storage/local-file-store";
import { ATTRIBUTES, planManager } from "./enrolments-support";

// Shared set-up for the enrolment-file tests: a plan with the enrolment tests' attributes, rows
// written by column name, and the upload as the route makes it (bytes in memory here).

export const FILE_NOW = new Date("2026-11-28T10:00:00.000Z");
/** BANK_DETAILS_LOOKUP_KEY for the uploads: each proposed account keeps its lookup hash. */
export const FILE_LOOKUP_KEY = Buffer.alloc(32, 9);

export const FILE_COLUMNS = [...FIXED_COLUMNS, ...ATTRIBUTES.map((a) => a.name)];
export const FILE_HEADER = FILE_COLUMNS.join(",");

type Row = Partial<Record<(typeof FILE_COLUMNS)[number], string>>;

/** A new person paid by bank transfer, with valid bank details and both attributes. */
export const NEW_ROW: Row = {
  "First Name": "Ada",
  "Last Name": "Lovelace",
  "Date of Birth": "1985-12-10",
  "Address Line 1": "1 High Street",
  Town: "Leeds",
  Postcode: "LS1 1AA",
  "Contact Preference": "LETTER",
  "Payment Method": "BANK",
  "Name on Account": "A Lovelace",
  "Sort Code": "200000",
  "Account Number": "55779911",
  "Enrolled From": "2026-12-01",
  "Household size": "4",
  Tenure: "Rent",
};

/** One CSV line in the header's order; a value with a comma or quote is quoted. */
export function fileLine(row: Row): string {
  return FILE_COLUMNS.map((column) => {
    const value = row[column] ?? "";
    return /[",]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  }).join(",");
}

/** The header and the rows, LF line ends, final line terminated. */
export function enrolmentFile(rows: readonly Row[]): Buffer {
  return Buffer.from(`${[FILE_HEADER, ...rows.map(fileLine)].join("\n")}\n`, "utf8");
}

/** The i-th of many distinct new people (for scale): a first name of letters only, as a claimant's must be. */
export function manyPeople(n: number, offset = 0): Row[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    const letters = i
      .toString(26)
      .split("")
      .map((d) => String.fromCharCode(97 + parseInt(d, 26)))
      .join("");
    return { ...NEW_ROW, "First Name": `Person ${letters}`, "Household size": String((i % 6) + 1) };
  });
}

/** A benefit plan with the enrolment tests' attributes (or none) and the plan manager who made it. */
export async function filePlan(
  db: PrismaClient,
  code: string,
  attributes: AttributeDeclaration[] = ATTRIBUTES,
): Promise<{ code: string; id: string; maker: StaffMember }> {
  const maker = await planManager(db);
  await createBenefitPlan({ db, plan: { code, name: code, description: null, attributes }, actor: maker, now: FILE_NOW });
  const plan = await db.benefitPlan.findUniqueOrThrow({ where: { code } });
  return { code, id: plan.id, maker };
}

export function uploadFile(
  db: PrismaClient,
  store: LocalFileStore,
  key: Buffer,
  options: { planId: string; actor: StaffMember; bytes: Buffer; fileName?: string; now?: Date; makeReference?: () => string },
) {
  return importEnrolmentFile({
    db,
    store,
    key,
    lookupKey: FILE_LOOKUP_KEY,
    benefitPlanId: options.planId,
    fileName: options.fileName ?? "enrolments.csv",
    bytes: options.bytes,
    actor: { id: options.actor.id, email: options.actor.email },
    now: options.now ?? FILE_NOW,
    makeReference: options.makeReference,
  });
}
