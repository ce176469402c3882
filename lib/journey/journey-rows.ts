import type { HoldReason, PaymentMethod, PaymentStatus } from "@/lib/generated/prisma/enums";

// What the journey's one query returns (lib/journey/load-payment-journey.ts), one row per event of
// the payment's life, and what the pure builder (build-journey.ts) reads. Dates inside the rows'
// data are ISO strings (JSON); the row's own `at` is a Date.

export type PaymentRowData = {
  id: string;
  reference: string;
  method: PaymentMethod;
  status: PaymentStatus;
  amountPence: number;
  createdAt: string;
  holdReason: HoldReason | null;
  failureReason: string | null;
  cancelReason: string | null;
  personId: string;
  personName: string;
  personReference: string | null;
  claimId: string | null;
  claimReference: string | null;
  cycleId: string | null;
  cycleLabel: string | null;
  paymentCode: string | null;
  /** Filled in by the loader from the decrypted details; never the details themselves. */
  bankDetailsMasked: { sortCode: string; accountNumber: string } | null;
};

export type HistoryRowData = {
  action: string;
  fromStatus: PaymentStatus | null;
  toStatus: PaymentStatus;
  holdReason: HoldReason | null;
  reason: string | null;
  actorName: string | null;
  actorLabel: string;
  runId: string | null;
  batchId: string | null;
  uploadId: string | null;
  uploadKind: string | null;
  uploadFileName: string | null;
  /** The Post Office's status date of a reconciliation move, as YYYY-MM-DD. */
  statusDate: string | null;
};

export type ClaimEventRowData = { kind: string; summary: string; actorName: string | null };

export type CycleEventRowData = { kind: string; summary: string; actorName: string | null; actorLabel: string };

export type LineRowData = {
  batchId: string;
  lineNo: number;
  isVoid: boolean;
  method: PaymentMethod;
  batchStatus: string;
  voidedAt: string | null;
  voidReason: string | null;
  voidedBy: string | null;
  runId: string;
  runKind: string;
  runStartedAt: string;
  runTriggeredBy: string;
  fileId: string | null;
  fileName: string | null;
  fileKind: string | null;
};

export type DownloadRowData = {
  batchId: string;
  runId: string;
  fileName: string;
  userName: string;
  /** Every download of the file, the first included. */
  downloads: number;
};

export type DeliveryRowData = {
  batchId: string;
  fileName: string;
  target: string;
  attemptNo: number;
  outcome: string;
  triggeredBy: string;
};

export type CodeRowData = {
  code: string;
  uploadId: string | null;
  uploadFileName: string | null;
  uploaderName: string | null;
};

export type MessageRowData = {
  template: string;
  channel: string;
  status: string;
  sentAt: string | null;
  error: string | null;
};

export type LinkedPaymentRowData = {
  id: string;
  reference: string;
  status: PaymentStatus;
  createdAt: string;
  /** How the two are linked: a reissue (replacesId) or a carried-over line. */
  how: "REISSUE" | "CARRY_OVER";
};

export type JourneyRow =
  | { src: "payment"; at: Date; seq: number; d: PaymentRowData }
  | { src: "history"; at: Date; seq: number; d: HistoryRowData }
  | { src: "claim-event"; at: Date; seq: number; d: ClaimEventRowData }
  | { src: "cycle-event"; at: Date; seq: number; d: CycleEventRowData }
  | { src: "line"; at: Date; seq: number; d: LineRowData }
  | { src: "download"; at: Date; seq: number; d: DownloadRowData }
  | { src: "delivery"; at: Date; seq: number; d: DeliveryRowData }
  | { src: "code"; at: Date; seq: number; d: CodeRowData }
  | { src: "message"; at: Date; seq: number; d: MessageRowData }
  | { src: "before"; at: Date; seq: number; d: LinkedPaymentRowData }
  | { src: "after"; at: Date; seq: number; d: LinkedPaymentRowData };

export type JourneySource = JourneyRow["src"];
