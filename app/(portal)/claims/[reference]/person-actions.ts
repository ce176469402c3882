"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define-action";
import { prisma } from "@/lib/db";
import { decidePersonDetails } from "@/lib/people/decide-person-details";
import { personIdForClaim } from "@/lib/people/load-person-section";
import { NOTE_MAX_LENGTH } from "@/lib/people/person-details-schema";
import { dismissPossibleMatch, linkPossibleMatch } from "@/lib/people/possible-match";
import { proposePersonDetails } from "@/lib/people/propose-person-details";

// The claim page's person section (docs/people.md): link or dismiss a possible match, propose a
// change of name or address, and decide someone else's.

const reference = z.string().regex(/^[0-9A-Z]{7}$/, "Unknown claim");

function refresh(claimReference: string) {
  revalidatePath(`/claims/${claimReference}`);
  revalidatePath("/claims");
}

const possibleMatchForm = z.object({ reference, possibleMatchId: z.uuid("Unknown person") });

// A merge cannot be undone, so the caseworker confirms they checked the two records side by side.
const linkForm = possibleMatchForm.extend({
  confirmed: z.literal("yes", "Confirm that you have checked these records are the same person"),
});

export const linkPossibleMatchAction = defineAction("linkPossibleMatch", linkForm, async (input, user) => {
  const { reference: claimReference, possibleMatchId } = input;
  const moved = await linkPossibleMatch({ db: prisma, reference: claimReference, possibleMatchId, actor: user, now: new Date() });
  refresh(input.reference);
  const claims = moved.claims === 1 ? "1 claim" : `${moved.claims} claims`;
  return { ok: true, message: `Records linked: ${claims} and their history moved to the older record.` };
});

export const dismissPossibleMatchAction = defineAction("dismissPossibleMatch", possibleMatchForm, async (input, user) => {
  await dismissPossibleMatch({ db: prisma, ...input, actor: user, now: new Date() });
  refresh(input.reference);
  return { ok: true, message: "Possible match dismissed. The records stay apart." };
});

// The name and address fields are checked in lib/ (as the intake checks them), so the object is loose.
export const proposePersonDetailsAction = defineAction(
  "proposePersonDetails",
  z.looseObject({ reference }),
  async (input, user) => {
    const { reference: claimReference, note, ...fields } = input as Record<string, unknown> & { reference: string };
    const personId = await personIdForClaim(prisma, claimReference);
    const proposed = await proposePersonDetails({ db: prisma, personId, fields, note, actor: user, now: new Date() });
    refresh(claimReference);
    const held = proposed.heldPayments;
    return {
      ok: true,
      message: `Change of name or address proposed. Another caseworker must approve it${held > 0 ? `; ${held === 1 ? "1 payment is" : `${held} payments are`} on hold until then` : ""}.`,
    };
  },
);

export const decidePersonDetailsChangeAction = defineAction(
  "decidePersonDetailsChange",
  z.object({
    reference,
    changeId: z.uuid("Unknown change"),
    decision: z.enum(["approve", "reject"], "Choose whether to approve or reject the change"),
    decisionNote: z.string().max(NOTE_MAX_LENGTH, `The reason must be ${NOTE_MAX_LENGTH} characters or fewer`).optional(),
  }),
  async (input, user) => {
    const approve = input.decision === "approve";
    const decided = await decidePersonDetails({
      db: prisma,
      changeId: input.changeId,
      approve,
      note: input.decisionNote,
      actor: user,
      now: new Date(),
    });
    refresh(input.reference);
    const released = decided.released + decided.releasedPayoutHolds;
    return {
      ok: true,
      message: approve
        ? `New name and address approved${released > 0 ? `; ${released === 1 ? "1 payment" : `${released} payments`} released from hold` : ""}.`
        : "Change of name or address rejected. The details stay as they were.",
    };
  },
);
