// "The same account is used by another person", found in SQL by the lookup hash: through another
// person's approved details, their pending change, or a bank file line that paid them in the last
// 13 months; never the person themselves, a decided change, or an older line.
import { describe, expect, it } from "vitest";
import { bankLookupHash } from "@/lib/bank-details/lookup-hash";
import { proposeBankDetailsChange } from "@/lib/bank-details/propose-bank-details-change";
import { findSameAccountPeople, findSameAccountPeopleOf } from "@/lib/bank-details/same-account";
import { approvedBankPayment, key, NOW, run, useTempStore } from "../runs/run-test-support";
import { TEST_LOOKUP_KEY } from "../support/lookup-key";
import { makeClaim } from "../support/make-claim";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();
const store = useTempStore();

const CURRENT = { sortCode: "200000", accountNumber: "73406722" };
const PROPOSED = { sortCode: "200000", accountNumber: "41676722" };
const hash = (account: { sortCode: string; accountNumber: string }) => bankLookupHash(account, TEST_LOOKUP_KEY);

async function person(firstName: string, lastName: string, options: { details?: string | null } = {}) {
  const { claim, claimant } = await makeClaim(db(), key);
  await db().claimant.update({ where: { id: claimant.id }, data: { firstName, lastName, reference: claim.reference } });
  await db().bankDetails.update({ where: { claimantId: claimant.id }, data: { lookupHash: options.details ?? null } });
  return { id: claimant.id, reference: claim.reference };
}

async function change(personId: string, lookupHash: string, status: "PENDING" | "REJECTED" = "PENDING") {
  await db().bankDetailChange.create({ data: { claimantId: personId, ciphertext: "not read here", lookupHash, status } });
}

describe("findSameAccountPeople", () => {
  it("finds other people through their details, their pending change and a file line that paid them", async () => {
    const subject = await person("Ada", "Subject", { details: hash(CURRENT) });
    await change(subject.id, hash(PROPOSED));
    const holder = await person("Bea", "Holder", { details: hash(PROPOSED) });
    const waiting = await person("Cal", "Waiting");
    await change(waiting.id, hash(CURRENT));
    const rejected = await person("Dee", "Rejected");
    await change(rejected.id, hash(PROPOSED), "REJECTED");
    await person("Eve", "Elsewhere", { details: hash({ sortCode: "200000", accountNumber: "55779911" }) });

    // Paid to the proposed account by the run, and since moved to other details.
    const paid = await approvedBankPayment(db());
    await db().claimant.update({ where: { id: paid.claimant.id }, data: { firstName: "Fay", lastName: "Paid" } });
    await db().bankDetails.update({ where: { claimantId: paid.claimant.id }, data: { lookupHash: hash(PROPOSED) } });
    expect((await run(db(), store())).status).toBe("SUCCEEDED");
    await db().bankDetails.update({ where: { claimantId: paid.claimant.id }, data: { lookupHash: null } });

    const found = await findSameAccountPeopleOf(db(), { personId: subject.id, now: NOW });
    expect(found.map((p) => ({ name: `${p.firstName} ${p.lastName}`, shares: p.shares, via: p.via }))).toEqual([
      { name: "Bea Holder", shares: ["proposed"], via: ["details"] },
      { name: "Fay Paid", shares: ["proposed"], via: ["paid"] },
      { name: "Cal Waiting", shares: ["current"], via: ["pending"] },
    ]);
    expect(found[0]).toMatchObject({ reference: holder.reference, claimReferences: [holder.reference], planCodes: [] });
    expect(found.map((p) => p.personId)).not.toContain(subject.id);

    // 13 months on, the line no longer counts; the others still do.
    const later = new Date(NOW);
    later.setUTCMonth(later.getUTCMonth() + 13);
    later.setUTCDate(later.getUTCDate() + 1);
    const afterLookback = await findSameAccountPeopleOf(db(), { personId: subject.id, now: later });
    expect(afterLookback.map((p) => p.lastName)).toEqual(["Holder", "Waiting"]);
  });

  it("finds nothing for hashes no one else holds, or for none at all", async () => {
    const alone = await person("Gus", "Alone", { details: hash({ sortCode: "200000", accountNumber: "11111116" }) });
    expect(await findSameAccountPeopleOf(db(), { personId: alone.id, now: NOW })).toEqual([]);
    expect(await findSameAccountPeople(db(), { personId: alone.id, current: null, proposed: null, now: NOW })).toEqual([]);
  });

  it("is told to the maker when they propose an account another person holds, and audited", async () => {
    const subject = await person("Hal", "Maker");
    const other = await person("Ivy", "Other", { details: hash({ sortCode: "089999", accountNumber: "66374958" }) });
    const { changeId, sameAccount } = await db().$transaction((tx) =>
      proposeBankDetailsChange(tx, {
        claimantId: subject.id,
        details: { sortCode: "08-99-99", accountNumber: "66374958", nameOnAccount: "Hal Maker", rollNumber: null },
        key,
        lookupKey: TEST_LOOKUP_KEY,
        actor: { system: "test" },
        proposedById: null,
      }),
    );
    expect(sameAccount.map((p) => p.reference)).toEqual([other.reference]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: "bank-details.proposed", entityId: subject.id } });
    expect(audit.after).toMatchObject({ changeId, sameAccountAs: [other.reference] });
  });
});
