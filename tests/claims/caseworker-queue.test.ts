// The caseworker's queue (docs/caseworker-queue.md) against a real database: the list's default view
// (open claims, oldest first) with ages, prison-number search, "My open claims", "Waiting for me"
// (never one's own), the claim page's warnings, case notes (audited) and who did each step.
import { beforeAll, describe, expect, it } from "vitest";
import { claimAge } from "@/lib/claims/list/claim-age";
import { parseClaimListParams } from "@/lib/claims/list/claim-list-params";
import { listClaims } from "@/lib/claims/list/list-claims";
import { addCaseNote } from "@/lib/claims/queue/add-case-note";
import { getPersonPage } from "@/lib/claims/queue/get-person-page";
import { loadClaimWarnings } from "@/lib/claims/queue/claim-warnings";
import { loadRunStarters } from "@/lib/claims/queue/load-run-starters";
import { listMyOpenClaims } from "@/lib/claims/queue/my-open-claims";
import { timelineBy } from "@/lib/claims/queue/timeline-by";
import { listWaitingForMe } from "@/lib/claims/queue/waiting-for-me";
import type { ClaimStatus } from "@/lib/generated/prisma/enums";
import { isAppError } from "@/lib/errors";
import { makeClaim } from "../support/make-claim";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();
const KEY = Buffer.alloc(32, 7);
const HASH = "a".repeat(64);

type User = { id: string; email: string; name: string };
let me: User;
let colleague: User;

async function claimWith(options: {
  status: ClaimStatus;
  createdAt: string;
  assignedToId?: string | null;
  firstApprovedById?: string | null;
  keyedInById?: string;
}) {
  const { claim, claimant } = await makeClaim(db(), KEY, { keyedInById: options.keyedInById });
  await db().claim.update({
    where: { id: claim.id },
    data: {
      status: options.status,
      createdAt: new Date(options.createdAt),
      assignedToId: options.assignedToId ?? null,
      firstApprovedById: options.firstApprovedById ?? null,
      firstApprovedAt: options.firstApprovedById ? new Date(options.createdAt) : null,
    },
  });
  return { claim, claimant };
}

beforeAll(async () => {
  me = await makeUser(db(), { name: "Fiona MacLeod" });
  colleague = await makeUser(db(), { name: "Sam Patel" });
});

describe("the claim list's default view", () => {
  it("lists open claims only, oldest first, each with its age and past the target marked", async () => {
    const old = await claimWith({ status: "UPDATED", createdAt: "2026-10-01T09:00:00Z" });
    const waiting = await claimWith({ status: "INFORMATION_REQUESTED", createdAt: "2026-10-02T09:00:00Z" });
    const second = await claimWith({
      status: "AWAITING_SECOND_APPROVAL",
      createdAt: "2026-10-03T09:00:00Z",
      firstApprovedById: colleague.id,
    });
    const fresh = await claimWith({ status: "NEW", createdAt: "2026-11-27T09:00:00Z" });
    const decided = await claimWith({ status: "APPROVED", createdAt: "2026-09-01T09:00:00Z" });
    const rejected = await claimWith({ status: "REJECTED", createdAt: "2026-09-02T09:00:00Z" });

    const { params } = parseClaimListParams({});
    const page = await listClaims({ db: db(), filter: params, userId: me.id });
    const references = page.rows.map((r) => r.reference);
    expect(references).toEqual([old, waiting, second, fresh].map((c) => c.claim.reference));
    expect(references).not.toContain(decided.claim.reference);
    expect(references).not.toContain(rejected.claim.reference);

    // Every status, still oldest first, when asked.
    const every = await listClaims({ db: db(), filter: parseClaimListParams({ status: "all" }).params, userId: me.id });
    expect(every.rows.map((r) => r.reference).slice(0, 3)).toEqual([decided, rejected, old].map((c) => c.claim.reference));

    // Monday 30 November 2026, no bank holidays in between: 42 working days since 1 October.
    const options = { now: new Date("2026-11-30T12:00:00Z"), holidays: new Set<string>(), targetWorkingDays: 10 };
    const ages = page.rows.map((r) => claimAge({ status: r.status, receivedAt: new Date(r.receivedAt) }, options));
    expect(ages[0]).toEqual({ workingDays: 42, pastTarget: true });
    expect(ages[3]).toEqual({ workingDays: 1, pastTarget: false });
    expect(claimAge({ status: "APPROVED", receivedAt: new Date("2026-09-01") }, options)).toBeNull();
  });

  it("shows the claimant's date of birth and postcode on each row", async () => {
    const { claim, claimant } = await claimWith({ status: "NEW", createdAt: "2026-11-02T09:00:00Z" });
    const { rows } = await listClaims({ db: db(), filter: parseClaimListParams({ q: claim.reference }).params, userId: me.id });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ claimantId: claimant.id, dateOfBirth: "1985-12-10", postcode: "LS1 1AA" });
  });
});

describe("search by prison number", () => {
  it("matches the visit's prisoner number exactly, typed in any case or with spaces", async () => {
    const visited = await claimWith({ status: "NEW", createdAt: "2026-11-03T09:00:00Z" });
    const other = await claimWith({ status: "APPROVED", createdAt: "2026-11-04T09:00:00Z" });
    await db().claimVisit.create({
      data: {
        claimId: visited.claim.id,
        prison: "HMP Leeds",
        prisonerNumber: "A1234BC",
        relationship: "Partner",
        visitAt: new Date(),
      },
    });
    await db().claimVisit.create({
      data: { claimId: other.claim.id, prison: "HMP Leeds", prisonerNumber: "A1234BD", relationship: "Son", visitAt: new Date() },
    });
    const find = async (q: string) =>
      (await listClaims({ db: db(), filter: parseClaimListParams({ q, status: "all" }).params, userId: me.id })).rows.map(
        (r) => r.reference,
      );
    expect(await find("a1234bc")).toEqual([visited.claim.reference]);
    expect(await find("A 1234 BD")).toEqual([other.claim.reference]);
    expect(await find("A1234BE")).toEqual([]);
  });
});

describe("My open claims", () => {
  it("counts my NEW and UPDATED claims only: not decided, not waiting for the claimant, not someone else's", async () => {
    const mine = await claimWith({ status: "NEW", createdAt: "2026-11-05T09:00:00Z", assignedToId: me.id });
    const mineUpdated = await claimWith({ status: "UPDATED", createdAt: "2026-11-04T09:00:00Z", assignedToId: me.id });
    await claimWith({ status: "APPROVED", createdAt: "2026-11-01T09:00:00Z", assignedToId: me.id });
    await claimWith({ status: "INFORMATION_REQUESTED", createdAt: "2026-11-01T09:00:00Z", assignedToId: me.id });
    await claimWith({ status: "NEW", createdAt: "2026-11-01T09:00:00Z", assignedToId: colleague.id });

    const result = await listMyOpenClaims({ db: db(), userId: me.id });
    expect(result.counts).toEqual({ NEW: 1, UPDATED: 1 });
    expect(result.oldest.map((c) => c.reference)).toEqual([mineUpdated.claim.reference, mine.claim.reference]);
  });
});

describe("Waiting for me", () => {
  it("lists the checks another caseworker or the online service asked for, never my own", async () => {
    const bankByColleague = await claimWith({ status: "NEW", createdAt: "2026-11-06T09:00:00Z" });
    const bankByMe = await claimWith({ status: "NEW", createdAt: "2026-11-06T09:00:00Z" });
    const bankOnline = await claimWith({ status: "NEW", createdAt: "2026-11-06T09:00:00Z" });
    const change = (
      claimantId: string,
      proposedById: string | null,
      proposedAt: string,
      status: "PENDING" | "APPROVED" = "PENDING",
    ) =>
      db().bankDetailChange.create({
        data: { claimantId, ciphertext: "x", proposedById, proposedAt: new Date(proposedAt), status },
      });
    await change(bankByColleague.claimant.id, colleague.id, "2026-11-07T09:00:00Z");
    await change(bankByMe.claimant.id, me.id, "2026-11-06T09:00:00Z");
    await change(bankOnline.claimant.id, null, "2026-11-08T09:00:00Z");
    await change(bankOnline.claimant.id, colleague.id, "2026-11-01T09:00:00Z", "APPROVED");

    const approvedByColleague = await claimWith({
      status: "AWAITING_SECOND_APPROVAL",
      createdAt: "2026-11-09T09:00:00Z",
      firstApprovedById: colleague.id,
    });
    const approvedByMe = await claimWith({
      status: "AWAITING_SECOND_APPROVAL",
      createdAt: "2026-11-08T09:00:00Z",
      firstApprovedById: me.id,
    });
    await claimWith({
      status: "AWAITING_SECOND_APPROVAL",
      createdAt: "2026-11-08T09:00:00Z",
      firstApprovedById: colleague.id,
      keyedInById: me.id,
    });

    const person = await claimWith({ status: "NEW", createdAt: "2026-11-10T09:00:00Z" });
    const details = {
      firstName: "Ada",
      lastName: "Byron",
      addressLine1: "2 High Street",
      town: "Leeds",
      postcode: "LS1 2AA",
      country: "England",
    };
    await db().personDetailsChange.create({ data: { claimantId: person.claimant.id, proposedById: colleague.id, ...details } });
    await db().personDetailsChange.create({ data: { claimantId: bankByMe.claimant.id, proposedById: me.id, ...details } });

    const waiting = await listWaitingForMe({ db: db(), userId: me.id });
    expect(waiting.bankDetails.count).toBe(2);
    expect(waiting.bankDetails.oldest.map((i) => i.href)).toEqual([
      `/claims/${bankByColleague.claim.reference}`,
      `/claims/${bankOnline.claim.reference}`,
    ]);
    // The first test's claim, first approved by the colleague on 3 October, waits for me too.
    expect(waiting.secondApprovals.count).toBe(2);
    expect(waiting.secondApprovals.oldest[1]).toMatchObject({
      claimReference: approvedByColleague.claim.reference,
      personName: "Ada Lovelace",
      href: `/claims/${approvedByColleague.claim.reference}`,
    });
    // The colleague may check the one I approved first, not those they approved or I keyed in.
    const forColleague = (await listWaitingForMe({ db: db(), userId: colleague.id })).secondApprovals;
    expect(forColleague.oldest.map((i) => i.claimReference)).toEqual([approvedByMe.claim.reference]);
    expect(waiting.personDetails.count).toBe(1);
    expect(waiting.personDetails.oldest[0].href).toBe(`/claims/${person.claim.reference}`);

    // The colleague sees mine and not theirs.
    const theirs = await listWaitingForMe({ db: db(), userId: colleague.id });
    expect(theirs.bankDetails.oldest.map((i) => i.claimReference)).toEqual([
      bankByMe.claim.reference,
      bankOnline.claim.reference,
    ]);
    expect(theirs.personDetails.oldest.map((i) => i.claimReference)).toEqual([bankByMe.claim.reference]);
  });
});

describe("warnings on the claim page", () => {
  it("names another person with the same bank account, and another claim of the same person for the same event date", async () => {
    const a = await claimWith({ status: "NEW", createdAt: "2026-11-11T09:00:00Z" });
    const b = await claimWith({ status: "APPROVED", createdAt: "2026-11-11T09:00:00Z" });
    await db().bankDetails.updateMany({
      where: { claimantId: { in: [a.claimant.id, b.claimant.id] } },
      data: { lookupHash: HASH },
    });
    const again = await makeClaim(db(), KEY, { bank: null });
    await db().claim.update({ where: { id: again.claim.id }, data: { claimantId: a.claimant.id } });

    const warnings = await loadClaimWarnings(db(), { claimId: a.claim.id, now: new Date() });
    expect(warnings.sameAccount.map((p) => p.personId)).toEqual([b.claimant.id]);
    expect(warnings.sameAccount[0].claimReferences).toEqual([b.claim.reference]);
    expect(warnings.sameEventDate.map((c) => c.reference)).toEqual([again.claim.reference]);

    const none = await claimWith({ status: "NEW", createdAt: "2026-11-11T09:00:00Z" });
    expect(await loadClaimWarnings(db(), { claimId: none.claim.id, now: new Date() })).toEqual({
      sameAccount: [],
      sameEventDate: [],
    });
  });
});

describe("case notes", () => {
  it("adds the note to the timeline and the audit log, and changes nothing for a note that is not allowed", async () => {
    const { claim } = await claimWith({ status: "NEW", createdAt: "2026-11-12T09:00:00Z" });
    await addCaseNote({ db: db(), reference: claim.reference, note: "  Phoned: ticket to follow.\r\n ", actor: me });
    const events = await db().claimEvent.findMany({ where: { claimId: claim.id, kind: "claim.note-added" } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: me.id, summary: "Case note", detail: { note: "Phoned: ticket to follow." } });
    const audit = await db().auditLog.findMany({ where: { entityId: claim.id, action: "claim.note-added" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: me.id,
      actorLabel: me.email,
      after: { reference: claim.reference, note: "Phoned: ticket to follow." },
    });
    const version = (await db().claim.findUniqueOrThrow({ where: { id: claim.id } })).version;
    expect(version).toBe(claim.version);

    for (const [note, message] of [
      ["", "Enter a case note"],
      ["x".repeat(1001), "The case note must be 1,000 characters or fewer"],
      ["bad\u0007bell", "The case note must not contain control characters"],
    ]) {
      const error = await addCaseNote({ db: db(), reference: claim.reference, note, actor: me }).catch((e: unknown) => e);
      expect(isAppError(error) && error.code === "VALIDATION" && error.fieldErrors).toEqual({ note: [message] });
    }
    const unknown = await addCaseNote({ db: db(), reference: "ZZZZZZZ", note: "Hello", actor: me }).catch((e: unknown) => e);
    expect(isAppError(unknown) && unknown.code).toBe("NOT_FOUND");
    expect(await db().claimEvent.count({ where: { claimId: claim.id, kind: "claim.note-added" } })).toBe(1);
    expect(await db().auditLog.count({ where: { entityId: claim.id, action: "claim.note-added" } })).toBe(1);
  });
});

describe("who did each step", () => {
  it("says who pressed Run now, or that the schedule started the run, or the online service", async () => {
    const run = (triggeredBy: string) =>
      db().run.create({ data: { kind: "DIRECT_PAYMENTS", status: "SUCCEEDED", startedAt: new Date(), triggeredBy } });
    const pressed = await run(me.email);
    const scheduled = await run("cron");
    const events = [
      { detail: { runId: pressed.id, paymentId: "p1" }, actor: null },
      { detail: { runId: scheduled.id, paymentId: "p2" }, actor: null },
      { detail: null, actor: null },
      { detail: { runId: scheduled.id }, actor: { name: "Sam Patel" } },
    ];
    const runs = await loadRunStarters(db(), events);
    expect(events.map((e) => timelineBy({ actorName: e.actor?.name ?? null, detail: e.detail }, runs))).toEqual([
      "Fiona MacLeod (Run now)",
      "the scheduled run",
      "the online service",
      "Sam Patel",
    ]);
  });
});

describe("the person page", () => {
  it("shows every claim of the person with totals, their messages, bank details masked, and a merge", async () => {
    const first = await claimWith({ status: "APPROVED", createdAt: "2026-11-13T09:00:00Z" });
    const second = await makeClaim(db(), KEY, { lines: [500] });
    await db().claim.update({ where: { id: second.claim.id }, data: { claimantId: first.claimant.id } });
    await db().expenseLine.updateMany({
      where: { claimId: first.claim.id, lineNo: 1 },
      data: { approvedPence: 1000, decision: "APPROVED" },
    });
    await db().notification.create({
      data: {
        claimantId: first.claimant.id,
        claimId: first.claim.id,
        channel: "EMAIL",
        template: "CLAIM_APPROVED",
        recipient: "ada@example.com",
        personalisation: {},
      },
    });
    await db().claimant.update({ where: { id: second.claimant.id }, data: { mergedIntoId: first.claimant.id } });

    const person = await getPersonPage(db(), first.claimant.id, KEY);
    expect(person?.claims.map((c) => [c.reference, c.claimedPence, c.approvedPence])).toEqual([
      [second.claim.reference, 500, null],
      [first.claim.reference, 4240, 1000],
    ]);
    expect(person?.notifications.map((n) => [n.template, n.claim?.reference])).toEqual([
      ["CLAIM_APPROVED", first.claim.reference],
    ]);
    expect(person?.bankDetails).toEqual({ nameOnAccount: "A Lovelace", sortCode: "20-**-**", accountNumber: "*****911" });

    const merged = await getPersonPage(db(), second.claimant.id, KEY);
    expect(merged?.mergedInto?.id).toBe(first.claimant.id);
    expect(merged?.claims).toEqual([]);
    expect(await getPersonPage(db(), "00000000-0000-4000-8000-000000000000", KEY)).toBeNull();
  });
});
