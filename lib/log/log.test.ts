import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from ".";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger(stream, "info"), lines };
}

describe("logger", () => {
  it("writes JSON and redacts passwords, tokens and bank details at any depth", () => {
    const { logger, lines } = capture();
    logger.info(
      {
        email: "a@b.test",
        password: "hunter2-secret",
        body: { bankDetails: { sortCode: "200000", accountNumber: "55779911" }, token: "tok_abc" },
        headers: { authorization: "Bearer xyz" },
      },
      "sign-in",
    );
    const line = lines.join("");
    const parsed = JSON.parse(line);
    expect(parsed.msg).toBe("sign-in");
    expect(parsed.email).toBe("a@b.test");
    for (const secret of ["hunter2-secret", "55779911", "200000", "tok_abc", "Bearer xyz"]) {
      expect(line).not.toContain(secret);
    }
  });
});
