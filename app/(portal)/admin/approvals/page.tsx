import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/format-date";
import { Money } from "@/components/money";
import { PageHeading } from "@/components/page-heading";
import { SummaryList } from "@/components/summary-list";
import { requirePage } from "@/lib/auth/guards";
import { roleLabels } from "@/lib/auth/roles";
import { batchActionLabels } from "@/lib/batches/batch-actions/batch-action-rules";
import { listPendingBatchActions, type PendingBatchAction } from "@/lib/batches/batch-actions/list-batch-action-requests";
import { prisma } from "@/lib/db";
import { listPendingRoleGrants, type PendingRoleGrant } from "@/lib/users/role-grants/list-pending-role-grants";
import { BatchActionDecisionForm, RoleGrantDecisionForm, WithdrawBatchActionForm, WithdrawRoleGrantForm } from "./decision-forms";
import { FourEyesTag } from "./four-eyes-tag";

export const metadata: Metadata = { title: "Approvals" };
export const dynamic = "force-dynamic";

/** What the admin decided stays listed this long, so the outcome of a decision stays on screen. */
const RECENT_MS = 60 * 60_000;

export default async function ApprovalsPage() {
  const admin = await requirePage("adminApprovals");
  const alsoDecidedBy = { userId: admin.id, since: new Date(Date.now() - RECENT_MS) };
  const [grants, batchActions] = await Promise.all([
    listPendingRoleGrants(prisma, { alsoDecidedBy }),
    listPendingBatchActions(prisma, { alsoDecidedBy }),
  ]);
  const waiting = grants.filter((g) => g.status === "PENDING").length + batchActions.filter((b) => b.status === "PENDING").length;
  return (
    <>
      <PageHeading caption="Administration">Approvals</PageHeading>
      <p className="mb-6 max-w-2xl">
        Two administrators for every change of who may do what, and for pulling money back out of a batch the bank or the Post
        Office may already hold. Nobody approves their own request, nor a role change for their own account.{" "}
        {waiting === 0 ? "Nothing is waiting now." : `${waiting} waiting, oldest first.`}
      </p>

      <section aria-labelledby="grants-heading" className="mb-10">
        <h2 id="grants-heading" className="mb-4 text-2xl font-bold">
          Accounts and roles
        </h2>
        {grants.length === 0 ? (
          <p>No new account or role change is waiting.</p>
        ) : (
          grants.map((grant) => <GrantItem key={grant.id} grant={grant} adminId={admin.id} />)
        )}
      </section>

      <section aria-labelledby="batches-heading">
        <h2 id="batches-heading" className="mb-4 text-2xl font-bold">
          Batch voids and returns
        </h2>
        {batchActions.length === 0 ? (
          <p>No void or return of a batch is waiting.</p>
        ) : (
          batchActions.map((request) => <BatchActionItem key={request.id} request={request} adminId={admin.id} />)
        )}
      </section>
    </>
  );
}

function Decided({
  item,
}: {
  item: { status: string; decidedBy: string | null; decidedAt: Date | null; decisionNote: string | null };
}) {
  if (item.status === "PENDING" || !item.decidedAt) return null;
  const by = item.status === "WITHDRAWN" ? "Withdrawn" : item.status === "APPROVED" ? "Approved" : "Rejected";
  return (
    <p className="mb-4">
      {by} by {item.decidedBy ?? "an administrator"}, {formatDateTime(item.decidedAt)}
      {item.decisionNote ? `: ${item.decisionNote}` : "."}
    </p>
  );
}

function GrantItem({ grant, adminId }: { grant: PendingRoleGrant; adminId: string }) {
  const pending = grant.status === "PENDING";
  const isProposer = grant.proposedById === adminId;
  const isSelf = grant.userId === adminId;
  const headingId = `grant-heading-${grant.id}`;
  return (
    <article aria-labelledby={headingId} className="mb-8 border-t border-mid-grey pt-5">
      <h3 id={headingId} className="mb-2 text-xl font-bold">
        {grant.newAccount ? "New account" : "Role change"}: {grant.user.name}
      </h3>
      <p className="mb-4">
        <FourEyesTag status={grant.status} />
      </p>
      <SummaryList
        rows={[
          {
            key: "User",
            value: (
              <Link href={`/admin/users/${grant.user.id}`} className="text-link underline">
                {grant.user.name}
              </Link>
            ),
          },
          { key: "Email address", value: grant.user.email },
          {
            key: "Role",
            value: grant.previousRole
              ? `${roleLabels[grant.previousRole]} to ${roleLabels[grant.role]}`
              : `${roleLabels[grant.role]} (new account)`,
          },
          { key: "Proposed by", value: `${grant.proposedBy}, ${formatDateTime(grant.proposedAt)}` },
        ]}
      />
      <Decided item={grant} />
      {pending && isProposer && <p className="mb-4">You proposed this: another administrator must approve or reject it.</p>}
      {pending && isSelf && !isProposer && (
        <p className="mb-4">This change is for your own account: another administrator must approve or reject it.</p>
      )}
      {grant.newAccount && pending && !isProposer && !isSelf && (
        <p className="mb-4">
          Check that the email address is the person&apos;s own: once approved, the link to set the account&apos;s password goes
          there.
        </p>
      )}
      <RoleGrantDecisionForm grantId={grant.id} showForm={pending && !isProposer && !isSelf} />
      {isProposer && <WithdrawRoleGrantForm grantId={grant.id} showForm={pending} />}
    </article>
  );
}

function batchHref(request: PendingBatchAction): string {
  return request.batch.method === "CASH" ? `/payout/batches/${request.batch.id}` : "/bank-admin";
}

function BatchActionItem({ request, adminId }: { request: PendingBatchAction; adminId: string }) {
  const pending = request.status === "PENDING";
  const isRequester = request.requestedById === adminId;
  const headingId = `batch-request-heading-${request.id}`;
  return (
    <article aria-labelledby={headingId} className="mb-8 border-t border-mid-grey pt-5">
      <h3 id={headingId} className="mb-2 text-xl font-bold">
        {batchActionLabels[request.kind]}
      </h3>
      <p className="mb-4">
        <FourEyesTag status={request.status} />
      </p>
      <SummaryList
        rows={[
          {
            key: "Batch",
            value: (
              <Link href={batchHref(request)} className="text-link underline">
                {request.batch.method === "CASH" ? "Payout" : "Bank"} batch of {formatDateTime(request.batch.createdAt)}
              </Link>
            ),
          },
          {
            key: "Payments",
            value: (
              <>
                {request.batch.paymentCount.toLocaleString("en-GB")}, <Money pence={request.batch.totalPence} />
              </>
            ),
          },
          { key: "Reason", value: request.reason },
          { key: "Asked by", value: `${request.requestedBy}, ${formatDateTime(request.requestedAt)}` },
        ]}
      />
      <Decided item={request} />
      {pending && isRequester && (
        <p className="mb-4">
          You asked for this: another administrator must approve or reject it. You can withdraw it meanwhile.
        </p>
      )}
      {pending && !isRequester && (
        <p className="mb-4">
          {request.kind === "VOID"
            ? "A file of this batch was downloaded: check with SSCL that the bank has not paid it and will not. Approving puts its payments back into the next run."
            : "This batch was delivered to the Post Office: check with them that its vouchers without a code will not be paid. Approving puts those payments back into the next Payout run."}
        </p>
      )}
      <BatchActionDecisionForm requestId={request.id} showForm={pending && !isRequester} />
      {isRequester && <WithdrawBatchActionForm requestId={request.id} showForm={pending} />}
    </article>
  );
}
