// The claim page's correspondence thread, loaded from the database as the services write it.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadThread } from "@/lib/claims/correspondence/load-thread";
import { recordResponse } from "@/lib/claims/record-response";
import { requestInformation } from "@/lib/claims/request-information";
import { makeClaim } from "../support/make-claim";
import { makeUser } from "../support/make-user";
import { TEST_LOOKUP_KEY } from "../support/lookup-key";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();
const key = randomBytes(32);

describe("loadThread", () => {
  it("gives the request with its message, the online response with its document, in order", async () => {
    const u = await makeUser(db(), { role: "CASEWORKER", name: "Fiona MacLeod" });
    const actor = { id: u.id, email: u.email, name: u.name };
    const { claim } = await makeClaim(db(), key, { contactPreference: "SMS" });
    await requestInformation({
      db: db(),
      reference: claim.reference,
      expectedVersion: 0,
      kind: "GENERAL",
      note: "Send the taxi receipt.",
      actor,
    });
    await recordResponse({
      db: db(),
      key,
      lookupKey: TEST_LOOKUP_KEY,
      reference: claim.reference,
      message: "Receipt attached",
      actor: { system: "api-token:online-service" },
      actorId: null,
      now: new Date(Date.now() + 1000),
    });
    const response = await db().claimEvent.findFirstOrThrow({ where: { claimId: claim.id, kind: "claim.response-received" } });
    const document = await db().claimDocument.create({
      data: {
        claimId: claim.id,
        source: "API",
        responseEventId: response.id,
        fileName: "receipt.pdf",
        contentType: "application/pdf",
        sizeBytes: 10,
        sha256: "0".repeat(64),
        storageKey: `documents/${claim.id}/x`,
      },
    });

    const thread = await loadThread(db(), claim.id);
    expect(thread).toMatchObject([
      {
        kind: "request",
        by: "Fiona MacLeod",
        asked: "More information",
        note: "Send the taxi receipt.",
        message: { channel: "SMS", status: "QUEUED", view: { to: "07700900123" } },
      },
      { kind: "response", by: null, text: "Receipt attached", documents: [{ id: document.id, fileName: "receipt.pdf" }] },
    ]);
    expect(thread[0].kind === "request" && thread[0].message?.view.channel === "SMS" && thread[0].message.view.body).toContain(
      "Send the taxi receipt.",
    );
  });
});
