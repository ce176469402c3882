import type { Metadata } from "next";
import { formatDateTime } from "@/components/format-date";
import { PageHeading } from "@/components/page-heading";
import { listApiTokens } from "@/lib/api-tokens/queries";
import { requirePage } from "@/lib/auth/guards";
import { prisma } from "@/lib/db";
import { ApiTokenTable, type ApiTokenView } from "./api-token-table";
import { CreateApiTokenForm } from "./create-api-token-form";

export const metadata: Metadata = { title: "API tokens" };
export const dynamic = "force-dynamic";

export default async function ApiTokensPage() {
  await requirePage("adminApiTokens");
  const tokens: ApiTokenView[] = (await listApiTokens(prisma)).map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdByName: t.createdByName,
    created: formatDateTime(t.createdAt),
    lastUsed: t.lastUsedAt ? formatDateTime(t.lastUsedAt) : "Never",
    revoked: !!t.revokedAt,
  }));
  return (
    <>
      <PageHeading caption="Administration">API tokens</PageHeading>
      <p className="mb-6 max-w-3xl">
        The online claim service sends claims and claimants&apos; responses to <code>/api/claims</code> with one of these tokens.
        Revoking a token stops it working at once, and cannot be undone.
      </p>
      <ApiTokenTable tokens={tokens} />
      <h2 className="mt-10 mb-4 text-2xl font-bold" id="create-token">
        Create a token
      </h2>
      <CreateApiTokenForm />
    </>
  );
}
