import { describe, expect, it } from "vitest";
import { describeAudit } from "@/lib/audit/describe-audit";
import { setUserDisabled } from "@/lib/users/set-user-disabled";
import { getUserForAdmin } from "@/lib/users/queries";
import { makeUser } from "../support/make-user";
import { useTestDatabase } from "../support/test-db";

const { db } = useTestDatabase();

// The admin user page's history: each change with the name of who made it (the query joins the
// actor), described in words (lib/audit/describe-audit.ts).
describe("a user's history on the admin page", () => {
  it("reads as words with the admin's name, newest first, with no code or email", async () => {
    const admin = await makeUser(db(), { role: "ADMIN", name: "Fiona MacLeod" });
    const user = await makeUser(db());
    const actor = { id: admin.id, email: admin.email };
    await setUserDisabled({ db: db(), actor, userId: user.id, disabled: true, now: new Date() });
    await setUserDisabled({ db: db(), actor, userId: user.id, disabled: false, now: new Date() });

    const page = await getUserForAdmin(db(), user.id, new Date());
    const lines = page!.audit.map((entry) => describeAudit({ ...entry, actorName: entry.actor?.name }));
    expect(lines).toEqual(["Account enabled by Fiona MacLeod", "Account disabled by Fiona MacLeod"]);
    expect(lines.join(" ")).not.toContain(admin.email);
  });
});
