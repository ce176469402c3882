import { describe, expect, it } from "vitest";
import { timelineBy, type RunStarter } from "./timeline-by";

const RUN_NOW = "5b0e6c1a-2f3d-4e4f-8a9b-1c2d3e4f5a6b";
const CRON = "7c1f2e3d-4a5b-4c6d-9e8f-0a1b2c3d4e5f";
const runs = new Map<string, RunStarter>([
  [RUN_NOW, { triggeredBy: "fiona@demo.disburse.test", starterName: "Fiona MacLeod" }],
  [CRON, { triggeredBy: "cron", starterName: null }],
]);

describe("timelineBy", () => {
  it("names the person who did the step", () => {
    expect(timelineBy({ actorName: "Sam Patel", detail: { runId: CRON } }, runs)).toBe("Sam Patel");
  });

  it("names whoever pressed Run now, and says when the schedule started the run", () => {
    expect(timelineBy({ actorName: null, detail: { paymentId: "p", runId: RUN_NOW } }, runs)).toBe("Fiona MacLeod (Run now)");
    expect(timelineBy({ actorName: null, detail: { runId: CRON, batchId: "b" } }, runs)).toBe("the scheduled run");
  });

  it("never shows an email when the run's starter has no account any more", () => {
    const gone = new Map([[RUN_NOW, { triggeredBy: "left@demo.disburse.test", starterName: null }]]);
    expect(timelineBy({ actorName: null, detail: { runId: RUN_NOW } }, gone)).toBe("a member of staff (Run now)");
  });

  it("says the online service for what the intake API sent", () => {
    expect(timelineBy({ actorName: null, detail: null }, runs)).toBe("the online service");
    expect(timelineBy({ actorName: null, detail: { message: "Here it is", via: "API" } }, runs)).toBe("the online service");
  });
});
