import type { Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { changedPersonFields, pickPersonDetails, type PersonDetails, type PersonField } from "./rules/person-details";

export type PersonSummary = {
  id: string;
  reference: string | null;
  firstName: string;
  lastName: string;
  dateOfBirth: Date;
  postcode: string;
  claims: number;
};

export type PersonSectionData = {
  reference: string;
  person: PersonDetails & { id: string; reference: string | null; erased: boolean };
  visit: { prison: string; prisonerNumber: string; relationship: string; visitAt: Date } | null;
  /** The claim's person and the flagged possible match, side by side. */
  possibleMatch: { current: PersonSummary; match: PersonSummary } | null;
  pendingChange: {
    id: string;
    proposed: PersonDetails;
    changed: PersonField[];
    proposedAt: Date;
    proposedBy: { id: string; name: string };
    note: string | null;
  } | null;
};

const summarySelect = {
  id: true,
  reference: true,
  firstName: true,
  lastName: true,
  dateOfBirth: true,
  postcode: true,
  _count: { select: { claims: true } },
} as const;

/** What the claim page's person section shows: visit details, a possible match, the name and address and any change pending. */
export async function loadPersonSection(db: Db, claimId: string): Promise<PersonSectionData> {
  const claim = await db.claim.findUnique({
    where: { id: claimId },
    select: {
      reference: true,
      visit: true,
      claimant: {
        select: {
          ...summarySelect,
          addressLine1: true,
          addressLine2: true,
          town: true,
          county: true,
          country: true,
          erasedAt: true,
        },
      },
      possibleMatch: { select: summarySelect },
    },
  });
  if (!claim) throw new AppError("NOT_FOUND", "Claim not found");
  const { claimant } = claim;
  const pending = await db.personDetailsChange.findFirst({
    where: { claimantId: claimant.id, status: "PENDING" },
    orderBy: { proposedAt: "desc" },
    include: { proposedBy: { select: { id: true, name: true } } },
  });
  const current = pickPersonDetails(claimant);
  const summary = (p: typeof claimant | NonNullable<typeof claim.possibleMatch>): PersonSummary => ({
    id: p.id,
    reference: p.reference,
    firstName: p.firstName,
    lastName: p.lastName,
    dateOfBirth: p.dateOfBirth,
    postcode: p.postcode,
    claims: p._count.claims,
  });
  return {
    reference: claim.reference,
    person: { ...current, id: claimant.id, reference: claimant.reference, erased: claimant.erasedAt !== null },
    visit: claim.visit,
    possibleMatch: claim.possibleMatch ? { current: summary(claimant), match: summary(claim.possibleMatch) } : null,
    pendingChange: pending && {
      id: pending.id,
      proposed: pickPersonDetails(pending),
      changed: changedPersonFields(current, pickPersonDetails(pending)),
      proposedAt: pending.proposedAt,
      proposedBy: pending.proposedBy,
      note: pending.note,
    },
  };
}

/** The person a claim belongs to, for an action named by the claim's reference. */
export async function personIdForClaim(db: Db, reference: string): Promise<string> {
  const claim = await db.claim.findUnique({ where: { reference }, select: { claimantId: true } });
  if (!claim) throw new AppError("NOT_FOUND", `There is no claim with reference ${reference}`);
  return claim.claimantId;
}
