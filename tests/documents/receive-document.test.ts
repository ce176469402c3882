// Receiving evidence documents against a real clamd, PostgreSQL and a local store: clean files are
// stored write-once, recorded and listed; infected ones are refused and kept nowhere (no row, no
// file, not even a temporary one); the type comes from the bytes; a file over the limit is
// refused before the rest of it is read; without a scanner, demo mode keeps files marked
// "Not scanned" and production refuses them unread.
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { listClaimDocuments } from "@/lib/documents/list-claim-documents";
import { DocumentRefusal, receiveDocument, RESPONSE_WINDOW_MS, type DocumentSender } from "@/lib/documents/receive-document";
import { INFECTED_MESSAGE, MIB } from "@/lib/documents/rules/document-limits";
import { WRONG_TYPE_MESSAGE } from "@/lib/documents/rules/document-type";
import type { DocumentScanner } from "@/lib/documents/rules/scanner-choice";
import { sha256Hex } from "@/lib/storage/file-store";
import { LocalFileStore } from "@/lib/storage/local-file-store";
import { makeClaim } from "../support/make-claim";
import { makeUser } from "../support/make-user";
import { useClamd } from "../support/use-clamd";
import { useTestDatabase } from "../support/test-db";
import { EICAR, EXE, filesUnder, INFECTED_PNG, INFECTED_PNG_SIGNATURE, JPEG, PDF, PNG } from "./document-fixtures";

const { db } = useTestDatabase();
const clamd = useClamd([INFECTED_PNG_SIGNATURE]);
const key = randomBytes(32);
const MAX = 1 * MIB;

let storeDir: string;
let store: LocalFileStore;
let staff: DocumentSender;
const api: DocumentSender = { source: "API", tokenName: "Online service" };

beforeAll(async () => {
  storeDir = mkdtempSync(path.join(tmpdir(), "disburse-documents-"));
  store = new LocalFileStore(storeDir);
  const user = await makeUser(db(), { role: "CASEWORKER", name: "Casey Worker" });
  staff = { source: "STAFF", user: { id: user.id, email: user.email } };
});

const scanner = (): DocumentScanner => ({ kind: "clamd", address: { host: clamd().host, port: clamd().port } });

/** The bytes offered `chunk` at a time; `pulled` counts the chunks taken. */
function chunked(bytes: Uint8Array, chunk = 64 * 1024) {
  const counter = { pulled: 0 };
  async function* source() {
    for (let at = 0; at < bytes.length; at += chunk) {
      counter.pulled += 1;
      yield bytes.subarray(at, at + chunk);
    }
  }
  return { source: source(), counter };
}

async function newClaim() {
  const { claim } = await makeClaim(db(), key);
  return { id: claim.id, reference: claim.reference };
}

function receive(options: {
  claim: { id: string; reference: string };
  bytes: Uint8Array;
  fileName?: string;
  sender?: DocumentSender;
  scanner?: DocumentScanner;
  now?: Date;
}) {
  return receiveDocument({
    db: db(),
    store,
    scanner: options.scanner ?? scanner(),
    claim: options.claim,
    fileName: options.fileName ?? "evidence",
    source: chunked(options.bytes).source,
    sender: options.sender ?? staff,
    maxBytes: MAX,
    now: options.now,
  });
}

async function refusal(promise: Promise<unknown>): Promise<DocumentRefusal> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DocumentRefusal);
  return error as DocumentRefusal;
}

async function nothingKept(claimId: string) {
  expect(await db().claimDocument.count({ where: { claimId } })).toBe(0);
  expect(await db().claimEvent.count({ where: { claimId, kind: "claim.document-added" } })).toBe(0);
  expect(filesUnder(storeDir).filter((f) => f.includes(claimId))).toEqual([]);
  // No temporary file left behind anywhere in the store either.
  expect(filesUnder(storeDir).filter((f) => path.basename(f).endsWith(".tmp"))).toEqual([]);
}

describe("receiveDocument", () => {
  it("stores a clean PNG write-once, records it with its timeline entry and audit row, and lists it", async () => {
    const claim = await newClaim();
    const received = await receive({ claim, bytes: PNG, fileName: "C:\\Users\\ada\\receipt.png" });
    expect(received).toMatchObject({ duplicate: false, scanned: true, contentType: "image/png" });

    const row = await db().claimDocument.findUniqueOrThrow({ where: { id: received.documentId } });
    expect(row).toMatchObject({
      claimId: claim.id,
      source: "STAFF",
      responseEventId: null,
      fileName: "receipt.png",
      contentType: "image/png",
      sizeBytes: PNG.length,
      sha256: sha256Hex(PNG),
      storageKey: `documents/${claim.id}/${received.documentId}`,
      addedById: (staff as { user: { id: string } }).user.id,
    });
    expect((await store.get(row.storageKey)).equals(PNG)).toBe(true);
    expect(await store.stat(row.storageKey)).toMatchObject({ contentType: "image/png", sha256: sha256Hex(PNG) });

    const event = await db().claimEvent.findFirstOrThrow({ where: { claimId: claim.id, kind: "claim.document-added" } });
    expect(event.summary).toBe(`Document added: receipt.png (PNG, ${PNG.length} bytes)`);
    expect(event.detail).toEqual({ documentId: received.documentId, scanned: true });
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: "claim.document-added", entityId: received.documentId },
    });
    expect(audit.actorLabel).toBe((staff as { user: { email: string } }).user.email);
    expect(audit.after).toMatchObject({ claimId: claim.id, sha256: sha256Hex(PNG), source: "STAFF", scanned: true });

    expect(await listClaimDocuments(db(), claim.id)).toEqual([
      {
        id: received.documentId,
        fileName: "receipt.png",
        contentType: "image/png",
        sizeBytes: PNG.length,
        source: "STAFF",
        addedBy: "Casey Worker",
        createdAt: row.createdAt,
        responseEventId: null,
        scanned: true,
      },
    ]);
  });

  it("stores a clean PDF and a JPEG from the online service, listed oldest first with no member of staff", async () => {
    const claim = await newClaim();
    const pdf = await receive({ claim, bytes: PDF, fileName: "ticket.pdf", sender: api, now: new Date("2026-11-20T10:00:00Z") });
    const jpeg = await receive({ claim, bytes: JPEG, fileName: "photo.jpg", sender: api, now: new Date("2026-11-20T10:05:00Z") });
    const listed = await listClaimDocuments(db(), claim.id);
    expect(listed.map((d) => [d.id, d.fileName, d.contentType, d.source, d.addedBy, d.scanned])).toEqual([
      [pdf.documentId, "ticket.pdf", "application/pdf", "API", null, true],
      [jpeg.documentId, "photo.jpg", "image/jpeg", "API", null, true],
    ]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "claim.document-added", entityId: pdf.documentId } });
    expect(audit.actorLabel).toBe('API token "Online service"');
  });

  it("refuses the EICAR test file as infected and keeps it nowhere, recording only the attempt", async () => {
    const claim = await newClaim();
    const error = await refusal(receive({ claim, bytes: EICAR, fileName: "receipt.png" }));
    expect([error.status, error.message, error.reason]).toEqual([422, INFECTED_MESSAGE, "infected"]);
    await nothingKept(claim.id);
    const attempt = await db().auditLog.findFirstOrThrow({ where: { action: "claim.document-infected", entityId: claim.id } });
    expect(attempt.after).toMatchObject({ fileName: "receipt.png", signature: "Test.EICAR.UNOFFICIAL", contentType: null });
  });

  it("refuses an infected file that really is a PNG", async () => {
    const claim = await newClaim();
    const error = await refusal(receive({ claim, bytes: INFECTED_PNG, fileName: "receipt.png" }));
    expect(error.status).toBe(422);
    await nothingKept(claim.id);
  });

  it("takes the type from the bytes: PNG bytes named .pdf are stored as image/png", async () => {
    const claim = await newClaim();
    const received = await receive({ claim, bytes: PNG, fileName: "statement.pdf" });
    const row = await db().claimDocument.findUniqueOrThrow({ where: { id: received.documentId } });
    expect([row.fileName, row.contentType]).toEqual(["statement.pdf", "image/png"]);
  });

  it("refuses a program renamed .png, naming the types allowed", async () => {
    const claim = await newClaim();
    const error = await refusal(receive({ claim, bytes: EXE, fileName: "holiday.png" }));
    expect([error.status, error.message]).toEqual([400, WRONG_TYPE_MESSAGE]);
    expect(WRONG_TYPE_MESSAGE).toBe("The file must be a PNG or JPEG image or a PDF");
    await nothingKept(claim.id);
  });

  it("refuses a file over the limit at the first chunk past it, without reading the rest", async () => {
    const claim = await newClaim();
    const big = Buffer.concat([PNG, Buffer.alloc(50 * MIB)]);
    const { source, counter } = chunked(big);
    const error = await refusal(
      receiveDocument({ db: db(), store, scanner: scanner(), claim, fileName: "big.png", source, sender: staff, maxBytes: MAX }),
    );
    expect([error.status, error.message]).toEqual([400, "The file must be smaller than 1 MB"]);
    // 1 MB is 16 chunks of 64 KB: the 17th passes the limit and nothing after it is asked for.
    expect(counter.pulled).toBe(17);
    await nothingKept(claim.id);
  });

  it("refuses an empty file", async () => {
    const claim = await newClaim();
    const error = await refusal(receive({ claim, bytes: Buffer.alloc(0) }));
    expect([error.status, error.message]).toEqual([400, "The file is empty"]);
    await nothingKept(claim.id);
  });

  it("answers the same file again for the same claim with the first document, keeping one", async () => {
    const claim = await newClaim();
    const first = await receive({ claim, bytes: PDF, sender: api });
    const again = await receive({ claim, bytes: PDF, sender: api, fileName: "another name.pdf" });
    expect(again).toMatchObject({ documentId: first.documentId, duplicate: true });
    expect(await db().claimDocument.count({ where: { claimId: claim.id } })).toBe(1);
  });

  it("refuses when the scanner cannot be reached, keeping nothing", async () => {
    const claim = await newClaim();
    const down: DocumentScanner = { kind: "clamd", address: { host: "127.0.0.1", port: 1 } };
    const error = await refusal(receive({ claim, bytes: PNG, scanner: down }));
    expect([error.status, error.reason]).toEqual([503, "scanner-down"]);
    await nothingKept(claim.id);
  });

  it("in demo mode without a scanner keeps the file and marks it not scanned", async () => {
    const claim = await newClaim();
    const received = await receive({ claim, bytes: PNG, fileName: "receipt.png", scanner: { kind: "none-demo" } });
    expect(received.scanned).toBe(false);
    const [listed] = await listClaimDocuments(db(), claim.id);
    expect(listed).toMatchObject({ id: received.documentId, scanned: false });
    const event = await db().claimEvent.findFirstOrThrow({ where: { claimId: claim.id, kind: "claim.document-added" } });
    expect(event.summary).toBe(
      `Document added: receipt.png (PNG, ${PNG.length} bytes). Not scanned: no virus scanner configured (demo)`,
    );
  });

  it("in production without a scanner refuses every document before reading it", async () => {
    const claim = await newClaim();
    const { source, counter } = chunked(PNG);
    const error = await refusal(
      receiveDocument({
        db: db(),
        store,
        scanner: { kind: "none-refuse" },
        claim,
        fileName: "receipt.png",
        source,
        sender: api,
        maxBytes: MAX,
      }),
    );
    expect([error.status, error.reason]).toEqual([503, "no-scanner"]);
    expect(counter.pulled).toBe(0);
    await nothingKept(claim.id);
  });

  it("links a document from the online service to the response it sent within the day before", async () => {
    const claim = await newClaim();
    const at = new Date("2026-11-20T10:00:00Z");
    const asked = await db().claimEvent.create({
      data: {
        claimId: claim.id,
        kind: "claim.information-requested",
        summary: "Requested",
        at: new Date(at.getTime() - 3_600_000),
      },
    });
    const response = await db().claimEvent.create({
      data: { claimId: claim.id, kind: "claim.response-received", summary: "Response", at },
    });
    const within = await receive({ claim, bytes: PNG, sender: api, now: new Date(at.getTime() + RESPONSE_WINDOW_MS) });
    const late = await receive({ claim, bytes: PDF, sender: api, now: new Date(at.getTime() + RESPONSE_WINDOW_MS + 1) });
    const byStaff = await receive({ claim, bytes: JPEG, now: new Date(at.getTime() + 60_000) });
    const rows = await db().claimDocument.findMany({ where: { claimId: claim.id } });
    const linked = (id: string) => rows.find((r) => r.id === id)!.responseEventId;
    expect([linked(within.documentId), linked(late.documentId), linked(byStaff.documentId)]).toEqual([response.id, null, null]);
    expect(asked.id).not.toBe(response.id);

    // A new request after the response: a document now answers nothing yet.
    await db().claimEvent.create({
      data: {
        claimId: claim.id,
        kind: "claim.information-requested",
        summary: "Requested again",
        at: new Date(at.getTime() + 120_000),
      },
    });
    const after = await receive({
      claim,
      bytes: INFECTED_PNG.subarray(0, 20),
      sender: api,
      now: new Date(at.getTime() + 180_000),
    });
    expect((await db().claimDocument.findUniqueOrThrow({ where: { id: after.documentId } })).responseEventId).toBeNull();
  });
});
