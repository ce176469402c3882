import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { UploadStatus } from "@/lib/generated/prisma/enums";
import { AUDIT_DESCRIPTIONS, describeAction, describeActor, describeAudit } from "./describe-audit";

const lib = path.resolve(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/**
 * Every audit action lib/ can record: the "entity.verb" literals on a line that sets an action
 * (`action: "user.created"`, `action: approve ? "a.b" : "a.c"`), any literal of the same shape with
 * one of their entity prefixes (claim events whose kind becomes the action, constants such as the
 * case note's), and `upload.<status>` for every upload status.
 */
const FILE_NAME = /^(json|csv|pdf|png|jpe?g|txt|xlsx|zip|html)$/;

function recordedActions(): string[] {
  const literal = /"([a-z][a-z-]*)\.([a-z][a-z-]*)"/g;
  const onActionLines = new Set<string>();
  const everywhere = new Set<string>();
  for (const file of sources(lib)) {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      for (const match of line.matchAll(literal)) {
        if (FILE_NAME.test(match[2])) continue;
        everywhere.add(match[0].slice(1, -1));
        if (/\baction\b/.test(line)) onActionLines.add(match[0].slice(1, -1));
      }
    }
  }
  const prefixes = new Set([...onActionLines].map((a) => a.split(".")[0]));
  const byPrefix = [...everywhere].filter((a) => prefixes.has(a.split(".")[0]));
  const uploads = Object.values(UploadStatus).map((s) => `upload.${s.toLowerCase()}`);
  return [...new Set([...onActionLines, ...byPrefix, ...uploads])].sort();
}

describe("describeAudit", () => {
  it("has a plain-English description for every action recorded in lib/", () => {
    const actions = recordedActions();
    expect(actions.length).toBeGreaterThan(100);
    expect(actions).toContain("user.disabled");
    expect(actions.filter((action) => !(action in AUDIT_DESCRIPTIONS))).toEqual([]);
  });

  it("describes no action that nothing records (a renamed action leaves no stale line)", () => {
    const actions = new Set(recordedActions());
    expect(Object.keys(AUDIT_DESCRIPTIONS).filter((action) => !actions.has(action))).toEqual([]);
  });

  it("names the person who acted, never their email", () => {
    const row = { action: "user.disabled", actorId: "u-1", actorName: "Fiona MacLeod", actorLabel: "fiona@example.gov.uk" };
    expect(describeAudit(row)).toBe("Account disabled by Fiona MacLeod");
    expect(describeAudit({ ...row, actorName: null })).toBe("Account disabled by a member of staff");
  });

  it("names the portal's own jobs by what they are", () => {
    expect(describeAudit({ action: "user.locked", actorId: null, actorLabel: "sign-in" })).toBe(
      "Account locked after too many failed sign-ins by the sign-in checks",
    );
    expect(describeActor({ actorId: null, actorLabel: "Direct payments run (schedule)" })).toBe("Direct payments run (schedule)");
    expect(describeActor({ actorId: null, actorLabel: "someone@example.gov.uk" })).toBe("a member of staff");
  });

  it("turns an action it does not know into words, not a code", () => {
    expect(describeAction("user.something-new")).toBe("User something new");
  });
});
