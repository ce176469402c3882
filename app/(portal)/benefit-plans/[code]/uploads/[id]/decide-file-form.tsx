"use client";

import { ActionForm } from "@/components/action-form";
import { decideEnrolmentFileChangesAction } from "./actions";

/** Approve or reject, at once, everything the file left waiting (each a button of its own form). */
export function DecideFileForm({ planCode, uploadId, count }: { planCode: string; uploadId: string; count: string }) {
  return (
    <div className="flex flex-wrap gap-4">
      <ActionForm
        action={decideEnrolmentFileChangesAction}
        hidden={{ planCode, uploadId, decision: "approve" }}
        submitLabel={`Approve all ${count}`}
        pendingLabel="Approving…"
      />
      <ActionForm
        action={decideEnrolmentFileChangesAction}
        hidden={{ planCode, uploadId, decision: "reject" }}
        submitLabel={`Reject all ${count}`}
        pendingLabel="Rejecting…"
        variant="warning"
      />
    </div>
  );
}
