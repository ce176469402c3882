import { describe, expect, it } from "vitest";
import { documentEntryName, messagesCsv, personJson, readmeText, type SubjectPerson } from "./format-subject-access";

const person: SubjectPerson = {
  id: "0b7c2a4e-1d3f-4a5b-8c6d-7e8f9a0b1c2d",
  reference: "7KQ2M9X",
  firstName: "Ada",
  lastName: "Lovelace",
  dateOfBirth: "1985-12-10",
  email: null,
  phone: null,
  addressLine1: "1 High Street",
  addressLine2: null,
  town: "Leeds",
  county: null,
  postcode: "LS1 1AA",
  country: "England",
  contactPreference: "LETTER",
  createdAt: new Date("2026-10-01T08:00:00Z"),
  erasedAt: null,
  mergedIntoReference: "8HW4N2P",
  bankDetails: { sortCode: "309634", accountNumber: "12345678", nameOnAccount: "Ada Lovelace", rollNumber: "RN-000123456" },
};
const NOW = new Date("2026-11-28T10:00:00Z");

describe("the subject-access files", () => {
  it("masks the sort code, the account and the roll number as screens do, and names the record merged into", () => {
    const json = JSON.parse(personJson(person, NOW));
    expect(json.bankDetails).toEqual({
      sortCode: "30-**-**",
      accountNumber: "*****678",
      nameOnAccount: "Ada Lovelace",
      rollNumber: "*****456",
    });
    expect(json.mergedInto).toBe("8HW4N2P");
    expect(json.exportedAt).toBe("2026-11-28T10:00:00.000Z");
  });

  it("keeps every cell a spreadsheet could run as text, including after a semicolon and a leading space", () => {
    const csv = messagesCsv([
      {
        createdAt: NOW,
        channel: "SMS",
        template: "x",
        status: "SENT",
        sentAt: null,
        recipient: "+447700900123",
        subject: " =1+1",
        body: "ok;=cmd|' /C calc'!A0",
      },
    ]);
    expect(csv.split("\n")[1]).toBe(`2026-11-28T10:00:00.000Z,SMS,x,SENT,,"'+447700900123","' =1+1","'ok;=cmd|' /C calc'!A0"`);
  });

  it("files each document under documents/ by its claim and place, with the name the store made safe", () => {
    expect(documentEntryName({ claimReference: "8HW4N2P", safeName: "receipt.pdf" }, 0)).toBe("documents/8HW4N2P-01-receipt.pdf");
    expect(documentEntryName({ claimReference: "8HW4N2P", safeName: "receipt.pdf" }, 11)).toBe(
      "documents/8HW4N2P-12-receipt.pdf",
    );
  });

  it("says in the README when the person was erased, and that nothing was attached", () => {
    const text = readmeText({
      person: { ...person, erasedAt: new Date("2026-11-01T02:00:00Z") },
      exportedAt: NOW,
      documents: [],
      missingDocuments: [],
    });
    expect(text).toContain("This person's personal details were erased on 2026-11-01 under the retention policy.\n");
    expect(text).toContain("- documents/: none\n");
  });
});
