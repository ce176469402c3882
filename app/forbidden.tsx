import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/page-heading";
import { pageRuleForPath } from "@/lib/auth/access";
import { roleLabels } from "@/lib/auth/roles";
import { requestPath } from "@/lib/navigation/request-path";
import { FORBIDDEN_TITLE } from "./forbidden-title";

export const metadata: Metadata = { title: FORBIDDEN_TITLE };

export default async function Forbidden() {
  const rule = pageRuleForPath(await requestPath());
  const needed = rule?.roles.map((r) => roleLabels[r]) ?? [];
  return (
    <>
      <PageHeading>You do not have access to this page</PageHeading>
      {needed.length > 0 && (
        <p className="mb-4">
          This page is for: <strong>{needed.join(", ")}</strong>.
        </p>
      )}
      <p className="mb-4">If you need access for your work, ask an administrator to change your role.</p>
      <p>
        <Link href="/">Go to the home page</Link>
      </p>
    </>
  );
}
