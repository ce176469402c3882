// The claim list against a real database: every filter, every kind of search, every sort in both
// directions, and keyset paging forwards and backwards visiting each claim exactly once.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { CLAIM_REFERENCE_ALPHABET } from "@/lib/references/claim-reference";
import { parseClaimListParams, type ClaimListParams } from "@/lib/claims/list/claim-list-params";
import { CLAIM_SORTS, type ClaimSort, type SortDir } from "@/lib/claims/list/claim-list-sort";
import { countClaimsByStatus } from "@/lib/claims/list/count-claims-by-status";
import { listClaims, type ClaimListRow } from "@/lib/claims/list/list-claims";
import type { ClaimStatus, PaymentMethod } from "@/lib/generated/prisma/enums";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();

const STATUSES: ClaimStatus[] = ["NEW", "INFORMATION_REQUESTED", "UPDATED", "APPROVED", "REJECTED"];
const NAMES: [string, string][] = [
  ["Ada", "Lovelace"],
  ["Charles", "Babbage"],
  ["Grace", "Hopper"],
  ["Alan", "Turing"],
  ["Hedy", "Lamarr"],
  ["Sarah", "Bennett"],
  ["Tom", "Brown"],
  ["Elizabeth", "Browning"],
  ["Jan", "van der Berg"],
  ["Niamh", "O'Brien"],
  ["adam", "brown"],
  ["Zoë", "Østergård"],
];
const COUNT = 120;
const BASE = Date.UTC(2026, 9, 1, 9, 0, 0);

type Seeded = {
  id: string;
  reference: string;
  createdAt: string;
  eventDate: string;
  status: ClaimStatus;
  method: PaymentMethod;
  assignedToId: string | null;
  needsAttention: boolean;
  firstName: string;
  lastName: string;
};

let me: { id: string };
let other: { id: string };
const seeded: Seeded[] = [];

/** A shuffled but unique 7-character reference, so reference order differs from insertion order. */
function referenceFor(i: number): string {
  let n = (i * 7919) % 1_000_003;
  let out = "";
  for (let k = 0; k < 6; k++) {
    out = CLAIM_REFERENCE_ALPHABET[n % 32] + out;
    n = Math.floor(n / 32);
  }
  return `K${out}`;
}

/** The list for a query over every status (the page's default, open claims only, has tests of its own). */
function params(query = "", extra: Partial<ClaimListParams> = {}): ClaimListParams {
  const everyStatus = /(^|&)status=/.test(query) ? query : `status=all${query ? `&${query}` : ""}`;
  return { ...parseClaimListParams(new URLSearchParams(everyStatus)).params, ...extra };
}

/** Every page from the first, following nextCursor. */
async function walkForward(filter: ClaimListParams, pageSize: number): Promise<ClaimListRow[][]> {
  const pages: ClaimListRow[][] = [];
  let current = filter;
  for (let guard = 0; guard < 500; guard++) {
    const page = await listClaims({ db: db(), filter: current, userId: me.id, pageSize });
    pages.push(page.rows);
    if (guard === 0) expect(page.previousCursor).toBeUndefined();
    if (!page.nextCursor) return pages;
    current = { ...filter, after: page.nextCursor };
  }
  throw new Error("too many pages");
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function expectedOrder(rows: Seeded[], sort: ClaimSort, dir: SortDir): string[] {
  const key = (s: Seeded): string[] => {
    switch (sort) {
      case "received":
        return [s.createdAt, s.id];
      case "eventDate":
        return [s.eventDate, s.id];
      case "reference":
        return [s.reference];
      case "claimant":
        return [s.lastName.toLowerCase(), s.firstName.toLowerCase(), s.id];
    }
  };
  const sorted = [...rows].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      const c = cmp(ka[i], kb[i]);
      if (c) return c;
    }
    return 0;
  });
  if (dir === "desc") sorted.reverse();
  return sorted.map((s) => s.reference);
}

async function allReferences(filter: ClaimListParams): Promise<string[]> {
  return (await walkForward(filter, 500)).flat().map((r) => r.reference);
}

const sorted = (refs: string[]) => [...refs].sort();

beforeAll(async () => {
  me = await makeUser(db(), { name: "Mia Caseworker" });
  other = await makeUser(db(), { name: "Olu Caseworker" });
  const claimants = Array.from({ length: COUNT }, (_, i) => {
    const [firstName, lastName] = NAMES[i % NAMES.length];
    return {
      id: randomUUID(),
      firstName,
      lastName,
      dateOfBirth: new Date("1980-01-01"),
      addressLine1: `${i} High Street`,
      town: "Leeds",
      postcode: "LS1 1AA",
      country: "England",
      contactPreference: "LETTER" as const,
    };
  });
  await db().claimant.createMany({ data: claimants });

  for (let i = 0; i < COUNT; i++) {
    seeded.push({
      id: randomUUID(),
      // Claim 5 has a reference that is also a word, to check that a real reference wins over a name.
      reference: i === 5 ? "BABBAGE" : referenceFor(i),
      // Three claims share each timestamp and four each event date: ties are broken by id.
      createdAt: new Date(BASE + Math.floor(i / 3) * 60_000).toISOString(),
      eventDate: new Date(BASE - Math.floor(i / 4) * 86_400_000).toISOString().slice(0, 10),
      status: STATUSES[i % 5],
      method: i % 2 ? "CASH" : "BANK",
      assignedToId: i % 3 === 0 ? me.id : i % 3 === 1 ? other.id : null,
      needsAttention: i % 7 === 0,
      firstName: claimants[i].firstName,
      lastName: claimants[i].lastName,
    });
  }
  await db().claim.createMany({
    data: seeded.map((s, i) => ({
      id: s.id,
      reference: s.reference,
      claimantId: claimants[i].id,
      status: s.status,
      eventDate: new Date(s.eventDate),
      paymentMethod: s.method,
      source: "API" as const,
      assignedToId: s.assignedToId,
      needsAttention: s.needsAttention,
      createdAt: new Date(s.createdAt),
    })),
  });

  // Claim 0: two lines, one approved at a different amount; a failed payment replaced by a held one.
  const c0 = seeded[0];
  await db().expenseLine.createMany({
    data: [
      {
        claimId: c0.id,
        lineNo: 1,
        type: "TRAIN",
        description: "Return",
        claimedPence: 1240,
        approvedPence: 1000,
        decision: "APPROVED_DIFFERENT_AMOUNT",
      },
      { claimId: c0.id, lineNo: 2, type: "BUS", description: "Bus", claimedPence: 500, approvedPence: 500, decision: "APPROVED" },
      { claimId: seeded[1].id, lineNo: 1, type: "TAXI", description: "Taxi", claimedPence: 2000 },
    ],
  });
  const failed = await db().payment.create({
    data: {
      reference: `${c0.reference}-01`,
      personId: claimants[0].id,
      claimId: c0.id,
      method: "BANK",
      amountPence: 1500,
      status: "FAILED",
      createdAt: new Date(BASE),
    },
  });
  await db().payment.create({
    data: {
      reference: `${c0.reference}-02`,
      personId: claimants[0].id,
      claimId: c0.id,
      method: "BANK",
      amountPence: 1500,
      status: "NEW",
      holdReason: "BAD_BANK_DETAILS",
      replacesId: failed.id,
      createdAt: new Date(BASE + 60_000),
    },
  });
});

describe("listClaims: rows", () => {
  it("shows oldest received first by default, with the row's details", async () => {
    const page = await listClaims({ db: db(), filter: params(), userId: me.id });
    expect(page.rows).toHaveLength(50);
    expect(page.rows.map((r) => r.reference)).toEqual(expectedOrder(seeded, "received", "asc").slice(0, 50));

    const [row0] = (await listClaims({ db: db(), filter: params(`q=${seeded[0].reference}`), userId: me.id })).rows;
    expect(row0).toEqual({
      id: seeded[0].id,
      reference: seeded[0].reference,
      claimantId: expect.any(String),
      claimantName: "Ada Lovelace",
      dateOfBirth: "1980-01-01",
      postcode: "LS1 1AA",
      eventDate: seeded[0].eventDate,
      receivedAt: seeded[0].createdAt,
      method: "BANK",
      status: "NEW",
      assignedToName: "Mia Caseworker",
      claimedPence: 1740,
      approvedPence: 1500,
      needsAttention: true,
      latestPayment: { status: "NEW", holdReason: "BAD_BANK_DETAILS" },
    });
    const [row1] = (await listClaims({ db: db(), filter: params(`q=${seeded[1].reference}`), userId: me.id })).rows;
    expect(row1).toMatchObject({
      claimedPence: 2000,
      approvedPence: null,
      latestPayment: null,
      assignedToName: "Olu Caseworker",
    });
    const [row2] = (await listClaims({ db: db(), filter: params(`q=${seeded[2].reference}`), userId: me.id })).rows;
    expect(row2).toMatchObject({ claimedPence: 0, approvedPence: null, assignedToName: null });
  });
});

describe("listClaims: filters", () => {
  const cases: [string, (s: Seeded) => boolean][] = [
    ["status=UPDATED", (s) => s.status === "UPDATED"],
    ["status=INFORMATION_REQUESTED", (s) => s.status === "INFORMATION_REQUESTED"],
    ["method=CASH", (s) => s.method === "CASH"],
    ["method=BANK", (s) => s.method === "BANK"],
    ["eventFrom=2026-09-20", (s) => s.eventDate >= "2026-09-20"],
    ["eventTo=2026-09-20", (s) => s.eventDate <= "2026-09-20"],
    ["eventFrom=2026-09-10&eventTo=2026-09-20", (s) => s.eventDate >= "2026-09-10" && s.eventDate <= "2026-09-20"],
    ["attention=1", (s) => s.needsAttention],
    ["assigned=unassigned", (s) => s.assignedToId === null],
    ["status=APPROVED&method=BANK&attention=1", (s) => s.status === "APPROVED" && s.method === "BANK" && s.needsAttention],
  ];
  it.each(cases)("%s", async (query, predicate) => {
    const expected = seeded.filter(predicate).map((s) => s.reference);
    expect(expected.length).toBeGreaterThan(0);
    expect(await allReferences(params(query))).toEqual(expectedOrder(seeded.filter(predicate), "received", "asc"));
    expect(sorted(await allReferences(params(query)))).toEqual(sorted(expected));
  });

  it("assigned=me means the signed-in user", async () => {
    const mine = seeded.filter((s) => s.assignedToId === me.id).map((s) => s.reference);
    expect(sorted(await allReferences(params("assigned=me")))).toEqual(sorted(mine));
    const page = await listClaims({ db: db(), filter: params("assigned=me"), userId: other.id, pageSize: 500 });
    expect(sorted(page.rows.map((r) => r.reference))).toEqual(
      sorted(seeded.filter((s) => s.assignedToId === other.id).map((s) => s.reference)),
    );
  });
});

describe("listClaims: search", () => {
  it("finds a claim by its reference typed in lower case", async () => {
    const ref = seeded[40].reference;
    expect(await allReferences(params(`q=${ref.toLowerCase()}`))).toEqual([ref]);
  });

  it("finds the claim a payment belongs to by the payment reference", async () => {
    expect(await allReferences(params(`q=${seeded[0].reference.toLowerCase()}-01`))).toEqual([seeded[0].reference]);
    expect(await allReferences(params(`q=${seeded[0].reference}02`))).toEqual([seeded[0].reference]);
    expect(await allReferences(params(`q=${seeded[0].reference}-09`))).toEqual([]);
  });

  it("finds claimants by surname prefix, case-insensitively", async () => {
    const bro = seeded.filter((s) => s.lastName.toLowerCase().startsWith("bro")).map((s) => s.reference);
    expect(bro.length).toBeGreaterThan(10);
    expect(sorted(await allReferences(params("q=BRO")))).toEqual(sorted(bro));
    const browning = seeded.filter((s) => s.lastName === "Browning").map((s) => s.reference);
    expect(sorted(await allReferences(params("q=browni")))).toEqual(sorted(browning));
  });

  it("finds claimants by first name, by first and last name, by last and first name, and names with spaces, apostrophes or accents", async () => {
    const refsOf = (first: string, last: string) =>
      sorted(seeded.filter((s) => s.firstName === first && s.lastName === last).map((s) => s.reference));
    expect(sorted(await allReferences(params("q=grac")))).toEqual(refsOf("Grace", "Hopper"));
    expect(sorted(await allReferences(params("q=ada lov")))).toEqual(refsOf("Ada", "Lovelace"));
    expect(sorted(await allReferences(params("q=Lovelace Ada")))).toEqual(refsOf("Ada", "Lovelace"));
    expect(sorted(await allReferences(params("q=van der")))).toEqual(refsOf("Jan", "van der Berg"));
    expect(sorted(await allReferences(params("q=o'bri")))).toEqual(refsOf("Niamh", "O'Brien"));
    expect(sorted(await allReferences(params("q=Øster")))).toEqual(refsOf("Zoë", "Østergård"));
    expect(sorted(await allReferences(params("q=zoë")))).toEqual(refsOf("Zoë", "Østergård"));
    expect(await allReferences(params("q=%25"))).toEqual([]);
    expect(await allReferences(params("q=zzz"))).toEqual([]);
  });

  it("reads a word that is also a reference as the reference only when that claim exists", async () => {
    // BABBAGE is claim 5's reference: the Babbage claimants are not listed.
    expect(await allReferences(params("q=babbage"))).toEqual(["BABBAGE"]);
    // No claim is BENNETT: it is a surname.
    const bennett = seeded.filter((s) => s.lastName === "Bennett").map((s) => s.reference);
    expect(sorted(await allReferences(params("q=Bennett")))).toEqual(sorted(bennett));
  });

  it("combines a search with filters", async () => {
    const expected = seeded.filter((s) => s.lastName.toLowerCase().startsWith("bro") && s.method === "CASH");
    expect(await allReferences(params("q=bro&method=CASH&sort=claimant"))).toEqual(expectedOrder(expected, "claimant", "asc"));
  });
});

describe("listClaims: sorting and keyset paging", () => {
  const orders = CLAIM_SORTS.flatMap((sort) => (["asc", "desc"] as const).map((dir) => [sort, dir] as const));

  it.each(orders)("sort=%s dir=%s: walking next pages visits every claim once, in order", async (sort, dir) => {
    const pages = await walkForward(params(`sort=${sort}&dir=${dir}`), 13);
    expect(pages.map((p) => p.length)).toEqual([13, 13, 13, 13, 13, 13, 13, 13, 13, 3]);
    expect(pages.flat().map((r) => r.reference)).toEqual(expectedOrder(seeded, sort, dir));
  });

  it.each(orders)("sort=%s dir=%s: walking previous pages from the last page comes back the same way", async (sort, dir) => {
    const filter = params(`sort=${sort}&dir=${dir}`);
    const forward = await walkForward(filter, 13);
    let page = await listClaims({
      db: db(),
      filter: { ...filter, after: (await lastPageCursor(filter, 13))! },
      userId: me.id,
      pageSize: 13,
    });
    const backward: ClaimListRow[][] = [page.rows];
    expect(page.nextCursor).toBeUndefined();
    for (let guard = 0; page.previousCursor && guard < 50; guard++) {
      page = await listClaims({ db: db(), filter: { ...filter, before: page.previousCursor }, userId: me.id, pageSize: 13 });
      backward.unshift(page.rows);
      expect(page.nextCursor).toBeDefined();
    }
    expect(backward.map((p) => p.map((r) => r.reference))).toEqual(forward.map((p) => p.map((r) => r.reference)));
    // Back at the start: no previous page.
    expect(page.previousCursor).toBeUndefined();
  });

  it("pages a filtered list sorted by claimant the same way", async () => {
    const filter = params("sort=claimant&dir=desc&method=BANK&assigned=unassigned");
    const expected = expectedOrder(
      seeded.filter((s) => s.method === "BANK" && s.assignedToId === null),
      "claimant",
      "desc",
    );
    const pages = await walkForward(filter, 4);
    expect(pages.flat().map((r) => r.reference)).toEqual(expected);
    expect(pages.length).toBe(Math.ceil(expected.length / 4));
  });
});

/** The cursor that leads to the last page (the nextCursor of the one before it). */
async function lastPageCursor(filter: ClaimListParams, pageSize: number) {
  let current = filter;
  let previous: ClaimListParams["after"];
  for (let guard = 0; guard < 500; guard++) {
    const page = await listClaims({ db: db(), filter: current, userId: me.id, pageSize });
    if (!page.nextCursor) return previous;
    previous = page.nextCursor;
    current = { ...filter, after: page.nextCursor };
  }
  throw new Error("too many pages");
}

describe("listClaims: page size boundaries", () => {
  // 24 claims are UPDATED (every fifth of 120).
  const updated = () => seeded.filter((s) => s.status === "UPDATED").length;

  it("exactly one page: no next and no previous", async () => {
    const page = await listClaims({ db: db(), filter: params("status=UPDATED"), userId: me.id, pageSize: updated() });
    expect(page.rows).toHaveLength(updated());
    expect(page.nextCursor).toBeUndefined();
    expect(page.previousCursor).toBeUndefined();
  });

  it("one more than a page: a next page of one row, which has a previous page and no next", async () => {
    const first = await listClaims({ db: db(), filter: params("status=UPDATED"), userId: me.id, pageSize: updated() - 1 });
    expect(first.rows).toHaveLength(updated() - 1);
    expect(first.nextCursor).toBeDefined();
    const second = await listClaims({
      db: db(),
      filter: params("status=UPDATED", { after: first.nextCursor }),
      userId: me.id,
      pageSize: updated() - 1,
    });
    expect(second.rows).toHaveLength(1);
    expect(second.nextCursor).toBeUndefined();
    expect(second.previousCursor).toBeDefined();
    const back = await listClaims({
      db: db(),
      filter: params("status=UPDATED", { before: second.previousCursor }),
      userId: me.id,
      pageSize: updated() - 1,
    });
    expect(back.rows.map((r) => r.reference)).toEqual(first.rows.map((r) => r.reference));
    expect(back.previousCursor).toBeUndefined();
  });

  it("page size one", async () => {
    const pages = await walkForward(params("status=UPDATED&sort=reference"), 1);
    expect(pages.every((p) => p.length === 1)).toBe(true);
    expect(pages.flat().map((r) => r.reference)).toEqual(
      expectedOrder(
        seeded.filter((s) => s.status === "UPDATED"),
        "reference",
        "asc",
      ),
    );
  });

  it("no matches: no rows and no cursors", async () => {
    expect(await listClaims({ db: db(), filter: params("q=nobody-by-this-name"), userId: me.id })).toEqual({ rows: [] });
  });

  it("refuses a page size that is not a positive whole number", async () => {
    await expect(listClaims({ db: db(), filter: params(), userId: me.id, pageSize: 0 })).rejects.toThrow(/pageSize/);
  });
});

describe("countClaimsByStatus", () => {
  it("counts each status, needs attention and the user's claims, matching the list's filters", async () => {
    const counts = await countClaimsByStatus({ db: db(), userId: me.id });
    for (const status of STATUSES) {
      expect(counts.byStatus[status]).toBe(seeded.filter((s) => s.status === status).length);
      expect(counts.byStatus[status]).toBe((await allReferences(params(`status=${status}`))).length);
    }
    expect(counts.needsAttention).toBe((await allReferences(params("attention=1"))).length);
    expect(counts.assignedToUser).toBe((await allReferences(params("assigned=me"))).length);
    expect(counts.assignedToUser).toBe(40);
  });
});
