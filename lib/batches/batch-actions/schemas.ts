import { z } from "zod";

export const BATCH_DECISION_NOTE_MAX = 500;

/** A second admin's decision on a void or return request: a reason is needed to reject. */
export const decideBatchActionSchema = z
  .object({
    requestId: z.uuid("Choose a request"),
    decision: z.enum(["APPROVE", "REJECT"], "Choose whether to approve or reject"),
    note: z
      .string()
      .trim()
      .max(BATCH_DECISION_NOTE_MAX, `The note must be ${BATCH_DECISION_NOTE_MAX} characters or fewer`)
      .default(""),
  })
  .refine((v) => v.decision === "APPROVE" || v.note.length > 0, {
    path: ["note"],
    message: "Enter why you are rejecting it",
  });

/** The asker takes back their own void or return request. */
export const withdrawBatchActionSchema = z.object({ requestId: z.uuid("Choose a request") });
