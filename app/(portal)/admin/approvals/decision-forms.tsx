"use client";

import { fieldError } from "@/components/action-error-summary";
import { ActionForm } from "@/components/action-form";
import { SuccessMessage } from "@/components/notification-from-result";
import { Radios } from "@/components/radios";
import { Textarea } from "@/components/textarea";
import type { ActionResult } from "@/lib/actions/result";
import { ActivationLinkPanel } from "../users/activation-link-panel";
import { decideBatchActionAction, decideRoleGrantAction, withdrawBatchActionAction, withdrawRoleGrantAction } from "./actions";

type Result = ActionResult | null;

// Each form stays mounted once its request is decided (showForm false: the page keeps what the
// admin just decided on its list), so the outcome stays on screen after the page refreshes.

function DecisionFields({ prefix, result }: { prefix: string; result: Result }) {
  return (
    <>
      <Radios
        name="decision"
        idPrefix={`${prefix}-decision`}
        legend="Your decision"
        inline
        options={[
          { value: "APPROVE", label: "Approve" },
          { value: "REJECT", label: "Reject" },
        ]}
        error={fieldError(result, "decision")}
      />
      <Textarea
        id={`${prefix}-note`}
        name="note"
        label="Note"
        hint="Needed to reject: why. Optional to approve."
        rows={2}
        error={fieldError(result, "note")}
      />
    </>
  );
}

export function RoleGrantDecisionForm({ grantId, showForm }: { grantId: string; showForm: boolean }) {
  const prefix = `grant-${grantId}`;
  return (
    <ActionForm
      action={decideRoleGrantAction}
      fields={["decision", "note"]}
      ids={{ decision: `${prefix}-decision`, note: `${prefix}-note` }}
      hidden={{ grantId }}
      showForm={showForm}
      submitLabel="Record decision"
      pendingLabel="Recording…"
      className="mb-6"
      outcome={(result) => {
        const demoLink = result?.ok ? (result.data as { demoLink?: string } | undefined)?.demoLink : undefined;
        return (
          <>
            <SuccessMessage result={result} />
            {demoLink && <ActivationLinkPanel title="Activation link" link={demoLink} />}
          </>
        );
      }}
    >
      {(result) => <DecisionFields prefix={prefix} result={result} />}
    </ActionForm>
  );
}

export function WithdrawRoleGrantForm({ grantId, showForm }: { grantId: string; showForm: boolean }) {
  return (
    <ActionForm
      action={withdrawRoleGrantAction}
      hidden={{ grantId }}
      submitLabel="Withdraw this change"
      pendingLabel="Withdrawing…"
      variant="secondary"
      className="mb-6"
      showForm={showForm}
    />
  );
}

export function BatchActionDecisionForm({ requestId, showForm }: { requestId: string; showForm: boolean }) {
  const prefix = `batch-request-${requestId}`;
  return (
    <ActionForm
      action={decideBatchActionAction}
      fields={["decision", "note"]}
      ids={{ decision: `${prefix}-decision`, note: `${prefix}-note` }}
      hidden={{ requestId }}
      submitLabel="Record decision"
      pendingLabel="Recording…"
      variant="warning"
      className="mb-6"
      showForm={showForm}
    >
      {(result) => <DecisionFields prefix={prefix} result={result} />}
    </ActionForm>
  );
}

export function WithdrawBatchActionForm({ requestId, showForm }: { requestId: string; showForm: boolean }) {
  return (
    <ActionForm
      action={withdrawBatchActionAction}
      hidden={{ requestId }}
      submitLabel="Withdraw this request"
      pendingLabel="Withdrawing…"
      variant="secondary"
      className="mb-6"
      showForm={showForm}
    />
  );
}
