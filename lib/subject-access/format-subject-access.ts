import { unparseLine } from "@/lib/csv/csv-line";
import { maskAccountNumber, maskSortCode, type BankDetailsPlain } from "@/lib/crypto/bank-details-cipher";
import { poundsText } from "@/lib/money";

// The files of a subject-access export (docs/security.md#personal-data-over-time), pure: one
// person's records in, each file's text out. Instants are ISO 8601 in UTC, calendar dates
// YYYY-MM-DD, amounts pounds with two decimals; every CSV is formula-safe (lib/csv).

export type SubjectPerson = {
  id: string;
  reference: string | null;
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD. */
  dateOfBirth: string;
  email: string | null;
  phone: string | null;
  addressLine1: string;
  addressLine2: string | null;
  town: string;
  county: string | null;
  postcode: string;
  country: string;
  contactPreference: string;
  createdAt: Date;
  erasedAt: Date | null;
  mergedIntoReference: string | null;
  bankDetails: BankDetailsPlain | null;
};

export type SubjectClaim = {
  reference: string;
  status: string;
  createdAt: Date;
  updatedAt: Date;
  eventDate: string;
  paymentMethod: string;
  source: string;
  rejectionReason: string | null;
  visit: { prison: string; relationship: string; visitAt: Date } | null;
};

export type SubjectExpenseLine = {
  claimReference: string;
  lineNo: number;
  type: string;
  description: string;
  claimedPence: number;
  approvedPence: number | null;
  decision: string | null;
  decisionNote: string | null;
};

export type SubjectPayment = {
  reference: string;
  id: string;
  claimReference: string | null;
  /** A cycle payment's period, YYYY-MM-DD to YYYY-MM-DD. */
  cyclePeriod: string | null;
  method: string;
  amountPence: number;
  status: string;
  createdAt: Date;
  sentAt: Date | null;
  paidAt: Date | null;
  failedAt: Date | null;
  cancelledAt: Date | null;
  failureReason: string | null;
  cancelReason: string | null;
};

/** A message as its recipient saw it (lib/notify/render-message.ts). */
export type SubjectMessage = {
  createdAt: Date;
  channel: string;
  template: string;
  status: string;
  sentAt: Date | null;
  recipient: string;
  subject: string;
  body: string;
};

export type SubjectEnrolment = {
  benefitPlanCode: string;
  benefitPlanName: string;
  paymentMethod: string;
  enrolledFrom: string;
  enrolledTo: string | null;
  endReason: string | null;
  createdAt: Date;
  /** Each set of attribute values with the date it took effect, oldest first. */
  attributes: { effectiveFrom: string; values: unknown }[];
};

export type SubjectDocument = { claimReference: string; fileName: string; contentType: string; sizeBytes: number };

const iso = (at: Date | null) => (at ? at.toISOString() : "");
const text = (value: string | null | undefined) => value ?? "";
const pounds = (pence: number | null) => (pence === null ? "" : poundsText(pence));

function csv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map(unparseLine).join("");
}

/** Masked as on every screen: the first two digits of the sort code, the last three of the account. */
function maskedBank(bank: BankDetailsPlain | null) {
  if (!bank) return null;
  return {
    sortCode: maskSortCode(bank.sortCode),
    accountNumber: maskAccountNumber(bank.accountNumber),
    nameOnAccount: bank.nameOnAccount,
    rollNumber: bank.rollNumber ? maskAccountNumber(bank.rollNumber) : null,
  };
}

export function personJson(person: SubjectPerson, exportedAt: Date): string {
  const doc = {
    reference: person.reference,
    id: person.id,
    firstName: person.firstName,
    lastName: person.lastName,
    dateOfBirth: person.dateOfBirth,
    email: person.email,
    phone: person.phone,
    address: {
      line1: person.addressLine1,
      line2: person.addressLine2,
      town: person.town,
      county: person.county,
      postcode: person.postcode,
      country: person.country,
    },
    contactPreference: person.contactPreference,
    bankDetails: maskedBank(person.bankDetails),
    recordCreatedAt: iso(person.createdAt),
    erasedAt: person.erasedAt ? iso(person.erasedAt) : null,
    mergedInto: person.mergedIntoReference,
    exportedAt: iso(exportedAt),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function claimsCsv(claims: readonly SubjectClaim[]): string {
  return csv(
    [
      "reference",
      "status",
      "received_at",
      "updated_at",
      "event_date",
      "payment_method",
      "source",
      "rejection_reason",
      "visit_prison",
      "visit_relationship",
      "visit_at",
    ],
    claims.map((c) => [
      c.reference,
      c.status,
      iso(c.createdAt),
      iso(c.updatedAt),
      c.eventDate,
      c.paymentMethod,
      c.source,
      text(c.rejectionReason),
      text(c.visit?.prison),
      text(c.visit?.relationship),
      iso(c.visit?.visitAt ?? null),
    ]),
  );
}

export function expenseLinesCsv(lines: readonly SubjectExpenseLine[]): string {
  return csv(
    ["claim_reference", "line_no", "type", "description", "claimed", "approved", "decision", "decision_note"],
    lines.map((l) => [
      l.claimReference,
      String(l.lineNo),
      l.type,
      l.description,
      pounds(l.claimedPence),
      pounds(l.approvedPence),
      text(l.decision),
      text(l.decisionNote),
    ]),
  );
}

export function paymentsCsv(payments: readonly SubjectPayment[]): string {
  return csv(
    [
      "reference",
      "id",
      "claim_reference",
      "cycle_period",
      "method",
      "amount",
      "status",
      "created_at",
      "sent_at",
      "paid_at",
      "failed_at",
      "cancelled_at",
      "failure_reason",
      "cancel_reason",
    ],
    payments.map((p) => [
      p.reference,
      p.id,
      text(p.claimReference),
      text(p.cyclePeriod),
      p.method,
      pounds(p.amountPence),
      p.status,
      iso(p.createdAt),
      iso(p.sentAt),
      iso(p.paidAt),
      iso(p.failedAt),
      iso(p.cancelledAt),
      text(p.failureReason),
      text(p.cancelReason),
    ]),
  );
}

export function messagesCsv(messages: readonly SubjectMessage[]): string {
  return csv(
    ["created_at", "channel", "template", "status", "sent_at", "recipient", "subject", "body"],
    messages.map((m) => [iso(m.createdAt), m.channel, m.template, m.status, iso(m.sentAt), m.recipient, m.subject, m.body]),
  );
}

export function enrolmentsCsv(enrolments: readonly SubjectEnrolment[]): string {
  return csv(
    [
      "benefit_plan_code",
      "benefit_plan_name",
      "payment_method",
      "enrolled_from",
      "enrolled_to",
      "end_reason",
      "created_at",
      "attributes",
    ],
    enrolments.map((e) => [
      e.benefitPlanCode,
      e.benefitPlanName,
      e.paymentMethod,
      e.enrolledFrom,
      text(e.enrolledTo),
      text(e.endReason),
      iso(e.createdAt),
      JSON.stringify(e.attributes),
    ]),
  );
}

/**
 * Where a document goes in the zip: under documents/, its claim's reference and its place among
 * the person's documents first (names repeat: "receipt.jpg"), then its name as the file store
 * cleans it (`safeName`: the sender chose the name, and "../../x" must not climb out when unzipped).
 */
export function documentEntryName(doc: { claimReference: string; safeName: string }, index: number): string {
  return `documents/${doc.claimReference}-${String(index + 1).padStart(2, "0")}-${doc.safeName}`;
}

export const DATA_FILES = [
  { name: "person.json", what: "your details: name, date of birth, contact details, address, bank details (masked)" },
  { name: "claims.csv", what: "your claims, one a line" },
  { name: "expense-lines.csv", what: "what each claim asked for and what was decided" },
  { name: "payments.csv", what: "every payment to you, with its status and dates" },
  { name: "messages.csv", what: "the messages sent (or to be sent) to you, as you received them" },
  { name: "enrolments.csv", what: "your enrolments in benefit plans" },
] as const;

export function readmeText(options: {
  person: Pick<SubjectPerson, "reference" | "id" | "erasedAt">;
  exportedAt: Date;
  documents: readonly { entryName: string; fileName: string }[];
  missingDocuments: readonly string[];
}): string {
  const { person, exportedAt, documents, missingDocuments } = options;
  const lines = [
    `Subject-access export for the person with reference ${person.reference ?? "(none)"} (id ${person.id}).`,
    `Made ${exportedAt.toISOString()}. Times are UTC (ISO 8601); amounts are in pounds.`,
  ];
  if (person.erasedAt) {
    lines.push(
      `This person's personal details were erased on ${person.erasedAt.toISOString().slice(0, 10)} under the retention policy.`,
    );
  }
  lines.push("", "Files:", "- README.txt: this list");
  for (const file of DATA_FILES) lines.push(`- ${file.name}: ${file.what}`);
  for (const doc of documents) lines.push(`- ${doc.entryName}: a document sent with a claim ("${doc.fileName}")`);
  if (documents.length === 0) lines.push("- documents/: none");
  for (const fileName of missingDocuments)
    lines.push(`- not included: "${fileName}" is recorded but missing from the file store`);
  lines.push(
    "",
    "Bank details are masked as the portal shows them (the first two digits of the sort code, the last three of the account number).",
    "",
  );
  return lines.join("\n");
}
