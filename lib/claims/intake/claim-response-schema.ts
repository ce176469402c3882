import { z } from "zod";
import { bankDetailsSchema } from "./bank-details-schema";
import { blankAsNull, requiredText, strictObject } from "./fields";

export const MAX_RESPONSE_MESSAGE_LENGTH = 2000;

/** Body of POST /api/claims/<reference>/responses. */
export const claimResponseSchema = strictObject("Request body", {
  message: requiredText("Message", MAX_RESPONSE_MESSAGE_LENGTH),
  bankDetails: blankAsNull(bankDetailsSchema),
});

export type ClaimResponse = z.output<typeof claimResponseSchema>;
