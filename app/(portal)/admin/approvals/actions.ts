"use server";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/actions/define-action";
import { decideBatchAction } from "@/lib/batches/batch-actions/decide-batch-action";
import { decideBatchActionSchema, withdrawBatchActionSchema } from "@/lib/batches/batch-actions/schemas";
import { withdrawBatchAction } from "@/lib/batches/batch-actions/withdraw-batch-action";
import { prisma } from "@/lib/db";
import { batchActionCarriers } from "@/lib/payout/batch-action-carriers";
import { configuredActivation } from "@/lib/users/activation/configured-activation";
import { decideRoleGrant } from "@/lib/users/role-grants/decide-role-grant";
import { withdrawRoleGrant } from "@/lib/users/role-grants/withdraw-role-grant";
import { decideRoleGrantSchema, withdrawRoleGrantSchema } from "@/lib/users/schemas";

// A second admin's decisions (docs/security.md#two-people-for-every-money-move). Who may decide
// which request is the services' call (never the proposer, nor the user a grant is for).
// The approvals page keeps what the admin just decided on its list for a while (with its form
// hidden), so the outcome stays on screen when the page refreshes: in demo mode it carries the
// only showing of a new account's activation link.

function refreshUsers() {
  revalidatePath("/admin/approvals");
  revalidatePath("/admin/users", "layout");
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const decideRoleGrantAction = defineAction("decideRoleGrant", decideRoleGrantSchema, async (input, user) => {
  const { delivery, baseUrl } = configuredActivation();
  const decided = await decideRoleGrant({
    db: prisma,
    actor: user,
    grantId: input.grantId,
    decision: input.decision,
    note: input.note,
    now: new Date(),
    delivery,
    baseUrl,
  });
  const message =
    decided.outcome === "REJECTED"
      ? `Rejected: nothing changes for ${decided.userName}.`
      : !decided.newAccount
        ? `Approved: ${decided.userName}'s new role applies now, and they must sign in again.`
        : decided.demoLink
          ? `Approved: ${decided.userName}'s account is active once they set a password with the link below.`
          : `Approved: ${decided.userName} has been emailed a link to set their password.`;
  refreshUsers();
  return { ok: true, message, data: { demoLink: decided.demoLink } };
});

export const withdrawRoleGrantAction = defineAction("withdrawRoleGrant", withdrawRoleGrantSchema, async (input, user) => {
  const { userName } = await withdrawRoleGrant({ db: prisma, actor: user, grantId: input.grantId, now: new Date() });
  refreshUsers();
  return { ok: true, message: `Withdrawn: nothing changes for ${userName}.` };
});

export const decideBatchActionAction = defineAction("decideBatchAction", decideBatchActionSchema, async (input, user) => {
  const decided = await decideBatchAction({
    db: prisma,
    actor: user,
    requestId: input.requestId,
    decision: input.decision,
    note: input.note,
    now: new Date(),
    carryOut: batchActionCarriers,
  });
  revalidatePath("/admin/approvals");
  revalidatePath("/bank-admin");
  revalidatePath("/runs");
  revalidatePath("/payout");
  revalidatePath(`/payout/batches/${decided.batchId}`);
  if (decided.outcome === "REJECTED") return { ok: true, message: "Rejected: the batch stays as it is." };
  const moved = decided.carried?.payments ?? 0;
  return {
    ok: true,
    message:
      decided.kind === "VOID"
        ? `Approved: the batch is void and ${plural(moved, "payment goes", "payments go")} into the next run.`
        : `Approved: the batch is returned and ${plural(moved, "payment goes", "payments go")} into the next Payout run.`,
  };
});

export const withdrawBatchActionAction = defineAction("withdrawBatchAction", withdrawBatchActionSchema, async (input, user) => {
  const withdrawn = await withdrawBatchAction({ db: prisma, actor: user, requestId: input.requestId, now: new Date() });
  revalidatePath("/admin/approvals");
  revalidatePath("/bank-admin");
  revalidatePath(`/payout/batches/${withdrawn.batchId}`);
  return { ok: true, message: "Withdrawn: the batch stays as it is." };
});
