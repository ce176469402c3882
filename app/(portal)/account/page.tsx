import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/format-date";
import { PageHeading } from "@/components/page-heading";
import { SummaryList } from "@/components/summary-list";
import { pages } from "@/lib/auth/access";
import { requirePage } from "@/lib/auth/guards";
import { roleLabels } from "@/lib/auth/roles";
import { prisma } from "@/lib/db";

export const metadata: Metadata = { title: "Your account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const user = await requirePage("account");
  const { lastSignInAt } = await prisma.user.findUniqueOrThrow({ where: { id: user.id }, select: { lastSignInAt: true } });
  return (
    <div className="max-w-2xl">
      <PageHeading>Your account</PageHeading>
      <SummaryList
        rows={[
          { key: "Name", value: user.name },
          { key: "Email address", value: user.email },
          { key: "Role", value: roleLabels[user.role] },
          { key: "Last signed in", value: lastSignInAt ? formatDateTime(lastSignInAt) : "Not recorded" },
        ]}
      />
      <p className="mb-4">
        <Link href={pages.changePassword.pattern} className="text-link underline">
          Change your password
        </Link>
      </p>
      <p>To change your name, email address or role, ask an administrator.</p>
    </div>
  );
}
