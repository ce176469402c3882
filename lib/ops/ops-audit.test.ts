import { describe, expect, it } from "vitest";
import { auditedArgs, opsActorLabel, REDACTED } from "./ops-audit";

describe("auditedArgs", () => {
  it("keeps the positionals and options, leaves out --as and --help, and never keeps a secret", () => {
    const options = {
      json: { type: "boolean" as const },
      plan: { type: "string" as const },
      "new-key": { type: "string" as const },
    };
    const kept = auditedArgs(
      { ...options, passphrase: { type: "string", secret: true } },
      {
        positionals: ["enrolment", "./file.csv"],
        values: {
          as: "a@b.test",
          help: false,
          json: true,
          plan: "CARERS",
          "new-key": "c2VjcmV0",
          passphrase: "hunter2",
          token: "t0k3n",
          unset: undefined,
        },
      },
    );
    expect(kept).toEqual({
      positionals: ["enrolment", "./file.csv"],
      options: { json: true, plan: "CARERS", "new-key": REDACTED, passphrase: REDACTED, token: REDACTED },
    });
    expect(JSON.stringify(kept)).not.toMatch(/c2VjcmV0|hunter2|t0k3n/);
  });
});

describe("opsActorLabel", () => {
  it("names the user, the CLI and the operating-system user", () => {
    expect(opsActorLabel("fiona@example.gov.uk", "root")).toBe("fiona@example.gov.uk via ops (os user: root)");
  });
});
