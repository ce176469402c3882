import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/back-link";
import { formatDateTime } from "@/components/format-date";
import { PageHeading } from "@/components/page-heading";
import { Select } from "@/components/select";
import { SummaryList } from "@/components/summary-list";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { describeAudit } from "@/lib/audit/describe-audit";
import { requirePage } from "@/lib/auth/guards";
import { roleLabels } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import { getUserForAdmin } from "@/lib/users/queries";
import { changeUserRoleAction, resetUserPasswordAction, setUserDisabledAction, unlockUserAction } from "../actions";
import { roleOptions } from "../role-options";
import { UserStateTags } from "../user-state-tags";
import { UserActionForm } from "./user-action-form";

export const metadata: Metadata = { title: "User" };
export const dynamic = "force-dynamic";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function UserPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requirePage("adminUser");
  const { id } = await params;
  const user = UUID.test(id) ? await getUserForAdmin(prisma, id, new Date()) : null;
  if (!user) notFound();
  const isSelf = admin.id === user.id;

  return (
    <>
      <BackLink href="/admin/users">All users</BackLink>
      <PageHeading caption="User">{user.name}</PageHeading>
      <SummaryList
        rows={[
          { key: "Email address", value: user.email },
          { key: "Role", value: roleLabels[user.role] },
          { key: "Status", value: <UserStateTags user={user} /> },
          ...(user.pendingGrant
            ? [
                {
                  key: "Waiting for approval",
                  value: (
                    <>
                      {user.pendingGrant.previousRole
                        ? `Role change to ${roleLabels[user.pendingGrant.role]}`
                        : `New account as ${roleLabels[user.pendingGrant.role]}`}
                      , proposed by {user.pendingGrant.proposedBy}, {formatDateTime(user.pendingGrant.proposedAt)}. Another
                      administrator approves or rejects it on{" "}
                      <Link href="/admin/approvals" className="text-link underline">
                        Approvals
                      </Link>
                      .
                    </>
                  ),
                },
              ]
            : []),
          { key: "Failed sign-ins in a row", value: String(user.failedSignIns) },
          { key: "Last signed in", value: user.lastSignInAt ? formatDateTime(user.lastSignInAt) : "Never" },
          { key: "Created", value: formatDateTime(user.createdAt) },
        ]}
      />

      {isSelf ? (
        <p className="my-8">You cannot change your own role or status. Ask another administrator.</p>
      ) : (
        <div className="my-8 grid gap-8 md:grid-cols-2">
          <section aria-labelledby="role-heading">
            <h2 id="role-heading" className="mb-4 text-2xl font-bold">
              Role
            </h2>
            <p className="mb-4">A change of role takes effect when another administrator approves it.</p>
            <UserActionForm
              action={changeUserRoleAction}
              userId={user.id}
              label="Propose role change"
              pendingLabel="Proposing…"
              fields={["role"]}
              showForm={!user.pendingGrant}
            >
              <Select id="role" name="role" label="New role" options={roleOptions} defaultValue={user.role} />
            </UserActionForm>
          </section>
          <section aria-labelledby="access-heading">
            <h2 id="access-heading" className="mb-4 text-2xl font-bold">
              Access
            </h2>
            <UserActionForm
              action={unlockUserAction}
              userId={user.id}
              label="Unlock user"
              pendingLabel="Unlocking…"
              variant="primary"
              showForm={user.locked}
            />
            <UserActionForm
              action={resetUserPasswordAction}
              userId={user.id}
              label="Reset password"
              pendingLabel="Resetting password…"
              showForm={!user.awaitingApproval}
            />
            <UserActionForm
              action={setUserDisabledAction}
              userId={user.id}
              hidden={{ disabled: user.disabled ? "false" : "true" }}
              label={user.disabled ? "Enable user" : "Disable user"}
              pendingLabel={user.disabled ? "Enabling…" : "Disabling…"}
              variant={user.disabled ? "secondary" : "warning"}
            />
          </section>
        </div>
      )}

      <h2 className="mb-4 text-2xl font-bold">History</h2>
      <Table caption="Changes to this user, newest first" captionVisuallyHidden>
        <THead>
          <Tr>
            <Th>When</Th>
            <Th>What happened</Th>
          </Tr>
        </THead>
        <TBody>
          {user.audit.map((entry) => (
            <Tr key={String(entry.id)}>
              <Td className="whitespace-nowrap">{formatDateTime(entry.at)}</Td>
              <Td>{describeAudit({ ...entry, actorName: entry.actor?.name })}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
    </>
  );
}
