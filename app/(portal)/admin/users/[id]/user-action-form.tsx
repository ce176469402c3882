"use client";

import type { ReactNode } from "react";
import { ActionForm } from "@/components/action-form";
import type { ButtonVariant } from "@/components/button-styles";
import { SuccessMessage } from "@/components/notification-from-result";
import type { ActionResult } from "@/lib/actions/result";
import { ActivationLinkPanel } from "../activation-link-panel";

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each action has its own data type
type Action = (previous: any, formData: FormData) => Promise<ActionResult<any>>;

/** One admin action on a user: hidden user id, optional fields, a button, and its outcome. */
export function UserActionForm({
  userId,
  hidden,
  label,
  variant = "secondary",
  ...props
}: {
  action: Action;
  userId: string;
  label: string;
  pendingLabel: string;
  variant?: ButtonVariant;
  fields?: string[];
  hidden?: Record<string, string>;
  /** False hides the form but keeps the outcome of the last submit on screen (e.g. after unlocking). */
  showForm?: boolean;
  children?: ReactNode;
}) {
  return (
    <ActionForm
      {...props}
      className="mb-6"
      hidden={{ userId, ...hidden }}
      submitLabel={label}
      variant={variant}
      outcome={(result) => {
        const demoLink = result?.ok ? (result.data as { demoLink?: string } | undefined)?.demoLink : undefined;
        return (
          <>
            <SuccessMessage result={result} />
            {demoLink && <ActivationLinkPanel title="Link to choose a new password" link={demoLink} />}
          </>
        );
      }}
    />
  );
}
