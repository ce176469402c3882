// Every server action against every role and signed out. A role without access gets
// { ok: false, code: "FORBIDDEN" } and nothing changes; a role with access gets past the check
// (an empty form then fails validation). An action file or export missing from the table fails.
import path from "node:path";
import { beforeEach, describe, expect, it, vi } from "vitest";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { Role } from "@/lib/auth/roles";
import { actionFiles } from "./app-files";
import { EVERY_ROLE, expectedActions } from "./expected-access";

let signedIn: CurrentUser | null = null;
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => signedIn }));

const root = path.resolve(import.meta.dirname, "../..");
const as = (role: Role, mustChangePassword = false): CurrentUser => ({
  id: "00000000-0000-4000-8000-000000000001",
  email: `${role.toLowerCase()}@test.disburse.test`,
  name: role,
  role,
  mustChangePassword,
});

type Action = (previous: unknown, formData: FormData) => Promise<{ ok: boolean; code?: string }>;
async function load(file: string, name: string): Promise<Action> {
  const mod = await import(/* @vite-ignore */ path.join(root, file));
  return mod[name];
}

describe("action access matrix", () => {
  beforeEach(() => {
    signedIn = null;
  });

  it("lists every exported server action", async () => {
    const found: string[] = [];
    for (const file of actionFiles()) {
      const mod = await import(/* @vite-ignore */ path.join(root, file));
      for (const name of Object.keys(mod)) found.push(`${file}#${name}`);
    }
    expect(found.sort()).toEqual(expectedActions.map((a) => `${a.file}#${a.name}`).sort());
  });

  const guarded = expectedActions.filter((a) => Array.isArray(a.allowed));
  for (const expectation of guarded) {
    const allowed = expectation.allowed as Role[];
    describe(expectation.name, () => {
      it("asks a signed-out caller to sign in", async () => {
        const action = await load(expectation.file, expectation.name);
        expect(await action(null, new FormData())).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
      });
      for (const role of EVERY_ROLE) {
        const may = allowed.includes(role);
        it(`${may ? "lets" : "forbids"} ${role}`, async () => {
          signedIn = as(role);
          const action = await load(expectation.file, expectation.name);
          const result = await action(null, new FormData());
          if (may) expect(result).toMatchObject({ ok: false, code: "VALIDATION" });
          else expect(result).toEqual({ ok: false, code: "FORBIDDEN", message: "You do not have permission to do this." });
        });
      }
      if (expectation.name !== "changeOwnPasswordAction") {
        it("forbids a user who must first change a one-time password", async () => {
          signedIn = as(allowed[0], true);
          const action = await load(expectation.file, expectation.name);
          expect(await action(null, new FormData())).toMatchObject({ ok: false, code: "FORBIDDEN" });
        });
      }
    });
  }
});
