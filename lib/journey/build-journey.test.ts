import { describe, expect, it } from "vitest";
import { buildJourney } from "./build-journey";
import type { HistoryRowData, JourneyRow, LineRowData, PaymentRowData } from "./journey-rows";

const t = (minute: number) => new Date(Date.UTC(2026, 10, 20, 8, minute));
const iso = (minute: number) => t(minute).toISOString();

const PAYMENT: PaymentRowData = {
  id: "11111111-1111-4111-8111-111111111111",
  reference: "7KQ2M9X-01",
  method: "BANK",
  status: "FAILED",
  amountPence: 1240,
  createdAt: iso(0),
  holdReason: null,
  failureReason: "Account closed",
  cancelReason: null,
  personId: "22222222-2222-4222-8222-222222222222",
  personName: "Ada Lovelace",
  personReference: "P7KQ2M9",
  claimId: "33333333-3333-4333-8333-333333333333",
  claimReference: "7KQ2M9X",
  cycleId: null,
  cycleLabel: null,
  paymentCode: null,
  bankDetailsMasked: { sortCode: "20-**-**", accountNumber: "*****911" },
};

const history = (minute: number, seq: number, d: Partial<HistoryRowData>): JourneyRow => ({
  src: "history",
  at: t(minute),
  seq,
  d: {
    action: "payment.created",
    fromStatus: null,
    toStatus: "NEW",
    holdReason: null,
    reason: null,
    actorName: null,
    actorLabel: "Direct payments run (cron)",
    runId: null,
    batchId: null,
    uploadId: null,
    uploadKind: null,
    uploadFileName: null,
    statusDate: null,
    ...d,
  },
});

const RUN = "44444444-4444-4444-8444-444444444444";
const BATCH = "55555555-5555-4555-8555-555555555555";
const UPLOAD = "66666666-6666-4666-8666-666666666666";

const line = (minute: number, d: Partial<LineRowData> = {}): JourneyRow => ({
  src: "line",
  at: t(minute + 1),
  seq: 12,
  d: {
    batchId: BATCH,
    lineNo: 12,
    isVoid: false,
    method: "BANK",
    batchStatus: "STORED",
    voidedAt: null,
    voidReason: null,
    voidedBy: null,
    runId: RUN,
    runKind: "DIRECT_PAYMENTS",
    runStartedAt: iso(minute),
    runTriggeredBy: "cron",
    fileId: "77777777-7777-4777-8777-777777777777",
    fileName: "DISBURSE_ACCESSPAY_20261120_0810.csv",
    fileKind: "ACCESSPAY_CSV",
    ...d,
  },
});

/** A bank payment approved, held, released, run, downloaded, failed and reissued. */
const bankRows: JourneyRow[] = [
  { src: "payment", at: t(0), seq: 0, d: PAYMENT },
  // Out of order on purpose: the builder sorts.
  history(30, 6, {
    action: "payment.failed",
    fromStatus: "SENT",
    toStatus: "FAILED",
    reason: "Account closed",
    actorName: "Fran Finance",
    actorLabel: "fran@example.test",
    uploadId: UPLOAD,
    uploadKind: "SSCL_FAILED_PAYMENTS",
    uploadFileName: "failed_20261120.csv",
  }),
  {
    src: "claim-event",
    at: t(0),
    seq: 0,
    d: { kind: "claim.second-approved", summary: "Second approval: approved", actorName: "Chris Checker" },
  },
  {
    src: "claim-event",
    at: t(-5),
    seq: 0,
    d: { kind: "claim.first-approved", summary: "Approved, waiting for a second caseworker: over £500", actorName: "Mona Maker" },
  },
  history(0, 1, { action: "payment.created", actorName: "Chris Checker", actorLabel: "chris@example.test" }),
  history(2, 2, {
    action: "payment.held",
    holdReason: "BANK_DETAILS_CHANGE_PENDING",
    reason: "BANK_DETAILS_CHANGE_PENDING",
    actorName: "Mona Maker",
    actorLabel: "m",
  }),
  history(4, 3, { action: "payment.released", actorName: "Chris Checker", actorLabel: "c" }),
  line(10),
  history(11, 4, { action: "payment.sent", fromStatus: "NEW", toStatus: "SENT", runId: RUN, batchId: BATCH }),
  {
    src: "download",
    at: t(11),
    seq: 0,
    d: { batchId: BATCH, runId: RUN, fileName: "DISBURSE_ACCESSPAY_20261120_0810.csv", userName: "Fran Finance", downloads: 1 },
  },
  {
    src: "message",
    at: t(31),
    seq: 0,
    d: { template: "PAYMENT_FAILED", channel: "SMS", status: "SENT", sentAt: iso(32), error: null },
  },
  {
    src: "after",
    at: t(40),
    seq: 0,
    d: { id: "88888888-8888-4888-8888-888888888888", reference: "7KQ2M9X-02", status: "NEW", createdAt: iso(40), how: "REISSUE" },
  },
];

describe("buildJourney", () => {
  it("puts every step in time order, ties in the order of the payment's life, with who and words", () => {
    const j = buildJourney(bankRows, null);
    expect(j.steps.map((s) => [s.at.toISOString().slice(11, 16), s.kind, s.who, s.summary, s.detail])).toEqual([
      [
        "07:55",
        "CLAIM_DECIDED",
        "Mona Maker",
        "Claim 7KQ2M9X approved, waiting for a second caseworker",
        "Approved, waiting for a second caseworker: over £500",
      ],
      ["08:00", "SECOND_APPROVAL", "Chris Checker", "Claim 7KQ2M9X approved by a second caseworker", undefined],
      ["08:00", "PAYMENT_CREATED", "Chris Checker", "Payment created: £12.40 by bank transfer", "Waiting for the next run"],
      ["08:02", "HELD", "Mona Maker", "Put on hold: Bank-details change awaiting approval", undefined],
      ["08:04", "RELEASED", "Chris Checker", "Released from hold", undefined],
      ["08:10", "IN_RUN", "the scheduled run", "Taken by a direct-payments run into a bank batch", undefined],
      ["08:10", "IN_FILE", "the scheduled run", "Put in the file DISBURSE_ACCESSPAY_20261120_0810.csv at line 12", undefined],
      ["08:11", "STATUS_CHANGED", "the scheduled run", "Sent: the bank file is ready to download", undefined],
      [
        "08:11",
        "FILE_DOWNLOADED",
        "Fran Finance",
        "DISBURSE_ACCESSPAY_20261120_0810.csv downloaded for the bank",
        'The 5 working days to "paid" count from this download',
      ],
      ["08:30", "RETURNED", "Fran Finance", "Failed: Account closed", "Reported in failed_20261120.csv"],
      [
        "08:31",
        "MESSAGE_SENT",
        "the portal",
        "Message to Ada Lovelace by text message about the failed payment and new bank details needed",
        "Status: sent 20 November 2026",
      ],
      ["08:40", "REISSUED_AS", "a caseworker", "Reissued as payment 7KQ2M9X-02 (waiting)", undefined],
    ]);
    expect(j.after).toEqual({ id: "88888888-8888-4888-8888-888888888888", reference: "7KQ2M9X-02", status: "NEW" });
    expect(j.before).toBeNull();
    expect(j.payment).toMatchObject({
      reference: "7KQ2M9X-01",
      bankDetailsMasked: { sortCode: "20-**-**", accountNumber: "*****911" },
    });
  });

  it("keeps steps at the same instant and rank in the order they were recorded, whatever the rows' order", () => {
    const rows: JourneyRow[] = [
      { src: "payment", at: t(0), seq: 0, d: PAYMENT },
      history(5, 9, { action: "payment.released", actorName: "B", actorLabel: "b" }),
      history(5, 8, { action: "payment.held", holdReason: "NO_BANK_DETAILS", actorName: "A", actorLabel: "a" }),
      history(5, 7, { action: "payment.held", holdReason: "BAD_BANK_DETAILS", actorName: "A", actorLabel: "a" }),
    ];
    const summaries = (r: JourneyRow[]) => buildJourney(r, null).steps.map((s) => s.summary);
    expect(summaries(rows)).toEqual([
      "Put on hold: Bank details failed validation",
      "Put on hold: No bank details",
      "Released from hold",
    ]);
    expect(summaries([...rows].reverse())).toEqual(summaries(rows));
  });

  it("lists only the links the viewer's role may follow", () => {
    const hrefs = (role: Parameters<typeof buildJourney>[1]) =>
      buildJourney(bankRows, role)
        .steps.flatMap((s) => s.links.map((l) => l.href))
        .filter((h, i, all) => all.indexOf(h) === i);
    expect(hrefs("CASEWORKER")).toEqual(["/claims/7KQ2M9X", "/payments/7KQ2M9X-02"]);
    expect(hrefs("SSCL_FINANCE")).toEqual([
      "/bank-admin?from=2026-11-20&to=2026-11-20#run-44444444-4444-4444-8444-444444444444",
      "/runs",
      `/bank-admin?upload=${UPLOAD}`,
      "/payments/7KQ2M9X-02",
    ]);
    expect(hrefs("ACCOUNTANT")).toEqual(["/payments/7KQ2M9X-02"]);
    expect(buildJourney(bankRows, "SSCL_FINANCE").links).toEqual({ person: null, claim: null, cycle: null });
    expect(buildJourney(bankRows, "ADMIN").links).toMatchObject({
      person: { href: "/claimants/22222222-2222-4222-8222-222222222222" },
      claim: { href: "/claims/7KQ2M9X" },
    });
  });

  it("shows a Payout voucher delivered, its code issued, its message, and the Post Office's outcome", () => {
    const cash: PaymentRowData = {
      ...PAYMENT,
      method: "CASH",
      status: "EXPIRED",
      paymentCode: "1234567890123",
      bankDetailsMasked: null,
    };
    const j = buildJourney(
      [
        { src: "payment", at: t(0), seq: 0, d: cash },
        line(10, {
          method: "CASH",
          fileName: "DISBURSE_PAYOUT_20261120_001.csv",
          fileKind: "PAYOUT_CSV",
          runKind: "PAYOUT",
          runTriggeredBy: "fran@example.test",
        }),
        {
          src: "delivery",
          at: t(12),
          seq: 1,
          d: {
            batchId: BATCH,
            fileName: "DISBURSE_PAYOUT_20261120_001.csv",
            target: "sftp://po:22/in",
            attemptNo: 1,
            outcome: "DELIVERED",
            triggeredBy: "cron",
          },
        },
        {
          src: "code",
          at: t(20),
          seq: 0,
          d: { code: "1234567890123", uploadId: UPLOAD, uploadFileName: "codes.csv", uploaderName: "Cas Worker" },
        },
        {
          src: "message",
          at: t(21),
          seq: 0,
          d: { template: "payout-voucher", channel: "LETTER", status: "QUEUED", sentAt: null, error: null },
        },
        history(50, 5, {
          action: "payment.expired",
          fromStatus: "SENT",
          toStatus: "EXPIRED",
          actorName: "Cas Worker",
          actorLabel: "c",
          uploadId: UPLOAD,
          uploadKind: "PAYOUT_RECONCILIATION",
          uploadFileName: "recon.csv",
          statusDate: "2026-12-20",
        }),
      ],
      "CASEWORKER",
    );
    expect(j.steps.map((s) => [s.kind, s.who, s.summary, s.links.map((l) => l.href)])).toEqual([
      [
        "IN_RUN",
        "a run started by fran@example.test",
        "Taken by a Payout run into a Payout batch",
        [`/payout/batches/${BATCH}?after=11#payments`],
      ],
      [
        "IN_FILE",
        "a run started by fran@example.test",
        "Put in the file DISBURSE_PAYOUT_20261120_001.csv at line 12",
        [`/payout/batches/${BATCH}?after=11#payments`],
      ],
      [
        "FILE_DELIVERED",
        "the scheduled run",
        "DISBURSE_PAYOUT_20261120_001.csv delivered to the Post Office",
        [`/payout/batches/${BATCH}`],
      ],
      ["CODE_ISSUED", "Cas Worker", "Payment code 1234567890123 issued by the Post Office", [`/payout/uploads/${UPLOAD}`]],
      [
        "MESSAGE_SENT",
        "the portal",
        "Message to Ada Lovelace by letter about the Post Office voucher and its payment code",
        ["/claims/7KQ2M9X"],
      ],
      ["RETURNED", "Cas Worker", "The voucher expired uncashed on 20 December 2026", [`/payout/uploads/${UPLOAD}`]],
    ]);
    expect(j.steps[2].detail).toBe("By SFTP, attempt 1");
  });

  it("shows a voided line, a cycle's approval and a carried-over amount linked both ways", () => {
    const cycle: PaymentRowData = {
      ...PAYMENT,
      status: "NEW",
      claimId: null,
      claimReference: null,
      cycleId: "99999999-9999-4999-8999-999999999999",
      cycleLabel: "Winter support, 1 November 2026 to 30 November 2026",
    };
    const j = buildJourney(
      [
        { src: "payment", at: t(0), seq: 0, d: cycle },
        history(0, 1, { action: "payment.created-in-cycle", toStatus: "DRAFT", actorName: "Acc One", actorLabel: "a" }),
        {
          src: "before",
          at: t(-900),
          seq: 1,
          d: {
            id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
            reference: "PCYCLE0-01",
            status: "CARRIED_OVER",
            createdAt: iso(-900),
            how: "CARRY_OVER",
          },
        },
        {
          src: "cycle-event",
          at: t(5),
          seq: 3,
          d: { kind: "cycle.approved", summary: "Cycle approved: 1 payment is ready", actorName: "Acc Two", actorLabel: "b" },
        },
        history(5, 2, {
          action: "payment.payroll-released",
          fromStatus: "DRAFT",
          toStatus: "NEW",
          actorName: "Acc Two",
          actorLabel: "b",
        }),
        line(10, {
          isVoid: true,
          batchStatus: "VOID",
          voidedAt: iso(20),
          voidedBy: "Ada Admin",
          voidReason: "Wrong file",
        }),
        history(20, 4, {
          action: "payment.unsent",
          fromStatus: "SENT",
          toStatus: "NEW",
          reason: "Wrong file",
          actorName: "Ada Admin",
          actorLabel: "x",
        }),
      ],
      "ACCOUNTANT",
    );
    expect(j.steps.map((s) => [s.kind, s.summary])).toEqual([
      ["PAYMENT_CREATED", "Payment created: £12.40 by bank transfer"],
      ["CARRIED_OVER", "Carries over the unpaid amount of payment PCYCLE0-01"],
      ["CYCLE_APPROVED", "Payment cycle Winter support, 1 November 2026 to 30 November 2026 approved by a second accountant"],
      ["STATUS_CHANGED", "Ready for payment: the cycle was approved"],
      ["IN_RUN", "Taken by a direct-payments run into a bank batch"],
      ["IN_FILE", "Put in the file DISBURSE_ACCESSPAY_20261120_0810.csv at line 12"],
      ["STATUS_CHANGED", "Back to waiting: its batch was voided"],
    ]);
    expect(j.steps[1]).toMatchObject({ at: t(0), who: "Acc One", links: [{ href: "/payments/PCYCLE0-01" }] });
    expect(j.steps[5].detail).toBe("This line is void: the batch was voided by Ada Admin on 20 November 2026 (Wrong file)");
    expect(j.steps[0].links).toEqual([
      {
        label: "Payment cycle Winter support, 1 November 2026 to 30 November 2026",
        href: "/payment-cycles/99999999-9999-4999-8999-999999999999",
        requires: "paymentCycle",
      },
    ]);
    expect(j.before).toEqual({ id: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", reference: "PCYCLE0-01", status: "CARRIED_OVER" });
    expect(j.payment.cycle).toEqual({
      id: "99999999-9999-4999-8999-999999999999",
      label: "Winter support, 1 November 2026 to 30 November 2026",
    });
  });

  it("refuses rows without their payment", () => {
    expect(() => buildJourney([], null)).toThrow("the rows hold no payment");
  });
});
