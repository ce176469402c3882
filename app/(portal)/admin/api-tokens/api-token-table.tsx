"use client";

import { useActionState } from "react";
import { ActionErrorSummary } from "@/components/action-error-summary";
import { SuccessMessage } from "@/components/notification-from-result";
import { SubmitButton } from "@/components/submit-button";
import { Table, TBody, Td, Th, THead, Tr } from "@/components/table";
import { Tag } from "@/components/tag";
import { revokeApiTokenAction } from "./actions";

export type ApiTokenView = {
  id: string;
  name: string;
  prefix: string;
  createdByName: string;
  created: string;
  lastUsed: string;
  revoked: boolean;
};

/**
 * One revoke action for the whole table, so its outcome stays on screen after the revoked row
 * loses its button.
 */
export function ApiTokenTable({ tokens }: { tokens: ApiTokenView[] }) {
  const [result, revoke] = useActionState(revokeApiTokenAction, null);
  const active = tokens.filter((t) => !t.revoked).length;
  return (
    <>
      <ActionErrorSummary result={result} fields={[]} />
      <SuccessMessage result={result} />
      {tokens.length === 0 ? (
        <p className="mb-8">There are no API tokens yet.</p>
      ) : (
        <Table caption={`${tokens.length} ${tokens.length === 1 ? "token" : "tokens"}, ${active} active`}>
          <THead>
            <Tr>
              <Th>Name</Th>
              <Th>Starts with</Th>
              <Th>Created by</Th>
              <Th>Created</Th>
              <Th>Last used</Th>
              <Th>Status</Th>
              <Th>
                <span className="sr-only">Actions</span>
              </Th>
            </Tr>
          </THead>
          <TBody>
            {tokens.map((t) => (
              <Tr key={t.id}>
                <Td className="break-words">{t.name}</Td>
                <Td>
                  <code>dsb_{t.prefix}…</code>
                </Td>
                <Td>{t.createdByName}</Td>
                <Td>{t.created}</Td>
                <Td>{t.lastUsed}</Td>
                <Td>{t.revoked ? <Tag colour="grey">Revoked</Tag> : <Tag colour="green">Active</Tag>}</Td>
                <Td>
                  {!t.revoked && (
                    <form action={revoke}>
                      <input type="hidden" name="tokenId" value={t.id} />
                      <SubmitButton variant="warning" small aria-label={`Revoke token ${t.name}`} pendingLabel="Revoking…">
                        Revoke
                      </SubmitButton>
                    </form>
                  )}
                </Td>
              </Tr>
            ))}
          </TBody>
        </Table>
      )}
    </>
  );
}
