import { describe, expect, it } from "vitest";
import {
  BATCH_ACTION_ALREADY_DECIDED,
  BATCH_ACTION_WITHDRAWN,
  whyCannotDecideBatchAction,
  whyCannotWithdrawBatchAction,
} from "./batch-action-rules";

describe("who may decide a batch action request", () => {
  it("lets a second admin decide, never the admin who asked", () => {
    const request = { status: "PENDING", requestedById: "asker" };
    expect(whyCannotDecideBatchAction(request, "second")).toBeNull();
    expect(whyCannotDecideBatchAction(request, "asker")).toMatch(/You asked for this/);
  });

  it("refuses a request already decided or withdrawn, whoever asks", () => {
    for (const status of ["APPROVED", "REJECTED"]) {
      expect(whyCannotDecideBatchAction({ status, requestedById: "asker" }, "second")).toBe(BATCH_ACTION_ALREADY_DECIDED);
    }
    expect(whyCannotDecideBatchAction({ status: "WITHDRAWN", requestedById: "asker" }, "second")).toBe(BATCH_ACTION_WITHDRAWN);
  });
});

describe("who may withdraw a batch action request", () => {
  it("only the admin who asked, while it waits", () => {
    const request = { status: "PENDING", requestedById: "asker" };
    expect(whyCannotWithdrawBatchAction(request, "asker")).toBeNull();
    expect(whyCannotWithdrawBatchAction(request, "second")).toBe("Only the administrator who asked for this can withdraw it.");
    for (const status of ["APPROVED", "REJECTED"]) {
      expect(whyCannotWithdrawBatchAction({ status, requestedById: "asker" }, "asker")).toBe(BATCH_ACTION_ALREADY_DECIDED);
    }
    expect(whyCannotWithdrawBatchAction({ status: "WITHDRAWN", requestedById: "asker" }, "asker")).toBe(BATCH_ACTION_WITHDRAWN);
  });
});
