import type { UploadKind } from "@/lib/generated/prisma/enums";
import { ALL_ROLES, type Role } from "./roles";

// The one table of who may use what (docs/domain.md#roles-and-access). Pages, actions and routes
// look their entry up here; the navigation, the 403 page and the access-matrix tests read it too,
// so a rule is written once.

export type PageRule = {
  /** Route pattern as in app/, e.g. "/claims/[reference]". */
  pattern: string;
  roles: readonly Role[];
  /** Shown in the navigation when set. */
  nav?: string;
};

export const pages = {
  home: { pattern: "/", roles: ALL_ROLES },
  account: { pattern: "/account", roles: ALL_ROLES },
  changePassword: { pattern: "/account/password", roles: ALL_ROLES },
  claims: { pattern: "/claims", roles: ["CASEWORKER", "ADMIN"], nav: "Claims" },
  // Keying in is deciding work: caseworkers only (admins look, but do not act on claims).
  claimNew: { pattern: "/claims/new", roles: ["CASEWORKER"] },
  claim: { pattern: "/claims/[reference]", roles: ["CASEWORKER", "ADMIN"] },
  bankAdmin: { pattern: "/bank-admin", roles: ["SSCL_FINANCE", "ADMIN"], nav: "Bank admin" },
  runs: { pattern: "/runs", roles: ["SSCL_FINANCE", "ADMIN"], nav: "Runs" },
  // Payout: caseworkers upload the Post Office's files and work the expired-voucher queue; SSCL
  // finance and admins see the batches they run (docs/domain.md#payout-pages).
  payout: { pattern: "/payout", roles: ["CASEWORKER", "SSCL_FINANCE", "ADMIN"], nav: "Payout" },
  payoutBatch: { pattern: "/payout/batches/[id]", roles: ["CASEWORKER", "SSCL_FINANCE", "ADMIN"] },
  payoutUpload: { pattern: "/payout/uploads/[id]", roles: ["CASEWORKER", "SSCL_FINANCE", "ADMIN"] },
  adminUsers: { pattern: "/admin/users", roles: ["ADMIN"], nav: "Users" },
  adminUser: { pattern: "/admin/users/[id]", roles: ["ADMIN"] },
  // What waits for a second admin: role grants (new accounts too), voids of downloaded batches and
  // returns of delivered Payout batches (docs/security.md#two-people-for-every-money-move).
  adminApprovals: { pattern: "/admin/approvals", roles: ["ADMIN"], nav: "Approvals" },
  adminApiTokens: { pattern: "/admin/api-tokens", roles: ["ADMIN"], nav: "API tokens" },
  outbox: { pattern: "/outbox", roles: ["ADMIN"], nav: "Outbox" },
  adminBankHolidays: { pattern: "/admin/bank-holidays", roles: ["ADMIN"], nav: "Bank holidays" },
  // Payment plans: accountants and admins look; plan managers create and change them
  // (docs/plans.md#payment-plans-and-their-versions). "new" before "[id]": the first pattern that matches wins.
  paymentPlans: { pattern: "/payment-plans", roles: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"], nav: "Payment plans" },
  paymentPlanNew: { pattern: "/payment-plans/new", roles: ["PLAN_MANAGER"] },
  paymentPlan: { pattern: "/payment-plans/[id]", roles: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"] },
  paymentPlanEdit: { pattern: "/payment-plans/[id]/edit", roles: ["PLAN_MANAGER"] },
  // Benefit plans and their beneficiaries: accountants and admins look; plan managers create and
  // change them, and a second plan manager approves bank details and payment methods
  // (docs/plans.md#benefit-plans-and-beneficiaries). "new" before "[code]": the first match wins.
  benefitPlans: { pattern: "/benefit-plans", roles: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"], nav: "Benefit plans" },
  benefitPlanNew: { pattern: "/benefit-plans/new", roles: ["PLAN_MANAGER"] },
  benefitPlan: { pattern: "/benefit-plans/[code]", roles: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"] },
  benefitPlanEdit: { pattern: "/benefit-plans/[code]/edit", roles: ["PLAN_MANAGER"] },
  benefitPlanEnrol: { pattern: "/benefit-plans/[code]/enrol", roles: ["PLAN_MANAGER"] },
  beneficiary: {
    pattern: "/benefit-plans/[code]/beneficiaries/[reference]",
    roles: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"],
  },
  // Enrolment files (docs/enrolment-file.md): plan managers upload; everyone who sees the plan sees them.
  benefitPlanUploads: { pattern: "/benefit-plans/[code]/uploads", roles: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"] },
  benefitPlanUpload: {
    pattern: "/benefit-plans/[code]/uploads/[id]",
    roles: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"],
  },
  // Payment points (docs/payment-points.md): plan managers create and change them; accountants and
  // admins look. A point's payroll is also open to the point's manager, whatever their role: the
  // page admits every role and then applies mayViewPointPayroll (lib/plans/payment-points/point-access.ts).
  paymentPoints: { pattern: "/payment-points", roles: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"], nav: "Payment points" },
  paymentPointNew: { pattern: "/payment-points/new", roles: ["PLAN_MANAGER"] },
  paymentPoint: { pattern: "/payment-points/[id]", roles: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"] },
  paymentPointEdit: { pattern: "/payment-points/[id]/edit", roles: ["PLAN_MANAGER"] },
  paymentPointPayroll: { pattern: "/payment-points/[id]/payroll", roles: ALL_ROLES },
  // Payment cycles: accountants create and decide them; plan managers and admins look
  // (docs/plans.md#payment-cycles).
  paymentCycles: { pattern: "/payment-cycles", roles: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"], nav: "Payment cycles" },
  paymentCycle: { pattern: "/payment-cycles/[id]", roles: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"] },
  // A person's page (docs/people.md): details, claims, payments, correspondence. Who may
  // see claims may see the person; admins look only.
  claimant: { pattern: "/claimants/[id]", roles: ["CASEWORKER", "ADMIN"] },
  // Subject-access export of one person's data (docs/security.md#personal-data-over-time): admins.
  claimantSubjectAccess: { pattern: "/claimants/[id]/subject-access", roles: ["ADMIN"] },
  paymentCycleReconciliation: {
    pattern: "/payment-cycles/[id]/reconciliation",
    roles: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"],
  },
  // Finance visibility (docs/payment-journey.md): every member of staff can answer "where is this
  // payment?". The search lists what matches; one match opens its journey. Bank details are masked
  // for everyone; the claim and person links show only to the roles that may open those pages.
  payments: { pattern: "/payments", roles: ALL_ROLES, nav: "Payments" },
  payment: { pattern: "/payments/[key]", roles: ALL_ROLES },
  // Charts with table alternatives (docs/dashboards.md); each role sees the charts of its work.
  dashboards: { pattern: "/dashboards", roles: ALL_ROLES, nav: "Dashboards" },
} as const satisfies Record<string, PageRule>;

export type PageKey = keyof typeof pages;

export const actions = {
  changeOwnPassword: ALL_ROLES,
  createUser: ["ADMIN"],
  changeUserRole: ["ADMIN"],
  setUserDisabled: ["ADMIN"],
  unlockUser: ["ADMIN"],
  resetUserPassword: ["ADMIN"],
  // Claims: caseworkers only; admins can look but not decide (separation of duties).
  assignClaim: ["CASEWORKER"],
  decideClaim: ["CASEWORKER"],
  rejectClaim: ["CASEWORKER"],
  requestInformation: ["CASEWORKER"],
  recordResponse: ["CASEWORKER"],
  keyInClaim: ["CASEWORKER"],
  cancelPayment: ["CASEWORKER"],
  reissuePayment: ["CASEWORKER"],
  reissueVoucher: ["CASEWORKER"],
  proposeBankDetails: ["CASEWORKER"],
  decideBankDetailsChange: ["CASEWORKER"],
  runNow: ["SSCL_FINANCE", "ADMIN"],
  runPayoutNow: ["SSCL_FINANCE", "ADMIN"],
  // Retrying a failed run is an admin's call: it may send payments an earlier attempt selected.
  retryRun: ["ADMIN"],
  // Voiding puts sent payments back in the queue: an admin's decision, never the downloader's.
  voidBatch: ["ADMIN"],
  // Payout batches (docs/domain.md#payout-pages): resending a file, settling a delivery nobody can
  // be sure of, and returning vouchers to the queue are admins' decisions; so is overriding a
  // voucher's recorded outcome with the Post Office's.
  retryPayoutDelivery: ["ADMIN"],
  settleUncertainDelivery: ["ADMIN"],
  returnPayoutBatch: ["ADMIN"],
  settleVoucherStatus: ["ADMIN"],
  // Marking an alert dealt with takes it off /runs for everyone: an admin's call.
  resolveAlert: ["ADMIN"],
  createApiToken: ["ADMIN"],
  revokeApiToken: ["ADMIN"],
  createPaymentPlan: ["PLAN_MANAGER"],
  changePaymentPlan: ["PLAN_MANAGER"],
  // Benefit plans (docs/plans.md#benefit-plans-and-beneficiaries): plan managers only; the
  // decisions refuse whoever proposed the change (four eyes).
  createBenefitPlan: ["PLAN_MANAGER"],
  changeBenefitPlan: ["PLAN_MANAGER"],
  enrolBeneficiary: ["PLAN_MANAGER"],
  changeBeneficiaryAttributes: ["PLAN_MANAGER"],
  endEnrolment: ["PLAN_MANAGER"],
  proposeBeneficiaryBankDetails: ["PLAN_MANAGER"],
  decideBeneficiaryBankDetails: ["PLAN_MANAGER"],
  proposePaymentMethod: ["PLAN_MANAGER"],
  decidePaymentMethod: ["PLAN_MANAGER"],
  // Payment cycles (docs/plans.md#maker-checker): accountants only; approving or rejecting a cycle
  // is also refused to its makers (whoever built it or approved a suspended payment in it).
  createCycle: ["ACCOUNTANT"],
  decideSuspendedPayments: ["ACCOUNTANT"],
  approveCycle: ["ACCOUNTANT"],
  rejectCycle: ["ACCOUNTANT"],
  rebuildPayroll: ["ACCOUNTANT"],
  // Two people for every money move (docs/security.md#two-people-for-every-money-move): a second
  // admin approves role grants and voids or returns of batches already downloaded or delivered; a
  // second caseworker approves a claim above the threshold (neither its first approver nor its keyer).
  decideRoleGrant: ["ADMIN"],
  withdrawRoleGrant: ["ADMIN"],
  decideBatchAction: ["ADMIN"],
  withdrawBatchAction: ["ADMIN"],
  secondApproveClaim: ["CASEWORKER"],
  returnClaim: ["CASEWORKER"],
  // Closing a cycle whose payments are all settled (docs/cycle-reconciliation.md).
  reconcileCycle: ["ACCOUNTANT"],
  // Payment points (docs/payment-points.md).
  createPaymentPoint: ["PLAN_MANAGER"],
  changePaymentPoint: ["PLAN_MANAGER"],
  // An enrolment file's proposed bank details and payment methods, decided together by a second
  // plan manager (never the uploader) (docs/enrolment-file.md).
  decideEnrolmentFileChanges: ["PLAN_MANAGER"],
  // Caseworkers' work on a claim and its person: case notes, linking a possible match (an audited
  // merge), and a change of name or postal address that a second caseworker (never its maker)
  // approves, since it can redirect cash (docs/people.md, docs/caseworker-queue.md). Evidence
  // documents stream in through a route (routes.attachClaimDocument, docs/documents.md).
  addCaseNote: ["CASEWORKER"],
  linkPossibleMatch: ["CASEWORKER"],
  dismissPossibleMatch: ["CASEWORKER"],
  proposePersonDetails: ["CASEWORKER"],
  decidePersonDetailsChange: ["CASEWORKER"],
} as const satisfies Record<string, readonly Role[]>;

/** Route handlers that serve staff (not the intake API or cron): who may call them. */
export const routes = {
  // "Stay signed in" on the idle warning (components/idle-warning.tsx).
  session: ALL_ROLES,
  fileDownload: ["SSCL_FINANCE", "ADMIN"],
  // A caseworker only for the uploads a caseworker makes (the Payout return files), a plan manager or
  // accountant only for enrolment files: see mayDownloadErrorReport below, which the route applies
  // once it knows the upload's kind.
  uploadErrorReport: ["CASEWORKER", "SSCL_FINANCE", "ACCOUNTANT", "PLAN_MANAGER", "ADMIN"],
  // Uploads are route handlers, not server actions: the file streams in (app/api/uploads/upload-handler.ts).
  uploadFailedPayments: ["SSCL_FINANCE", "ADMIN"],
  uploadBankHolidays: ["ADMIN"],
  // A queued letter, or the voucher an email links to, as the PDF the sender hands to Notify (/outbox).
  outboxPdf: ["ADMIN"],
  // The Post Office's return files: caseworkers only (docs/domain.md#roles-and-access).
  uploadPayoutPaymentCodes: ["CASEWORKER"],
  uploadPayoutReconciliation: ["CASEWORKER"],
  // Enrolment files: plan managers (docs/enrolment-file.md).
  uploadEnrolment: ["PLAN_MANAGER"],
  // A cycle's payroll as CSV and its PDF report: whoever may see the cycle; a point's payroll also
  // its manager, whatever their role (the route applies mayViewPointPayroll).
  payrollExport: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"],
  payrollReport: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"],
  // An evidence document's bytes (shown inline on the claim page): whoever may open the claim; audited.
  claimDocument: ["CASEWORKER", "ADMIN"],
  // A caseworker attaching one from the claim page: a route, not an action, so the file streams in (docs/documents.md).
  attachClaimDocument: ["CASEWORKER"],
  // One person's data as a zip (UK GDPR subject access): admins; audited.
  subjectAccessExport: ["ADMIN"],
  // Finance exports (docs/payment-search.md#the-csv-export, docs/batch-reconciliation.md#the-csv-export): the payments a search's filters find, and one batch's
  // reconciliation, as formula-safe CSV streamed from the database.
  paymentsExport: ["SSCL_FINANCE", "ACCOUNTANT", "ADMIN"],
  batchReconciliationExport: ["SSCL_FINANCE", "ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

/**
 * The support CLI's commands (`npm run ops -- <command> --as <email>`, docs/support-cli.md): the
 * user named by --as must exist, be enabled and hold one of these roles. The same rules as the web
 * where the web has the action.
 */
export const opsCommands = {
  "run-now": ["SSCL_FINANCE", "ADMIN"],
  "retry-delivery": ["ADMIN"],
  // The file's kind decides further: the roles that may upload that kind on the web (uploaderRolesFor).
  "import-file": ["CASEWORKER", "SSCL_FINANCE", "PLAN_MANAGER", "ADMIN"],
  journey: ALL_ROLES,
  "rotate-bank-key": ["ADMIN"],
  "stuck-runs": ["SSCL_FINANCE", "ADMIN"],
  "undelivered-batches": ["SSCL_FINANCE", "ADMIN"],
} as const satisfies Record<string, readonly Role[]>;

export type OpsCommandName = keyof typeof opsCommands;

export type ActionKey = keyof typeof actions;

/** Who uploads each kind of file, by its route's rule (a kind not listed: nobody more). */
const uploaderRoles: Partial<Record<UploadKind, readonly Role[]>> = {
  SSCL_FAILED_PAYMENTS: routes.uploadFailedPayments,
  PAYOUT_PAYMENT_CODES: routes.uploadPayoutPaymentCodes,
  PAYOUT_RECONCILIATION: routes.uploadPayoutReconciliation,
  BANK_HOLIDAYS: routes.uploadBankHolidays,
  ENROLMENT: routes.uploadEnrolment,
};

/**
 * An upload's error report (the file's rows again) goes to whoever may make an upload of that kind
 * and to whoever sees that kind's uploads on their page: SSCL finance the failed-payments and
 * Payout files, never an admin's bank holidays or a plan's enrolment file (docs/security.md#input).
 */
const reportReaderRoles: Record<UploadKind, readonly Role[]> = {
  SSCL_FAILED_PAYMENTS: pages.bankAdmin.roles,
  PAYOUT_PAYMENT_CODES: pages.payoutUpload.roles,
  PAYOUT_RECONCILIATION: pages.payoutUpload.roles,
  BANK_HOLIDAYS: pages.adminBankHolidays.roles,
  ENROLMENT: pages.benefitPlanUpload.roles,
};

/** Who may upload a file of this kind (the web's upload routes; the CLI's import-file follows them). */
export function uploaderRolesFor(kind: UploadKind): readonly Role[] {
  return uploaderRoles[kind] ?? [];
}

export function mayDownloadErrorReport(kind: UploadKind, role: Role): boolean {
  return mayUse(reportReaderRoles[kind] ?? [], role) || mayUse(uploaderRoles[kind] ?? [], role);
}

export function mayUse(roles: readonly Role[], role: Role): boolean {
  return roles.includes(role);
}

/** Matches a concrete path against the page patterns; dynamic segments match one segment. */
export function pageRuleForPath(pathname: string): PageRule | undefined {
  const parts = pathname.split("?")[0].split("/").filter(Boolean);
  return Object.values(pages).find((rule: PageRule) => {
    const pattern = rule.pattern.split("/").filter(Boolean);
    return pattern.length === parts.length && pattern.every((p, i) => p.startsWith("[") || p === parts[i]);
  });
}

export function navigationFor(role: Role): { href: string; label: string }[] {
  return Object.values(pages)
    .filter((rule: PageRule) => rule.nav && mayUse(rule.roles, role))
    .map((rule: PageRule) => ({ href: rule.pattern, label: rule.nav! }));
}
