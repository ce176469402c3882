import { pages, type PageKey } from "@/lib/auth/access";
import type { Role } from "@/lib/auth/roles";

// What each role can do, as the home page tells it. A section links to its page once that page
// exists in the access table; until then it describes what is coming.
type Section = { title: string; description: string; page?: PageKey; roles: readonly Role[] };

const sections: Section[] = [
  {
    title: "Claims",
    description: "Find, review and decide claims; approval creates a payment.",
    page: "claims",
    roles: ["CASEWORKER", "ADMIN"],
  },
  {
    title: "Key in a claim",
    description: "Enter a claim for someone who cannot use the online service (assisted digital).",
    page: "claimNew",
    roles: ["CASEWORKER"],
  },
  {
    title: "Bank admin",
    description: "Download AccessPay files and ADI journals, and upload failed payments.",
    page: "bankAdmin",
    roles: ["SSCL_FINANCE", "ADMIN"],
  },
  {
    title: "Runs",
    description: "The history of payment runs, and Run now when a payment file is needed before the schedule.",
    page: "runs",
    roles: ["SSCL_FINANCE", "ADMIN"],
  },
  {
    title: "Payout",
    description:
      "Post Office cash vouchers: the batches sent, the payment-code and reconciliation uploads, and expired vouchers to reissue.",
    page: "payout",
    roles: ["CASEWORKER", "SSCL_FINANCE", "ADMIN"],
  },
  {
    title: "Benefit plans",
    description:
      "Benefit plans and their beneficiaries: enrol people, record their details, and approve bank details and payment methods (never your own).",
    page: "benefitPlans",
    roles: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"],
  },
  {
    title: "Payment cycles",
    description: "Review each cycle's payroll and approve it (never your own).",
    page: "paymentCycles",
    roles: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"],
  },
  {
    title: "Payment plans",
    description: "How much each beneficiary is paid per period: flat and conditional amounts, ceilings and limits, in versions.",
    page: "paymentPlans",
    roles: ["ACCOUNTANT", "PLAN_MANAGER", "ADMIN"],
  },
  {
    title: "Users",
    description: "Create users, change roles, unlock and disable accounts.",
    page: "adminUsers",
    roles: ["ADMIN"],
  },
  {
    title: "API tokens",
    description: "Create and revoke the tokens the online service uses to send claims.",
    page: "adminApiTokens",
    roles: ["ADMIN"],
  },
  {
    title: "Bank holidays",
    description: "The England and Wales calendar that working days count from; upload a replacement.",
    page: "adminBankHolidays",
    roles: ["ADMIN"],
  },
  {
    title: "Outbox",
    description: "Messages to claimants waiting to be sent, and what was sent.",
    page: "outbox",
    roles: ["ADMIN"],
  },
  {
    title: "Your password",
    description: "Change the password you sign in with.",
    page: "changePassword",
    roles: ["CASEWORKER", "SSCL_FINANCE", "ACCOUNTANT", "PLAN_MANAGER", "ADMIN"],
  },
];

export function homeSectionsFor(role: Role): { title: string; description: string; href?: string }[] {
  return sections
    .filter((s) => s.roles.includes(role))
    .map((s) => ({ title: s.title, description: s.description, href: s.page ? pages[s.page].pattern : undefined }));
}
