// Each Payout file line keeps its own encrypted copy of the line it pays (FileLine.bankDetailsCiphertext),
// written at selection, and the stored file is made from those copies alone: a run that stops
// after selecting and is finished after its claimants changed their names and addresses (and the
// letter code setting changed) stores and delivers the very bytes a run without the change does.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptText } from "@/lib/crypto/bank-details-cipher";
import { useTestDatabase } from "../support/test-db";
import {
  crashAfter,
  dayByDay,
  dieAfter,
  expectOutboxIsTheStore,
  expectSentOnce,
  goldenBytes,
  goldenPayments,
  key,
  LEASE_MS,
  outboxFiles,
  payout,
  SETTINGS,
  usePayoutPlaces,
  type Person,
} from "./run-payout-test-support";

const { db } = useTestDatabase();
const places = usePayoutPlaces();

const nextDay = dayByDay();

/** Everyone has moved and one has changed their name since the run selected them. */
const MOVED: Person = {
  firstName: "Thomasina",
  lastName: "Swann-Moved",
  addressLine1: "99 New Street",
  town: "York",
  county: "North Yorkshire",
  country: "United Kingdom",
  postcode: "YO1 7HH",
};

async function theOnlyFile(runId: string): Promise<string> {
  const files = await expectOutboxIsTheStore(db(), places.store, places.outbox, runId);
  expect(files).toHaveLength(1);
  return outboxFiles(places.outbox).get(files[0].fileName)!.toString("ascii");
}

async function moveEveryone(made: Awaited<ReturnType<typeof goldenPayments>>) {
  for (const { claimant, claim } of made) {
    await db().claimant.update({ where: { id: claimant.id }, data: MOVED });
    await db().claim.update({ where: { id: claim.id }, data: { eventDate: new Date("2026-11-01") } });
  }
}

describe("a Payout run's file lines keep their own copy of what they pay", () => {
  it("written at selection, encrypted with the bank-details key: the line's text, no plain name or address", async () => {
    const made = await goldenPayments(db());
    const summary = await payout(db(), places, { now: nextDay() });
    expect(summary).toMatchObject({ status: "SUCCEEDED", payments: 3 });
    const expected = goldenBytes(made.map((m) => m.payment.reference));
    expect(await theOnlyFile(summary.runId!)).toBe(expected);

    const lines = await db().fileLine.findMany({ where: { batch: { runId: summary.runId! } }, orderBy: { lineNo: "asc" } });
    expect(lines.map((l) => l.paymentId)).toEqual(made.map((m) => m.payment.id));
    for (const line of lines) {
      expect(line.bankDetailsCiphertext).toMatch(/^v2\./);
      expect(line.bankDetailsCiphertext).not.toMatch(/Swann|OShea|Bristol|High Street/);
    }
    expect(lines.map((l) => decryptText(l.bankDetailsCiphertext!, key)).join("")).toBe(expected);
  });

  it.each([
    ["whose worker dies after selecting is taken over by the next run", "die"],
    ["that fails after selecting is retried by an admin", "fail"],
  ] as const)(
    "%s: the claimants' new names and addresses change nothing, the bytes are a run's without the change",
    async (_title, how) => {
      // A run without the change, for comparison.
      const control = await goldenPayments(db());
      const plain = await payout(db(), places, { now: nextDay() });
      expect(plain).toMatchObject({ status: "SUCCEEDED", payments: 3 });
      const plainBytes = await theOnlyFile(plain.runId!);
      expect(plainBytes).toBe(goldenBytes(control.map((m) => m.payment.reference)));

      const made = await goldenPayments(db());
      const now = nextDay();
      let runId: string;
      if (how === "die") {
        const dead = dieAfter("selected");
        void payout(db(), places, { now, faults: dead.faults });
        await dead.reached;
        runId = (await db().run.findFirstOrThrow({ where: { kind: "PAYOUT", startedAt: now } })).id;
      } else {
        const failed = await payout(db(), places, { now, faults: crashAfter("selected") });
        expect(failed).toMatchObject({ status: "FAILED", error: "injected crash after selected" });
        runId = failed.runId!;
      }
      expect(await db().batchFile.count({ where: { batch: { runId } } })).toBe(0);

      await moveEveryone(made);
      const settings = { ...SETTINGS, letterTemplateCode: "NOMS1086-LET-999" };
      const later = new Date(now.getTime() + LEASE_MS + 1000);
      const finished =
        how === "die"
          ? await payout(db(), places, { now: later, settings })
          : await payout(db(), places, { now: later, settings, retryRunId: runId, triggeredBy: "admin@test" });
      expect(finished).toMatchObject({ status: "SUCCEEDED", runId, resumed: true, attempts: 2, payments: 3 });

      const bytes = await theOnlyFile(runId);
      const references = made.map((m) => m.payment.reference);
      expect(bytes).toBe(goldenBytes(references));
      // The control's file with this run's references: the same bytes otherwise.
      const controlReferences = control.map((m) => m.payment.reference);
      expect(bytes).toBe(controlReferences.reduce((text, ref, i) => text.replace(ref, references[i]), plainBytes));
      expect(bytes).not.toMatch(/Thomasina|New Street|LET-999|01 11 2026/);
      await expectSentOnce(
        db(),
        made.map((m) => m.payment.id),
      );
    },
  );

  it("refuses to store a file whose copies do not decrypt (another key), storing and sending nothing", async () => {
    const made = await goldenPayments(db());
    const now = nextDay();
    const failed = await payout(db(), places, { now, faults: crashAfter("selected") });
    const runId = failed.runId!;

    const wrongKey = await payout(db(), places, {
      now: new Date(now.getTime() + 60_000),
      key: randomBytes(32),
      retryRunId: runId,
      triggeredBy: "admin@test",
    });
    expect(wrongKey).toMatchObject({ status: "FAILED", runId });
    expect(wrongKey.error).toContain("could not be decrypted with the bank-details key");
    expect(await db().batchFile.count({ where: { batch: { runId } } })).toBe(0);
    for (const { payment } of made) {
      expect((await db().payment.findUniqueOrThrow({ where: { id: payment.id } })).status).toBe("NEW");
    }

    const right = await payout(db(), places, {
      now: new Date(now.getTime() + 120_000),
      retryRunId: runId,
      triggeredBy: "admin@test",
    });
    expect(right).toMatchObject({ status: "SUCCEEDED", runId, payments: 3 });
    expect(await theOnlyFile(runId)).toBe(goldenBytes(made.map((m) => m.payment.reference)));
  });
});
