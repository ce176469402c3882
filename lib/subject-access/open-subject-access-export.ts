import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import yazl from "yazl";
import { recordAudit } from "@/lib/audit/record-audit";
import { londonDate } from "@/lib/dates/london-date";
import type { Db } from "@/lib/db";
import type { FileStore } from "@/lib/storage";
import {
  claimsCsv,
  documentEntryName,
  enrolmentsCsv,
  expenseLinesCsv,
  messagesCsv,
  paymentsCsv,
  personJson,
  readmeText,
} from "./format-subject-access";
import { loadSubjectAccess } from "./load-subject-access";

// One person's data as a zip for an admin answering a subject-access request
// (docs/security.md#personal-data-over-time). The records are one person's, so their files are
// made whole; the documents, which may be large, are streamed from the file store one after the
// other as the zip is written, so the zip itself is never in memory. The export is audited (who,
// when, what) before the first byte goes out.

export type SubjectAccessExport = { fileName: string; stream: ReadableStream<Uint8Array>; entries: string[] };

export async function openSubjectAccessExport(
  db: Db,
  options: { personId: string; actor: { id: string; email: string }; store: FileStore; key: Buffer; now: Date },
): Promise<SubjectAccessExport | null> {
  const { now, store } = options;
  const data = await loadSubjectAccess(db, { personId: options.personId, key: options.key });
  if (!data) return null;

  const present = await Promise.all(data.documents.map((d) => store.exists(d.storageKey)));
  const documents = data.documents.filter((_, i) => present[i]).map((d, i) => ({ ...d, entryName: documentEntryName(d, i) }));
  const missingDocuments = data.documents.filter((_, i) => !present[i]).map((d) => d.fileName);

  const files: [string, string][] = [
    ["README.txt", readmeText({ person: data.person, exportedAt: now, documents, missingDocuments })],
    ["person.json", personJson(data.person, now)],
    ["claims.csv", claimsCsv(data.claims)],
    ["expense-lines.csv", expenseLinesCsv(data.lines)],
    ["payments.csv", paymentsCsv(data.payments)],
    ["messages.csv", messagesCsv(data.messages)],
    ["enrolments.csv", enrolmentsCsv(data.enrolments)],
  ];
  const entries = [...files.map(([name]) => name), ...documents.map((d) => d.entryName)];

  await recordAudit(db, {
    actor: options.actor,
    action: "subject-access.export",
    entityType: "Claimant",
    entityId: data.person.id,
    after: {
      reference: data.person.reference,
      at: now.toISOString(),
      entries,
      counts: {
        claims: data.claims.length,
        expenseLines: data.lines.length,
        payments: data.payments.length,
        messages: data.messages.length,
        enrolments: data.enrolments.length,
        documents: documents.length,
      },
      missingDocuments,
    },
  });

  const zip = new yazl.ZipFile();
  for (const [name, text] of files) zip.addBuffer(Buffer.from(text, "utf8"), name, { mtime: now });
  for (const doc of documents) {
    // Opened only when the zip reaches it: one store read at a time, whatever the number of documents.
    zip.addReadStreamLazy(doc.entryName, { mtime: now }, (callback) => {
      store.stream(doc.storageKey).then(
        (file) => callback(null, Readable.fromWeb(file.stream as NodeReadableStream<Uint8Array>)),
        (error: unknown) => callback(error, undefined as unknown as NodeJS.ReadableStream),
      );
    });
  }
  zip.end();

  return {
    fileName: `subject-access-${data.person.reference ?? data.person.id}-${londonDate(now)}.zip`,
    stream: Readable.toWeb(zip.outputStream as Readable) as ReadableStream<Uint8Array>,
    entries,
  };
}
