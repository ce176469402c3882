import { mayUse, pages } from "@/lib/auth/access";
import type { Role } from "@/lib/auth/roles";
import { londonDate, longDate } from "@/lib/dates/london-date";
import type { PaymentStatus } from "@/lib/generated/prisma/enums";
import { formatPence } from "@/lib/money";
import { holdReasonLabels } from "@/lib/payments/hold-reasons";
import type {
  ClaimEventRowData,
  CycleEventRowData,
  HistoryRowData,
  JourneyRow,
  LineRowData,
  LinkedPaymentRowData,
  MessageRowData,
  PaymentRowData,
} from "./journey-rows";
import type { JourneyLink, JourneyStep, JourneyStepKind, PaymentJourney } from "./journey-types";

// A payment's journey from the rows of its one query (docs/payment-journey.md). Pure: the rows in,
// the steps in time order out, with the links the viewer's role may follow. Steps at the same
// instant keep the order of the payment's life (RANK), then the order they were recorded (seq).

/** Where steps at the same instant go: a decision before the payment it makes, a file before its download. */
const RANK: Record<JourneyStepKind, number> = {
  CLAIM_DECIDED: 10,
  SECOND_APPROVAL: 11,
  PAYMENT_CREATED: 20,
  REISSUE_OF: 21,
  CARRIED_OVER: 22,
  CYCLE_APPROVED: 25,
  HELD: 30,
  RELEASED: 31,
  IN_RUN: 40,
  IN_FILE: 41,
  STATUS_CHANGED: 45,
  FILE_DOWNLOADED: 46,
  FILE_DELIVERED: 46,
  CODE_ISSUED: 47,
  MESSAGE_SENT: 48,
  PAID: 50,
  RETURNED: 50,
  REISSUED_AS: 70,
};

/** Which pages' roles each kind of link needs (lib/auth/access.ts). */
const LINK_PAGES = {
  claim: pages.claim,
  claimant: pages.claimant,
  bankAdmin: pages.bankAdmin,
  runs: pages.runs,
  payoutBatch: pages.payoutBatch,
  payoutUpload: pages.payoutUpload,
  paymentCycle: pages.paymentCycle,
  payment: pages.payment,
} as const satisfies Record<NonNullable<JourneyLink["requires"]>, { roles: readonly Role[] }>;

/** Whether `role` may follow the link; with no role (the support CLI) every link is listed. */
export function mayFollow(link: JourneyLink, role: Role | null): boolean {
  return role === null || !link.requires || mayUse(LINK_PAGES[link.requires].roles, role);
}

const STATUS_WORDS: Record<PaymentStatus, string> = {
  NEW: "waiting",
  SENT: "sent",
  PAID: "paid",
  FAILED: "failed",
  CANCELLED: "cancelled",
  CASHED: "cashed",
  EXPIRED: "expired",
  DRAFT: "draft",
  SUSPENDED: "suspended",
  CARRIED_OVER: "carried over",
};

/** A payment's status in words, lower case ("carried over"). */
export function statusWords(status: PaymentStatus): string {
  return STATUS_WORDS[status];
}

const link = {
  claim: (reference: string): JourneyLink => ({ label: `Claim ${reference}`, href: `/claims/${reference}`, requires: "claim" }),
  person: (id: string, name: string): JourneyLink => ({ label: name, href: `/claimants/${id}`, requires: "claimant" }),
  cycle: (id: string, label: string): JourneyLink => ({
    label: `Payment cycle ${label}`,
    href: `/payment-cycles/${id}`,
    requires: "paymentCycle",
  }),
  payment: (reference: string): JourneyLink => ({
    label: `Payment ${reference}`,
    href: `/payments/${encodeURIComponent(reference)}`,
    requires: "payment",
  }),
  bankRun: (runId: string, startedAt: Date): JourneyLink => {
    const day = londonDate(startedAt);
    return { label: "The run on Bank admin", href: `/bank-admin?from=${day}&to=${day}#run-${runId}`, requires: "bankAdmin" };
  },
  runs: (): JourneyLink => ({ label: "Runs", href: "/runs", requires: "runs" }),
  payoutBatch: (batchId: string, lineNo?: number): JourneyLink => ({
    label: "The Payout batch",
    // The batch page lists its payments a page at a time by line number: open the page with this line.
    href: lineNo ? `/payout/batches/${batchId}?after=${lineNo - 1}#payments` : `/payout/batches/${batchId}`,
    requires: "payoutBatch",
  }),
  upload: (uploadId: string, kind: string | null, fileName: string | null): JourneyLink =>
    kind === "SSCL_FAILED_PAYMENTS"
      ? { label: `Upload ${fileName ?? ""}`.trim(), href: `/bank-admin?upload=${uploadId}`, requires: "bankAdmin" }
      : { label: `Upload ${fileName ?? ""}`.trim(), href: `/payout/uploads/${uploadId}`, requires: "payoutUpload" },
};

type Draft = JourneyStep & { rank: number; seq: number; order: number };

/**
 * The journey of the one payment in `rows` (the row with src "payment" must be there), with only
 * the links `viewerRole` may follow (null: every link, for the support CLI).
 */
export function buildJourney(rows: readonly JourneyRow[], viewerRole: Role | null): PaymentJourney {
  const paymentRow = rows.find((r) => r.src === "payment");
  if (!paymentRow) throw new Error("buildJourney: the rows hold no payment");
  const p = paymentRow.d;
  const drafts: Draft[] = [];
  const add = (step: JourneyStep, seq: number) => drafts.push({ ...step, rank: RANK[step.kind], seq, order: drafts.length });
  const ownLink = p.claimReference ? link.claim(p.claimReference) : p.cycleId ? link.cycle(p.cycleId, p.cycleLabel ?? "") : null;

  let before: PaymentJourney["before"] = null;
  let after: PaymentJourney["after"] = null;
  for (const row of rows) {
    switch (row.src) {
      case "payment":
        break;
      case "history":
        add(historyStep(row.at, row.d, p, ownLink), row.seq);
        break;
      case "claim-event":
        add(claimEventStep(row.at, row.d, p), row.seq);
        break;
      case "cycle-event":
        add(cycleEventStep(row.at, row.d, p), row.seq);
        break;
      case "line":
        for (const step of lineSteps(row.d)) add(step, row.seq);
        break;
      case "download":
        add(
          {
            kind: "FILE_DOWNLOADED",
            at: row.at,
            who: row.d.userName,
            summary: `${row.d.fileName} downloaded for the bank`,
            detail:
              row.d.downloads > 1
                ? `First download of ${row.d.downloads}; the 5 working days to "paid" count from this one`
                : `The 5 working days to "paid" count from this download`,
            links: [link.bankRun(row.d.runId, row.at)],
          },
          row.seq,
        );
        break;
      case "delivery":
        add(
          {
            kind: "FILE_DELIVERED",
            at: row.at,
            who: row.d.triggeredBy === "cron" ? "the scheduled run" : row.d.triggeredBy,
            summary: `${row.d.fileName} delivered to the Post Office`,
            detail: `By ${row.d.target.startsWith("sftp:") ? "SFTP" : "the outbox folder"}, attempt ${row.d.attemptNo}${row.d.outcome === "ALREADY_DELIVERED" ? " (an earlier attempt had delivered it)" : ""}`,
            links: [link.payoutBatch(row.d.batchId)],
          },
          row.seq,
        );
        break;
      case "code":
        add(
          {
            kind: "CODE_ISSUED",
            at: row.at,
            who: row.d.uploaderName ?? "the Post Office",
            summary: `Payment code ${row.d.code} issued by the Post Office`,
            detail: row.d.uploadFileName ? `From the payment-code file ${row.d.uploadFileName}` : undefined,
            links: row.d.uploadId ? [link.upload(row.d.uploadId, "PAYOUT_PAYMENT_CODES", row.d.uploadFileName)] : [],
          },
          row.seq,
        );
        break;
      case "message":
        add(messageStep(row.at, row.d, p, ownLink), row.seq);
        break;
      case "before":
        before = linked(row.d);
        add(
          {
            kind: row.d.how === "REISSUE" ? "REISSUE_OF" : "CARRIED_OVER",
            at: paymentRow.at,
            who: "",
            summary:
              row.d.how === "REISSUE"
                ? `Reissue of payment ${row.d.reference} (${statusWords(row.d.status)})`
                : `Carries over the unpaid amount of payment ${row.d.reference}`,
            links: [link.payment(row.d.reference)],
          },
          row.seq,
        );
        break;
      case "after":
        after = linked(row.d);
        // A carry-over is already a step of this payment's history ("carried over into …").
        if (row.d.how === "REISSUE") {
          add(
            {
              kind: "REISSUED_AS",
              at: row.at,
              who: "",
              summary: `Reissued as payment ${row.d.reference} (${statusWords(row.d.status)})`,
              links: [link.payment(row.d.reference)],
            },
            row.seq,
          );
        }
        break;
    }
  }

  // A link to the payment before is part of this one's creation: same time, same person.
  const created = drafts.find((d) => d.kind === "PAYMENT_CREATED");
  for (const d of drafts) {
    if (d.who !== "") continue;
    d.who = d.kind === "REISSUED_AS" ? "a caseworker" : (created?.who ?? "the system");
    if (created && d.kind !== "REISSUED_AS") d.at = created.at;
  }
  if (after) {
    const carried = drafts.find((d) => d.kind === "CARRIED_OVER");
    if (carried && after.id && !carried.links.some((l) => l.href.endsWith(after!.reference))) {
      carried.links.push(link.payment(after.reference));
    }
  }

  drafts.sort((a, b) => a.at.getTime() - b.at.getTime() || a.rank - b.rank || a.seq - b.seq || a.order - b.order);
  const steps = drafts.map(({ rank: _rank, seq: _seq, order: _order, ...step }) => ({
    ...step,
    links: step.links.filter((l) => mayFollow(l, viewerRole)),
  }));
  const allowed = (l: JourneyLink | null) => (l && mayFollow(l, viewerRole) ? l : null);
  return {
    payment: {
      id: p.id,
      reference: p.reference,
      method: p.method,
      status: p.status,
      amountPence: p.amountPence,
      createdAt: new Date(p.createdAt),
      holdReason: p.holdReason,
      person: { id: p.personId, name: p.personName, reference: p.personReference },
      claim: p.claimId && p.claimReference ? { id: p.claimId, reference: p.claimReference } : null,
      cycle: p.cycleId ? { id: p.cycleId, label: p.cycleLabel ?? "" } : null,
      bankDetailsMasked: p.bankDetailsMasked,
      paymentCode: p.paymentCode,
    },
    steps,
    links: {
      person: allowed(link.person(p.personId, p.personName)),
      claim: allowed(p.claimReference ? link.claim(p.claimReference) : null),
      cycle: allowed(p.cycleId ? link.cycle(p.cycleId, p.cycleLabel ?? "") : null),
    },
    before,
    after,
  };
}

function linked(d: LinkedPaymentRowData) {
  return { id: d.id, reference: d.reference, status: d.status };
}

/** A person's name, or the system's label in words ("Direct payments run (cron)" is the scheduled run). */
function actorOf(d: { actorName: string | null; actorLabel: string }): string {
  if (d.actorName) return d.actorName;
  const run = /run \((.+)\)$/i.exec(d.actorLabel);
  if (run) return run[1] === "cron" ? "the scheduled run" : `a run started by ${run[1]}`;
  return d.actorLabel;
}

function historyStep(at: Date, d: HistoryRowData, p: PaymentRowData, ownLink: JourneyLink | null): JourneyStep {
  const who = actorOf(d);
  const own = ownLink ? [ownLink] : [];
  const uploadLinks = d.uploadId ? [link.upload(d.uploadId, d.uploadKind, d.uploadFileName)] : [];
  const fromUpload = d.uploadFileName ? `Reported in ${d.uploadFileName}` : undefined;
  const statusDate = d.statusDate ? ` on ${longDate(d.statusDate)}` : "";
  switch (d.action) {
    case "payment.created":
    case "payment.reissued":
    case "payment.created-in-cycle":
      return {
        kind: "PAYMENT_CREATED",
        at,
        who,
        summary: `Payment created: ${formatPence(p.amountPence)} by ${p.method === "BANK" ? "bank transfer" : "Post Office voucher"}`,
        detail:
          d.action === "payment.created-in-cycle"
            ? `In the payroll of ${p.cycleLabel ?? "a payment cycle"}, as ${statusWords(d.toStatus)}`
            : d.action === "payment.reissued"
              ? "A reissue, waiting for the next run"
              : "Waiting for the next run",
        links: own,
      };
    case "payment.held":
      return {
        kind: "HELD",
        at,
        who,
        summary: `Put on hold: ${d.holdReason ? holdReasonLabels[d.holdReason] : "held"}`,
        detail: d.reason && d.holdReason && d.reason !== d.holdReason ? d.reason : undefined,
        links: own,
      };
    case "payment.released":
      return { kind: "RELEASED", at, who, summary: "Released from hold", detail: d.reason ?? undefined, links: own };
    case "payment.paid":
      return {
        kind: "PAID",
        at,
        who,
        summary: "Paid: no failure reported 5 working days after the file was first downloaded",
        links: d.runId ? [link.runs()] : [],
      };
    case "payment.failed":
      return {
        kind: "RETURNED",
        at,
        who,
        summary: `${d.fromStatus === "PAID" ? "Failed after it was shown as paid (late failure)" : "Failed"}: ${d.reason ?? "no reason given"}`,
        detail: fromUpload,
        links: uploadLinks,
      };
    case "payment.cashed":
      return {
        kind: "RETURNED",
        at,
        who,
        summary: `Cashed at the Post Office${statusDate}`,
        detail: fromUpload,
        links: uploadLinks,
      };
    case "payment.expired":
      return {
        kind: "RETURNED",
        at,
        who,
        summary: `The voucher expired uncashed${statusDate}`,
        detail: fromUpload,
        links: uploadLinks,
      };
    case "payment.voucher-cancelled":
      return {
        kind: "RETURNED",
        at,
        who,
        summary: `The Post Office cancelled the voucher${statusDate}`,
        detail: fromUpload,
        links: uploadLinks,
      };
    case "payment.cancelled":
    case "payment.suspended-rejected":
    case "payment.rebuilt-cancelled":
      return { kind: "RETURNED", at, who, summary: `Cancelled: ${d.reason ?? "no reason given"}`, links: own };
    case "payment.sent":
      return {
        kind: "STATUS_CHANGED",
        at,
        who,
        summary: p.method === "BANK" ? "Sent: the bank file is ready to download" : "Sent to the Post Office",
        links: [],
      };
    case "payment.unsent":
      return {
        kind: "STATUS_CHANGED",
        at,
        who,
        summary: "Back to waiting: its batch was voided",
        detail: d.reason ?? undefined,
        links: [],
      };
    case "payment.carried-over":
      return { kind: "CARRIED_OVER", at, who, summary: "Carried over into a later cycle's payment", links: [] };
    case "payment.payroll-released":
      return { kind: "STATUS_CHANGED", at, who, summary: "Ready for payment: the cycle was approved", links: own };
    default:
      return {
        kind: "STATUS_CHANGED",
        at,
        who,
        summary:
          d.fromStatus && d.fromStatus !== d.toStatus
            ? `Status changed from ${statusWords(d.fromStatus)} to ${statusWords(d.toStatus)}`
            : `Status ${statusWords(d.toStatus)} (${d.action.replace(/^payment\./, "").replaceAll("-", " ")})`,
        detail: d.reason ?? undefined,
        links: own,
      };
  }
}

function claimEventStep(at: Date, d: ClaimEventRowData, p: PaymentRowData): JourneyStep {
  const links = p.claimReference ? [link.claim(p.claimReference)] : [];
  const who = d.actorName ?? "a caseworker";
  if (d.kind === "claim.second-approved") {
    return { kind: "SECOND_APPROVAL", at, who, summary: `Claim ${p.claimReference} approved by a second caseworker`, links };
  }
  if (d.kind === "claim.first-approved") {
    return {
      kind: "CLAIM_DECIDED",
      at,
      who,
      summary: `Claim ${p.claimReference} approved, waiting for a second caseworker`,
      detail: d.summary,
      links,
    };
  }
  return { kind: "CLAIM_DECIDED", at, who, summary: `Claim ${p.claimReference} approved`, links };
}

function cycleEventStep(at: Date, d: CycleEventRowData, p: PaymentRowData): JourneyStep {
  return {
    kind: "CYCLE_APPROVED",
    at,
    who: actorOf(d),
    summary: `Payment cycle ${p.cycleLabel ?? ""} approved by a second accountant`.replace("  ", " "),
    detail: d.summary,
    links: p.cycleId ? [link.cycle(p.cycleId, p.cycleLabel ?? "")] : [],
  };
}

function lineSteps(d: LineRowData): JourneyStep[] {
  const runAt = new Date(d.runStartedAt);
  const bank = d.method === "BANK";
  const runWho = d.runTriggeredBy === "cron" ? "the scheduled run" : `a run started by ${d.runTriggeredBy}`;
  const batchLink = bank ? link.bankRun(d.runId, runAt) : link.payoutBatch(d.batchId, d.lineNo);
  const steps: JourneyStep[] = [
    {
      kind: "IN_RUN",
      at: runAt,
      who: runWho,
      summary: bank ? "Taken by a direct-payments run into a bank batch" : "Taken by a Payout run into a Payout batch",
      links: bank ? [batchLink, link.runs()] : [batchLink, link.runs()],
    },
    {
      kind: "IN_FILE",
      // The run writes its files as it goes: the run's time, ranked after it (the file's own
      // createdAt is the database's clock, which a run given its time does not set).
      at: runAt,
      who: runWho,
      summary: d.fileName ? `Put in the file ${d.fileName} at line ${d.lineNo}` : `Put in its batch at line ${d.lineNo}`,
      detail: d.isVoid
        ? `This line is void: the batch was voided${d.voidedBy ? ` by ${d.voidedBy}` : ""}${d.voidedAt ? ` on ${longDate(londonDate(new Date(d.voidedAt)))}` : ""}${d.voidReason ? ` (${d.voidReason})` : ""}`
        : undefined,
      links: [batchLink],
    },
  ];
  return steps;
}

const MESSAGE_WORDS: Record<string, string> = {
  CLAIM_APPROVED: "the claim's approval",
  PAYMENT_FAILED: "the failed payment and new bank details needed",
  CYCLE_PAYMENT_FAILED: "the failed payment and new bank details needed",
  "payout-voucher": "the Post Office voucher and its payment code",
};

function messageStep(at: Date, d: MessageRowData, p: PaymentRowData, ownLink: JourneyLink | null): JourneyStep {
  const channel = d.channel === "SMS" ? "text message" : d.channel.toLowerCase();
  const status =
    d.status === "SENT"
      ? `sent${d.sentAt ? ` ${longDate(londonDate(new Date(d.sentAt)))}` : ""}`
      : d.status === "FAILED"
        ? `not sent${d.error ? `: ${d.error}` : ""}`
        : "waiting to be sent";
  return {
    kind: "MESSAGE_SENT",
    at,
    who: "the portal",
    summary: `Message to ${p.personName} by ${channel} about ${MESSAGE_WORDS[d.template] ?? d.template}`,
    detail: `Status: ${status}`,
    links: ownLink && p.claimReference ? [ownLink] : [],
  };
}
