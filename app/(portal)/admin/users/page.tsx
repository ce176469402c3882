import { plural } from "@/lib/plural";
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/page-heading";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { formatDateTime } from "@/components/format-date";
import { requirePage } from "@/lib/auth/guards";
import { roleLabels } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";
import { listUsers } from "@/lib/users/queries";
import { CreateUserForm } from "./create-user-form";
import { UserStateTags } from "./user-state-tags";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

export default async function UsersPage() {
  await requirePage("adminUsers");
  const users = await listUsers(prisma, new Date());
  return (
    <>
      <PageHeading caption="Administration">Users</PageHeading>
      <p className="mb-6 max-w-2xl">
        A new account, or a change of role, takes effect only when another administrator approves it on{" "}
        <Link href="/admin/approvals" className="text-link underline">
          Approvals
        </Link>
        . The user then sets their own password with a link sent to their email address.
      </p>
      <Table caption={plural(users.length, "user")}>
        <THead>
          <Tr>
            <Th>Name</Th>
            <Th>Email address</Th>
            <Th>Role</Th>
            <Th>Status</Th>
            <Th>Last signed in</Th>
          </Tr>
        </THead>
        <TBody>
          {users.map((u) => (
            <Tr key={u.id}>
              <Td>
                <Link href={`/admin/users/${u.id}`}>{u.name}</Link>
              </Td>
              <Td>{u.email}</Td>
              <Td>{roleLabels[u.role]}</Td>
              <Td>
                <UserStateTags user={u} />
              </Td>
              <Td>{u.lastSignInAt ? formatDateTime(u.lastSignInAt) : "Never"}</Td>
            </Tr>
          ))}
        </TBody>
      </Table>
      <h2 className="mt-10 mb-4 text-2xl font-bold" id="create-user">
        Create a user
      </h2>
      <CreateUserForm />
    </>
  );
}
