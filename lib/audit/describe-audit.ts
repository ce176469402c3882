/**
 * The audit log in plain English for the pages that show it: "Account disabled by Fiona MacLeod",
 * never the stored code (`user.disabled`) or the actor's email. Every action recorded anywhere in
 * lib/ has a line here (describe-audit.test.ts finds them in the source); an action added without
 * one still reads as words, and that test fails.
 */
export const AUDIT_DESCRIPTIONS: Record<string, string> = {
  // Staff accounts
  "user.created": "Account created",
  "user.activation-link-issued": "Activation link issued",
  "user.activated": "Account activated and password set",
  "user.password-set-by-link": "Password set with a reset link",
  "user.password-changed": "Password changed",
  "user.password-reset": "Password reset",
  "user.disabled": "Account disabled",
  "user.enabled": "Account enabled",
  "user.locked": "Account locked after too many failed sign-ins",
  "user.unlocked": "Account unlocked",
  "user.system-restored": "Account restored by the system",
  "role-grant.proposed": "Role change proposed",
  "role-grant.approved": "Role change approved",
  "role-grant.rejected": "Role change rejected",
  "role-grant.withdrawn": "Role change withdrawn",
  "api-token.created": "API token created",
  "api-token.revoked": "API token revoked",
  "alert.resolved": "Alert marked as resolved",
  "bank-holidays.replaced": "Bank holidays replaced",
  "file.downloaded": "File downloaded",
  // Claims
  "claim.created": "Claim created",
  "claim.received": "Claim received",
  "claim.assigned": "Claim assigned",
  "claim.approved": "Claim approved",
  "claim.first-approved": "Claim approved, waiting for a second caseworker",
  "claim.second-approved": "Claim approved by a second caseworker",
  "claim.returned": "Claim returned to be decided again",
  "claim.rejected": "Claim rejected",
  "claim.information-requested": "Information requested from the claimant",
  "claim.response-received": "Response received from the claimant",
  "claim.response-recorded": "Claimant's response recorded",
  "claim.payment-reissued": "Payment reissued",
  "claim.note-added": "Case note added",
  "claim.document-added": "Document added",
  "claim.document-infected": "Document refused: a virus was found",
  "claim.document-viewed": "Document viewed",
  "person.created": "Person record created",
  "person.merged": "Person records merged",
  "person.possible-match": "Possible match with another person flagged",
  "person.possible-match-dismissed": "Possible match with another person dismissed",
  "person-details.proposed": "New name or address proposed",
  "person-details.approved": "New name or address approved",
  "person-details.rejected": "New name or address rejected",
  "bank-details.proposed": "New bank details proposed",
  "bank-details.approved": "New bank details approved",
  "bank-details.rejected": "New bank details rejected",
  "bank-details.viewed": "Bank details viewed in full",
  // Payments
  "payment.created": "Payment created",
  "payment.created-in-cycle": "Payment created in a payment cycle",
  "payment.held": "Payment put on hold",
  "payment.released": "Payment released from hold",
  "payment.sent": "Payment sent to the bank",
  "payment.unsent": "Payment taken back from a voided batch",
  "payment.paid": "Payment marked as paid",
  "payment.failed": "Payment failed",
  "payment.cancelled": "Payment cancelled",
  "payment.reissued": "Payment reissued",
  "payment.cashed": "Voucher cashed",
  "payment.expired": "Voucher expired",
  "payment.voucher-cancelled": "Voucher cancelled by the Post Office",
  "payment.settled-cashed": "Voucher settled as cashed",
  "payment.settled-expired": "Voucher settled as expired",
  "payment.settled-cancelled": "Voucher settled as cancelled",
  "payment.carried-over": "Payment carried over to the next cycle",
  "payment.rebuilt": "Payment rebuilt with the payroll",
  "payment.rebuilt-cancelled": "Payment cancelled when the payroll was rebuilt",
  "payment.rebuilt-suspended": "Payment suspended when the payroll was rebuilt",
  "payment.suspended-approved": "Suspended payment approved",
  "payment.suspended-rejected": "Suspended payment rejected",
  "payment.payroll-released": "Payment released with the approved payroll",
  // Runs, batches and files
  "run.started": "Run started",
  "run.selected": "Payments selected for the run",
  "run.succeeded": "Run finished",
  "run.empty": "Run found nothing to send",
  "run.failed": "Run failed",
  "run.retried": "Failed run retried",
  "run.taken-over": "Stalled run taken over",
  "batch.voided": "Batch voided",
  "batch.reconciliation-exported": "Batch reconciliation exported as CSV",
  "payments.exported": "Payments exported as CSV",
  "bank-key.rotated": "Bank details re-encrypted under the new key",
  "bank-key.rotation-incomplete": "Bank-details key rotation finished with values left under an old key",
  "bank-key.rotation-stopped": "Bank-details key rotation stopped part-way (run it again to resume)",
  "batch.returned": "Batch returned by the Post Office",
  "batch.delivery-confirmed": "Batch delivery confirmed",
  "batch.delivery-retried": "Batch delivery retried",
  "batch.delivery-uncertain": "Batch delivery uncertain",
  "batch-action.requested": "Change to a downloaded batch requested",
  "batch-action.approved": "Change to a downloaded batch approved",
  "batch-action.rejected": "Change to a downloaded batch rejected",
  "batch-action.withdrawn": "Change to a downloaded batch withdrawn",
  "upload.received": "File uploaded",
  "upload.validated": "Uploaded file checked",
  "upload.rejected": "Uploaded file refused: it has errors",
  "upload.applied": "Uploaded file applied",
  "upload.duplicate": "Uploaded file already applied: nothing changed",
  "payout-inbox.file-processed": "Post Office return file processed",
  "payout-inbox.file-refused": "Post Office return file refused",
  // Recurring benefits
  "benefit-plan.created": "Benefit plan created",
  "benefit-plan.updated": "Benefit plan changed",
  "enrolment.created": "Person enrolled",
  "enrolment.ended": "Enrolment ended",
  "enrolment.attributes-changed": "Enrolment details changed",
  "enrolment.payment-method-proposed": "New payment method proposed",
  "enrolment.payment-method-approved": "New payment method approved",
  "enrolment.payment-method-rejected": "New payment method rejected",
  "enrolment-file.applied": "Enrolment file applied",
  "enrolment-file.changes-approved": "Changes in an enrolment file approved",
  "enrolment-file.changes-rejected": "Changes in an enrolment file rejected",
  "payment-plan.created": "Payment plan created",
  "payment-plan.changed": "Payment plan changed",
  "payment-plan.version-created": "New version of the payment plan made",
  "point.created": "Payment point created",
  "point.changed": "Payment point changed",
  "cycle.created": "Payment cycle created",
  "cycle.rebuilt": "Payroll rebuilt",
  "cycle.approved": "Payment cycle approved",
  "cycle.rejected": "Payment cycle rejected",
  "cycle.suspended-approved": "Suspended payments approved",
  "cycle.suspended-rejected": "Suspended payments rejected",
  "cycle.reconciled": "Payment cycle reconciled",
  "cycle.late-failure": "Payment failed after the cycle was reconciled",
  "cycle.payroll-exported": "Payroll exported",
  "cycle.payroll-report-printed": "Payroll report printed",
  // Personal data over time
  "subject-access.export": "Subject access request exported",
  "retention.run": "Retention check run",
  "retention.erase": "Personal details erased under the retention policy",
};

/** Who did it, for the actors that are the portal itself rather than a person. */
const SYSTEM_ACTORS: Record<string, string> = {
  "sign-in": "the sign-in checks",
  "create-admin": "the create-admin command",
  "payout-inbox": "the Post Office inbox",
  "retention policy": "the retention policy",
};

export type AuditRowForPeople = {
  action: string;
  /** Null for a change the portal made itself (a run, the sign-in checks, the API). */
  actorId: string | null;
  /** The person's name when the actor is a person. */
  actorName?: string | null;
  /** As stored: the person's email (never shown) or the system's name. */
  actorLabel: string;
};

/** "Account disabled" for `user.disabled`; an unknown action as words, not as its code. */
export function describeAction(action: string): string {
  const known = AUDIT_DESCRIPTIONS[action];
  if (known) return known;
  // The support CLI records `ops.<command>` or `ops.<command>.refused` (docs/support-cli.md).
  const ops = /^ops\.([a-z-]+)(\.refused)?$/.exec(action);
  if (ops) return `Support command "${ops[1]}" ${ops[2] ? "refused" : "run"}`;
  const words = action.replace(/[._-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Who did it, by name: a person's name, never their email; the portal's own jobs by what they are. */
export function describeActor(row: Pick<AuditRowForPeople, "actorId" | "actorName" | "actorLabel">): string {
  if (row.actorId) return row.actorName?.trim() || "a member of staff";
  if (row.actorLabel.includes("@")) return "a member of staff";
  return SYSTEM_ACTORS[row.actorLabel] ?? row.actorLabel;
}

/** "Account disabled by Fiona MacLeod". */
export function describeAudit(row: AuditRowForPeople): string {
  return `${describeAction(row.action)} by ${describeActor(row)}`;
}
