// The access rules of docs/domain.md#roles-and-access, written out literally (not derived from
// lib/auth/access.ts), so the matrix tests check the code against the specification rather than
// against itself.
import type { Role } from "@/lib/auth/roles";

export const EVERY_ROLE: Role[] = ["CASEWORKER", "SSCL_FINANCE", "ACCOUNTANT", "PLAN_MANAGER", "ADMIN"];

export type PageExpectation = {
  /** Route pattern as in app/ (route groups dropped). */
  pattern: string;
  /** A concrete URL to request; `{adminUserId}` and `{claimReference}` are filled in by the test. */
  url: string;
  /** "public": signed out only (signed-in users are sent on); "anyone": signed in or out. */
  allowed: Role[] | "public" | "anyone";
  /** What the allowed roles get when the URL names nothing that exists (default 200). */
  allowedStatus?: number;
};

export const expectedPages: PageExpectation[] = [
  { pattern: "/", url: "/", allowed: EVERY_ROLE },
  { pattern: "/login", url: "/login", allowed: "public" },
  // An activation link, followed signed out; a token nobody issued shows "cannot be used" (200).
  { pattern: "/activate/[token]", url: "/activate/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", allowed: "public" },
  { pattern: "/account", url: "/account", allowed: EVERY_ROLE },
  { pattern: "/account/password", url: "/account/password", allowed: EVERY_ROLE },
  // The accessibility statement: signed in or out, the same page.
  { pattern: "/accessibility", url: "/accessibility", allowed: "anyone" },
  { pattern: "/claims", url: "/claims", allowed: ["CASEWORKER", "ADMIN"] },
  { pattern: "/claims/new", url: "/claims/new", allowed: ["CASEWORKER"] },
  { pattern: "/claims/[reference]", url: "/claims/{claimReference}", allowed: ["CASEWORKER", "ADMIN"] },
  { pattern: "/runs", url: "/runs", allowed: ["SSCL_FINANCE", "ADMIN"] },
  { pattern: "/bank-admin", url: "/bank-admin", allowed: ["SSCL_FINANCE", "ADMIN"] },
  { pattern: "/admin/bank-holidays", url: "/admin/bank-holidays", allowed: ["ADMIN"] },
  { pattern: "/admin/api-tokens", url: "/admin/api-tokens", allowed: ["ADMIN"] },
  { pattern: "/outbox", url: "/outbox", allowed: ["ADMIN"] },
  { pattern: "/admin/users", url: "/admin/users", allowed: ["ADMIN"] },
  { pattern: "/admin/users/[id]", url: "/admin/users/{adminUserId}", allowed: ["ADMIN"] },
  { pattern: "/admin/approvals", url: "/admin/approvals", allowed: ["ADMIN"] },
  { pattern: "/payout", url: "/payout", allowed: ["CASEWORKER", "SSCL_FINANCE", "ADMIN"] },
  // Random ids: the roles allowed get past the check to "not found"; the rest get 403 first.
  {
    pattern: "/payout/batches/[id]",
    url: "/payout/batches/5b0e6c1a-2f3d-4e4f-8a9b-1c2d3e4f5a6b",
    allowed: ["CASEWORKER", "SSCL_FINANCE", "ADMIN"],
    allowedStatus: 404,
  },
  {
    pattern: "/payout/uploads/[id]",
    url: "/payout/uploads/7c1f2e3d-4a5b-4c6d-9e8f-0a1b2c3d4e5f",
    allowed: ["CASEWORKER", "SSCL_FINANCE", "ADMIN"],
    allowedStatus: 404,
  },
  { pattern: "/payment-plans", url: "/payment-plans", allowed: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"] },
  { pattern: "/payment-plans/new", url: "/payment-plans/new", allowed: ["PLAN_MANAGER"] },
  {
    pattern: "/payment-plans/[id]",
    url: "/payment-plans/2d7e4c1b-9a3f-4b6e-8c5d-1f0a9b8c7d6e",
    allowed: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"],
    allowedStatus: 404,
  },
  {
    pattern: "/payment-plans/[id]/edit",
    url: "/payment-plans/2d7e4c1b-9a3f-4b6e-8c5d-1f0a9b8c7d6e/edit",
    allowed: ["PLAN_MANAGER"],
    allowedStatus: 404,
  },
  // Benefit plans: an unknown code or person reference gets the roles allowed past the check to "not found".
  { pattern: "/benefit-plans", url: "/benefit-plans", allowed: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"] },
  { pattern: "/benefit-plans/new", url: "/benefit-plans/new", allowed: ["PLAN_MANAGER"] },
  {
    pattern: "/benefit-plans/[code]",
    url: "/benefit-plans/NO-SUCH-PLAN",
    allowed: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"],
    allowedStatus: 404,
  },
  {
    pattern: "/benefit-plans/[code]/edit",
    url: "/benefit-plans/NO-SUCH-PLAN/edit",
    allowed: ["PLAN_MANAGER"],
    allowedStatus: 404,
  },
  {
    pattern: "/benefit-plans/[code]/enrol",
    url: "/benefit-plans/NO-SUCH-PLAN/enrol",
    allowed: ["PLAN_MANAGER"],
    allowedStatus: 404,
  },
  {
    pattern: "/benefit-plans/[code]/beneficiaries/[reference]",
    url: "/benefit-plans/NO-SUCH-PLAN/beneficiaries/7KQ2M9X",
    allowed: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"],
    allowedStatus: 404,
  },
  // Enrolment files: whoever sees the plan sees them; only plan managers upload and decide.
  {
    pattern: "/benefit-plans/[code]/uploads",
    url: "/benefit-plans/NO-SUCH-PLAN/uploads",
    allowed: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"],
    allowedStatus: 404,
  },
  {
    pattern: "/benefit-plans/[code]/uploads/[id]",
    url: "/benefit-plans/NO-SUCH-PLAN/uploads/5d3c1b2a-9e8f-4a7b-8c6d-5e4f3a2b1c0d",
    allowed: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"],
    allowedStatus: 404,
  },
  // Payment points: a random id gets the roles allowed past the check to "not found". A point's payroll
  // page admits every role and then the point decides: its manager, whatever their role, besides those
  // who see payment points (tests/plans/payment-points-access.test.ts).
  { pattern: "/payment-points", url: "/payment-points", allowed: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"] },
  { pattern: "/payment-points/new", url: "/payment-points/new", allowed: ["PLAN_MANAGER"] },
  {
    pattern: "/payment-points/[id]",
    url: "/payment-points/4a7c9e1b-3d5f-4b2a-8c6e-9f1a3b5c7d9e",
    allowed: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"],
    allowedStatus: 404,
  },
  {
    pattern: "/payment-points/[id]/edit",
    url: "/payment-points/4a7c9e1b-3d5f-4b2a-8c6e-9f1a3b5c7d9e/edit",
    allowed: ["PLAN_MANAGER"],
    allowedStatus: 404,
  },
  {
    pattern: "/payment-points/[id]/payroll",
    url: "/payment-points/4a7c9e1b-3d5f-4b2a-8c6e-9f1a3b5c7d9e/payroll",
    allowed: EVERY_ROLE,
    allowedStatus: 404,
  },
  { pattern: "/payment-cycles", url: "/payment-cycles", allowed: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"] },
  {
    pattern: "/payment-cycles/[id]",
    url: "/payment-cycles/8e2f6a4c-1b3d-4c5e-9f7a-2b4c6d8e0f13",
    allowed: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"],
    allowedStatus: 404,
  },
  // The person page: a random id gets caseworkers and admins past the check to "not found".
  {
    pattern: "/claimants/[id]",
    url: "/claimants/1e5d7c9b-3a2f-4e6d-8b1c-9a0f2e4d6c8b",
    allowed: ["CASEWORKER", "ADMIN"],
    allowedStatus: 404,
  },
  {
    pattern: "/claimants/[id]/subject-access",
    url: "/claimants/1e5d7c9b-3a2f-4e6d-8b1c-9a0f2e4d6c8b/subject-access",
    allowed: ["ADMIN"],
    allowedStatus: 404,
  },
  {
    pattern: "/payment-cycles/[id]/reconciliation",
    url: "/payment-cycles/8e2f6a4c-1b3d-4c5e-9f7a-2b4c6d8e0f13/reconciliation",
    allowed: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"],
    allowedStatus: 404,
  },
  // Finance visibility: every member of staff finds a payment and sees its journey and the dashboards.
  { pattern: "/payments", url: "/payments", allowed: EVERY_ROLE },
  {
    pattern: "/payments/[key]",
    url: "/payments/9d3c1e7a-4b2f-4a6e-8c1d-2e3f4a5b6c7d",
    allowed: EVERY_ROLE,
    allowedStatus: 404,
  },
  { pattern: "/dashboards", url: "/dashboards", allowed: EVERY_ROLE },
];

export type RouteExpectation = {
  pattern: string;
  method: "GET" | "POST";
  url: string;
  /**
   * "public": anyone; "auth": next-auth's own endpoints; "api-token": the intake API, 401 for
   * every staff session and signed out (it takes a bearer API token, tested in tests/api);
   * "cron": scheduled jobs, 401 to everyone without the cron bearer secret (tested in tests/cron);
   * roles: 401 signed out, 403 without the role.
   */
  allowed: Role[] | "public" | "auth" | "api-token" | "cron";
  /** What the allowed roles get when the URL names nothing that exists (default 200). */
  allowedStatus?: number;
};

export const expectedRoutes: RouteExpectation[] = [
  // Finance exports: the payments a search finds (any filter; none is every payment), a batch's
  // reconciliation (a random id gets the allowed roles past the check to "not found").
  {
    pattern: "/api/payments/export.csv",
    method: "GET",
    url: "/api/payments/export.csv",
    allowed: ["SSCL_FINANCE", "ACCOUNTANT", "ADMIN"],
  },
  {
    pattern: "/api/batches/[id]/reconciliation.csv",
    method: "GET",
    url: "/api/batches/6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b/reconciliation.csv",
    allowed: ["SSCL_FINANCE", "ADMIN"],
    allowedStatus: 404,
  },
  { pattern: "/api/health", method: "GET", url: "/api/health", allowed: "public" },
  { pattern: "/api/auth/[...nextauth]", method: "GET", url: "/api/auth/session", allowed: "auth" },
  // "Stay signed in" on the idle warning: any signed-in role, 401 signed out.
  {
    pattern: "/api/session",
    method: "POST",
    url: "/api/session",
    allowed: ["CASEWORKER", "SSCL_FINANCE", "ACCOUNTANT", "PLAN_MANAGER", "ADMIN"],
  },
  { pattern: "/api/claims", method: "POST", url: "/api/claims", allowed: "api-token" },
  { pattern: "/api/cron/direct-payments", method: "GET", url: "/api/cron/direct-payments", allowed: "cron" },
  { pattern: "/api/cron/payout-payments", method: "GET", url: "/api/cron/payout-payments", allowed: "cron" },
  { pattern: "/api/cron/payout-inbox", method: "GET", url: "/api/cron/payout-inbox", allowed: "cron" },
  { pattern: "/api/cron/send-messages", method: "GET", url: "/api/cron/send-messages", allowed: "cron" },
  { pattern: "/api/cron/retention", method: "GET", url: "/api/cron/retention", allowed: "cron" },
  // One person's data as a zip: admins get past the check to "not found" for a random id.
  {
    pattern: "/api/claimants/[id]/subject-access.zip",
    method: "GET",
    url: "/api/claimants/1e5d7c9b-3a2f-4e6d-8b1c-9a0f2e4d6c8b/subject-access.zip",
    allowed: ["ADMIN"],
    allowedStatus: 404,
  },
  {
    pattern: "/api/outbox/[notificationId]/pdf",
    method: "GET",
    url: "/api/outbox/3c2b8f0e-7d4a-4e21-9b6f-5a1d0c9e8f74/pdf",
    allowed: ["ADMIN"],
    allowedStatus: 404,
  },
  {
    pattern: "/api/claims/[reference]/responses",
    method: "POST",
    url: "/api/claims/{claimReference}/responses",
    allowed: "api-token",
  },
  // Evidence documents (docs/documents.md): the online service posts them with its token; caseworkers
  // attach them (a form with no file gets them past the check to 400); a random id gets caseworkers
  // and admins past the check to "not found" (tests/documents/document-routes.test.ts).
  {
    pattern: "/api/claims/[reference]/documents",
    method: "POST",
    url: "/api/claims/{claimReference}/documents",
    allowed: "api-token",
  },
  {
    pattern: "/api/claims/[reference]/documents/attach",
    method: "POST",
    url: "/api/claims/{claimReference}/documents/attach",
    allowed: ["CASEWORKER"],
    allowedStatus: 400,
  },
  {
    pattern: "/api/claims/[reference]/documents/[documentId]",
    method: "GET",
    url: "/api/claims/{claimReference}/documents/6f1c1f36-5a43-4f3e-9d55-3c0a8d1f2b11",
    allowed: ["CASEWORKER", "ADMIN"],
    allowedStatus: 404,
  },
  // Random ids: the roles allowed get past the check to "not found"; the rest never learn that much.
  {
    pattern: "/api/files/[fileId]",
    method: "GET",
    url: "/api/files/6f1c1f36-5a43-4f3e-9d55-3c0a8d1f2b11",
    allowed: ["SSCL_FINANCE", "ADMIN"],
    allowedStatus: 404,
  },
  {
    pattern: "/api/uploads/[uploadId]/error-report",
    method: "GET",
    url: "/api/uploads/0d9b9a3e-8f64-4a55-b1d8-2f0c6f7e9a20/error-report",
    // Caseworkers: only for the Payout return files they upload (tests/payout/pages-error-report-access.test.ts);
    // plan managers and accountants: only for enrolment files (tests/plans/enrolment-file-route.test.ts).
    allowed: ["CASEWORKER", "SSCL_FINANCE", "ACCOUNTANT", "PLAN_MANAGER", "ADMIN"],
    allowedStatus: 404,
  },
  // A cycle's payroll CSV and PDF report; a point's manager of any role also exports the point's
  // payroll with ?point= (tests/plans/payroll-export.test.ts).
  {
    pattern: "/api/payment-cycles/[id]/payroll.csv",
    method: "GET",
    url: "/api/payment-cycles/8e2f6a4c-1b3d-4c5e-9f7a-2b4c6d8e0f13/payroll.csv",
    allowed: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"],
    allowedStatus: 404,
  },
  {
    pattern: "/api/payment-cycles/[id]/payroll.pdf",
    method: "GET",
    url: "/api/payment-cycles/8e2f6a4c-1b3d-4c5e-9f7a-2b4c6d8e0f13/payroll.pdf",
    allowed: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"],
    allowedStatus: 404,
  },
  // Uploads stream in as a form post. A body with no file in it: the roles allowed get past the
  // check to 400 "Choose a file to upload" (and a refused attempt on record); the rest never do.
  {
    pattern: "/api/uploads/failed-payments",
    method: "POST",
    url: "/api/uploads/failed-payments",
    allowed: ["SSCL_FINANCE", "ADMIN"],
    allowedStatus: 400,
  },
  {
    pattern: "/api/uploads/bank-holidays",
    method: "POST",
    url: "/api/uploads/bank-holidays",
    allowed: ["ADMIN"],
    allowedStatus: 400,
  },
  {
    pattern: "/api/uploads/payout-payment-codes",
    method: "POST",
    url: "/api/uploads/payout-payment-codes",
    allowed: ["CASEWORKER"],
    allowedStatus: 400,
  },
  {
    pattern: "/api/uploads/payout-reconciliation",
    method: "POST",
    url: "/api/uploads/payout-reconciliation",
    allowed: ["CASEWORKER"],
    allowedStatus: 400,
  },
  // An enrolment file names its plan: plan managers get past the check to "no such plan".
  {
    pattern: "/api/uploads/enrolment",
    method: "POST",
    url: "/api/uploads/enrolment?plan=NO-SUCH-PLAN",
    allowed: ["PLAN_MANAGER"],
    allowedStatus: 404,
  },
];

export type ActionExpectation = { file: string; name: string; allowed: Role[] | "public" | "self" };

export const expectedActions: ActionExpectation[] = [
  { file: "app/(auth)/login/actions.ts", name: "signInAction", allowed: "public" },
  { file: "app/(auth)/activate/[token]/actions.ts", name: "activateAccountAction", allowed: "public" },
  { file: "app/sign-out-action.ts", name: "signOutAction", allowed: "self" },
  { file: "app/(portal)/account/password/actions.ts", name: "changeOwnPasswordAction", allowed: EVERY_ROLE },
  { file: "app/(portal)/admin/users/actions.ts", name: "createUserAction", allowed: ["ADMIN"] },
  { file: "app/(portal)/admin/users/actions.ts", name: "changeUserRoleAction", allowed: ["ADMIN"] },
  { file: "app/(portal)/admin/users/actions.ts", name: "setUserDisabledAction", allowed: ["ADMIN"] },
  { file: "app/(portal)/admin/users/actions.ts", name: "unlockUserAction", allowed: ["ADMIN"] },
  { file: "app/(portal)/admin/users/actions.ts", name: "resetUserPasswordAction", allowed: ["ADMIN"] },
  { file: "app/(portal)/admin/approvals/actions.ts", name: "decideRoleGrantAction", allowed: ["ADMIN"] },
  { file: "app/(portal)/admin/approvals/actions.ts", name: "withdrawRoleGrantAction", allowed: ["ADMIN"] },
  { file: "app/(portal)/admin/approvals/actions.ts", name: "decideBatchActionAction", allowed: ["ADMIN"] },
  { file: "app/(portal)/admin/approvals/actions.ts", name: "withdrawBatchActionAction", allowed: ["ADMIN"] },
  { file: "app/(portal)/claims/[reference]/actions.ts", name: "assignClaimAction", allowed: ["CASEWORKER"] },
  { file: "app/(portal)/claims/[reference]/actions.ts", name: "decideClaimAction", allowed: ["CASEWORKER"] },
  { file: "app/(portal)/claims/[reference]/actions.ts", name: "secondApproveClaimAction", allowed: ["CASEWORKER"] },
  { file: "app/(portal)/claims/[reference]/actions.ts", name: "returnClaimAction", allowed: ["CASEWORKER"] },
  { file: "app/(portal)/claims/[reference]/actions.ts", name: "rejectClaimAction", allowed: ["CASEWORKER"] },
  { file: "app/(portal)/claims/[reference]/actions.ts", name: "requestInformationAction", allowed: ["CASEWORKER"] },
  { file: "app/(portal)/claims/[reference]/actions.ts", name: "recordResponseAction", allowed: ["CASEWORKER"] },
  { file: "app/(portal)/claims/[reference]/actions.ts", name: "cancelPaymentAction", allowed: ["CASEWORKER"] },
  { file: "app/(portal)/claims/[reference]/actions.ts", name: "proposeBankDetailsAction", allowed: ["CASEWORKER"] },
  { file: "app/(portal)/claims/[reference]/actions.ts", name: "decideBankDetailsChangeAction", allowed: ["CASEWORKER"] },
  { file: "app/(portal)/claims/[reference]/person-actions.ts", name: "linkPossibleMatchAction", allowed: ["CASEWORKER"] },
  { file: "app/(portal)/claims/[reference]/person-actions.ts", name: "dismissPossibleMatchAction", allowed: ["CASEWORKER"] },
  { file: "app/(portal)/claims/[reference]/person-actions.ts", name: "proposePersonDetailsAction", allowed: ["CASEWORKER"] },
  { file: "app/(portal)/claims/[reference]/person-actions.ts", name: "decidePersonDetailsChangeAction", allowed: ["CASEWORKER"] },
  { file: "app/(portal)/claims/new/actions.ts", name: "keyInClaimAction", allowed: ["CASEWORKER"] },
  { file: "app/(portal)/runs/actions.ts", name: "runNowAction", allowed: ["SSCL_FINANCE", "ADMIN"] },
  { file: "app/(portal)/runs/actions.ts", name: "runPayoutNowAction", allowed: ["SSCL_FINANCE", "ADMIN"] },
  { file: "app/(portal)/runs/actions.ts", name: "retryRunAction", allowed: ["ADMIN"] },
  { file: "app/(portal)/runs/alert-actions.ts", name: "resolveAlertAction", allowed: ["ADMIN"] },
  { file: "app/(portal)/bank-admin/actions.ts", name: "voidBatchAction", allowed: ["ADMIN"] },
  { file: "app/(portal)/claims/[reference]/actions.ts", name: "reissuePaymentAction", allowed: ["CASEWORKER"] },
  { file: "app/(portal)/claims/[reference]/actions.ts", name: "reissueVoucherAction", allowed: ["CASEWORKER"] },
  { file: "app/(portal)/claims/[reference]/note-actions.ts", name: "addCaseNoteAction", allowed: ["CASEWORKER"] },
  { file: "app/(portal)/payout/batches/[id]/actions.ts", name: "retryPayoutDeliveryAction", allowed: ["ADMIN"] },
  { file: "app/(portal)/payout/batches/[id]/actions.ts", name: "settleUncertainDeliveryAction", allowed: ["ADMIN"] },
  { file: "app/(portal)/payout/batches/[id]/actions.ts", name: "returnPayoutBatchAction", allowed: ["ADMIN"] },
  { file: "app/(portal)/payout/uploads/[id]/actions.ts", name: "settleVoucherStatusAction", allowed: ["ADMIN"] },
  { file: "app/(portal)/admin/api-tokens/actions.ts", name: "createApiTokenAction", allowed: ["ADMIN"] },
  { file: "app/(portal)/admin/api-tokens/actions.ts", name: "revokeApiTokenAction", allowed: ["ADMIN"] },
  { file: "app/(portal)/payment-plans/actions.ts", name: "createPaymentPlanAction", allowed: ["PLAN_MANAGER"] },
  { file: "app/(portal)/payment-plans/actions.ts", name: "changePaymentPlanAction", allowed: ["PLAN_MANAGER"] },
  { file: "app/(portal)/benefit-plans/actions.ts", name: "createBenefitPlanAction", allowed: ["PLAN_MANAGER"] },
  { file: "app/(portal)/benefit-plans/actions.ts", name: "changeBenefitPlanAction", allowed: ["PLAN_MANAGER"] },
  { file: "app/(portal)/benefit-plans/[code]/enrol/actions.ts", name: "enrolBeneficiaryAction", allowed: ["PLAN_MANAGER"] },
  {
    file: "app/(portal)/benefit-plans/[code]/beneficiaries/[reference]/actions.ts",
    name: "changeBeneficiaryAttributesAction",
    allowed: ["PLAN_MANAGER"],
  },
  {
    file: "app/(portal)/benefit-plans/[code]/beneficiaries/[reference]/actions.ts",
    name: "endEnrolmentAction",
    allowed: ["PLAN_MANAGER"],
  },
  {
    file: "app/(portal)/benefit-plans/[code]/beneficiaries/[reference]/actions.ts",
    name: "proposeBeneficiaryBankDetailsAction",
    allowed: ["PLAN_MANAGER"],
  },
  {
    file: "app/(portal)/benefit-plans/[code]/beneficiaries/[reference]/actions.ts",
    name: "decideBeneficiaryBankDetailsAction",
    allowed: ["PLAN_MANAGER"],
  },
  {
    file: "app/(portal)/benefit-plans/[code]/beneficiaries/[reference]/actions.ts",
    name: "proposePaymentMethodAction",
    allowed: ["PLAN_MANAGER"],
  },
  {
    file: "app/(portal)/benefit-plans/[code]/beneficiaries/[reference]/actions.ts",
    name: "decidePaymentMethodAction",
    allowed: ["PLAN_MANAGER"],
  },
  {
    file: "app/(portal)/benefit-plans/[code]/uploads/[id]/actions.ts",
    name: "decideEnrolmentFileChangesAction",
    allowed: ["PLAN_MANAGER"],
  },
  { file: "app/(portal)/payment-points/actions.ts", name: "createPaymentPointAction", allowed: ["PLAN_MANAGER"] },
  { file: "app/(portal)/payment-points/actions.ts", name: "changePaymentPointAction", allowed: ["PLAN_MANAGER"] },
  { file: "app/(portal)/payment-cycles/actions.ts", name: "createCycleAction", allowed: ["ACCOUNTANT"] },
  { file: "app/(portal)/payment-cycles/[id]/actions.ts", name: "decideSuspendedPaymentsAction", allowed: ["ACCOUNTANT"] },
  { file: "app/(portal)/payment-cycles/[id]/actions.ts", name: "approveCycleAction", allowed: ["ACCOUNTANT"] },
  { file: "app/(portal)/payment-cycles/[id]/actions.ts", name: "rejectCycleAction", allowed: ["ACCOUNTANT"] },
  { file: "app/(portal)/payment-cycles/[id]/actions.ts", name: "rebuildPayrollAction", allowed: ["ACCOUNTANT"] },
  {
    file: "app/(portal)/payment-cycles/[id]/reconciliation/actions.ts",
    name: "reconcileCycleAction",
    allowed: ["ACCOUNTANT"],
  },
];
