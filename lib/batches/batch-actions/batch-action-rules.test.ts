import { describe, expect, it } from "vitest";
import { BATCH_ACTION_ALREADY_DECIDED, whyCannotDecideBatchAction } from "./batch-action-rules";

describe("who may decide a batch action request", () => {
  it("lets a second admin decide, never the admin who asked", () => {
    const request = { status: "PENDING", requestedById: "asker" };
    expect(whyCannotDecideBatchAction(request, "second")).toBeNull();
    expect(whyCannotDecideBatchAction(request, "asker")).toMatch(/You asked for this/);
  });

  it("refuses a request already decided, whoever asks", () => {
    for (const status of ["APPROVED", "REJECTED", "WITHDRAWN"]) {
      expect(whyCannotDecideBatchAction({ status, requestedById: "asker" }, "second")).toBe(BATCH_ACTION_ALREADY_DECIDED);
    }
  });
});
