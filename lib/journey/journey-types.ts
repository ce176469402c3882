import type { HoldReason, PaymentMethod, PaymentStatus } from "@/lib/generated/prisma/enums";

// The contract of a payment's journey (docs/payment-journey.md): what the journey page, the
// support CLI's `journey` command and the print view all read. Built by a pure function from the
// rows one query shape returns (lib/journey/build-journey.ts), loaded by loadPaymentJourney.

/** What a step is about: each kind renders its own words and links. */
export type JourneyStepKind =
  | "CLAIM_DECIDED"
  | "SECOND_APPROVAL"
  | "PAYMENT_CREATED"
  | "HELD"
  | "RELEASED"
  | "STATUS_CHANGED"
  | "IN_RUN"
  | "IN_FILE"
  | "FILE_DOWNLOADED"
  | "FILE_DELIVERED"
  | "CODE_ISSUED"
  | "MESSAGE_SENT"
  | "RETURNED"
  | "PAID"
  | "REISSUED_AS"
  | "REISSUE_OF"
  | "CARRIED_OVER"
  | "CYCLE_APPROVED";

/** A link from a step to the page that shows its subject; `requires` names the page rule whose roles may follow it. */
export type JourneyLink = {
  label: string;
  href: string;
  requires?: "claim" | "claimant" | "bankAdmin" | "runs" | "payoutBatch" | "payoutUpload" | "paymentCycle" | "payment";
};

export type JourneyStep = {
  kind: JourneyStepKind;
  at: Date;
  /** Who did it: a member of staff's name, "the scheduled run", "the online service", "SSCL", "the Post Office". */
  who: string;
  /** One sentence in plain English, e.g. "Put in the AccessPay file DISBURSE_ACCESSPAY_20261120_0800.csv at line 12". */
  summary: string;
  /** Further detail (a reason, a hold's cause, a message's channel), never bank details in full. */
  detail?: string;
  links: JourneyLink[];
};

export type PaymentJourney = {
  payment: {
    id: string;
    reference: string;
    method: PaymentMethod;
    status: PaymentStatus;
    amountPence: number;
    createdAt: Date;
    holdReason: HoldReason | null;
    /** The person paid, by name and person reference; the link needs the claimant page's roles. */
    person: { id: string; name: string; reference: string | null };
    claim: { id: string; reference: string } | null;
    cycle: { id: string; label: string } | null;
    /** Masked for everyone: "****1234" and "**-**-56". */
    bankDetailsMasked: { sortCode: string; accountNumber: string } | null;
    paymentCode: string | null;
  };
  /** Every step in time order (ties in the order they happened). */
  steps: JourneyStep[];
  /** The summary's links (person, claim, cycle), only those the viewer's role may follow. */
  links: { person: JourneyLink | null; claim: JourneyLink | null; cycle: JourneyLink | null };
  /** The payment this one replaced and the one that replaced it (reissue or carry-over), linked both ways. */
  before: { id: string; reference: string; status: PaymentStatus } | null;
  after: { id: string; reference: string; status: PaymentStatus } | null;
};
