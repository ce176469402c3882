import type { Db } from "@/lib/db";
import { changeClaimStatus } from "./change-claim-status";
import { validationError, type Caseworker } from "./claim-change";
import { INFORMATION_REQUEST_KINDS, validateInformationRequest } from "./rules/information-request";

/** Asks the claimant for more information (or new bank details); the claim waits for their answer. */
export async function requestInformation(options: {
  db: Db;
  reference: string;
  expectedVersion: number;
  kind: string | undefined;
  note: string | undefined;
  actor: Caseworker;
}): Promise<void> {
  const { db, reference, expectedVersion, actor } = options;
  const valid = validateInformationRequest({ kind: options.kind, note: options.note });
  if (!valid.ok) throw validationError(valid.errors);
  const { kind, note } = valid.request;
  const label = INFORMATION_REQUEST_KINDS.find((k) => k.code === kind)!.label;
  await changeClaimStatus({
    db,
    reference,
    expectedVersion,
    actor,
    decide: async () => ({
      claim: { status: "INFORMATION_REQUESTED", informationRequestKind: kind },
      event: { kind: "claim.information-requested", summary: `Requested: ${label.toLowerCase()}`, detail: { kind, note } },
      message: {
        kind: kind === "BANK_DETAILS" ? "BANK_DETAILS_REQUESTED" : "INFORMATION_REQUESTED",
        data: { claimReference: reference, note },
      },
      audit: { note },
      result: undefined,
    }),
  });
}
